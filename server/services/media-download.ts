import {
  buildWhatsAppMediaDownloadRequest,
  buildWhatsAppMediaUrlRequest,
  interpretWhatsAppMediaUrlResponse,
  verifyWhatsAppMediaSha256,
} from "@/server/channels/whatsapp/send";
import { errorMessage, isRetryableHttpStatus, UnsendableMessageError } from "@/server/channels/shared";
import type { HttpRequestSpec } from "@/server/channels/types";
import { baseMimeType } from "@/server/domain/media-limits";
import type { ChannelRow } from "@/server/repositories/channels";
import { readCapped, TooLargeError } from "./media-store";

// Fetching an inbound attachment from its provider. WhatsApp gives a media id: look its URL up with
// the token, then GET it with the token. Instagram and Zenvia give a URL to GET as it is.

/** The part of `fetch` used here; real `fetch` and a test's function returning `new Response(...)` both fit. */
export type MediaFetch = (url: string, init: { method: string; headers: Record<string, string>; signal?: AbortSignal }) => Promise<Response>;

export type Downloaded =
  | { ok: true; bytes: Buffer; mimeType: string | null }
  | { ok: false; retryable: boolean; reason: string };

const DOWNLOAD_TIMEOUT_MS = 120_000;

async function get(fetchImpl: MediaFetch, spec: Pick<HttpRequestSpec, "url" | "headers">): Promise<Response> {
  return fetchImpl(spec.url, { method: "GET", headers: spec.headers, signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
}

async function readFile(res: Response): Promise<Downloaded> {
  if (res.status < 200 || res.status >= 300) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, retryable: isRetryableHttpStatus(res.status), reason: `The provider answered HTTP ${res.status} to the download.` };
  }
  const type = res.headers.get("content-type");
  return { ok: true, bytes: await readCapped(res), mimeType: type ? baseMimeType(type) : null };
}

export async function downloadMedia(channel: ChannelRow, reference: string, fetchImpl: MediaFetch): Promise<Downloaded> {
  try {
    if (channel.type === "whatsapp" && !/^https?:\/\//.test(reference)) {
      const lookup = buildWhatsAppMediaUrlRequest(channel.config, channel.secrets, reference);
      const answer = await get(fetchImpl, lookup);
      const info = interpretWhatsAppMediaUrlResponse(answer.status, await answer.text());
      if (!info.ok) return info;
      const file = await readFile(await get(fetchImpl, buildWhatsAppMediaDownloadRequest(channel.secrets, info.url)));
      if (file.ok && info.sha256 && !verifyWhatsAppMediaSha256(file.bytes, info.sha256)) {
        return { ok: false, retryable: true, reason: "The downloaded file does not match the checksum WhatsApp gave." };
      }
      if (file.ok && !file.mimeType && info.mimeType) file.mimeType = baseMimeType(info.mimeType);
      return file;
    }
    if (!/^https?:\/\//.test(reference)) return { ok: false, retryable: false, reason: "The provider gave no address for this file." };
    return await readFile(await get(fetchImpl, { url: reference, headers: {} }));
  } catch (err) {
    if (err instanceof TooLargeError || err instanceof UnsendableMessageError) return { ok: false, retryable: false, reason: err.message };
    return { ok: false, retryable: true, reason: `Network error: ${errorMessage(err)}` };
  }
}
