import { getDb } from "@/db/client";
import { kickMediaDownloads } from "@/server/jobs/kick";
import { metaHandshake, receiveMetaWebhook, type MetaProvider } from "@/server/services/webhooks";
import { readBodyLimited } from "./request-body";
import { errorResponse, json } from "./responses";

// WhatsApp and Instagram share Meta's webhook protocol; their route files bind these to a provider.

export function metaWebhookGet(type: MetaProvider) {
  return (req: Request): Response => {
    const challenge = metaHandshake(getDb(), type, new URL(req.url).searchParams);
    if (challenge === null) return new Response("Forbidden", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    // Meta expects the bare challenge back, nothing else.
    return new Response(challenge, { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  };
}

export function metaWebhookPost(type: MetaProvider) {
  return async (req: Request): Promise<Response> => {
    try {
      const raw = await readBodyLimited(req);
      const receipt = receiveMetaWebhook(getDb(), type, raw, req.headers, Date.now());
      // Media is fetched after answering: Meta wants its answer fast and retries slow webhooks.
      if (receipt.pendingMedia) kickMediaDownloads();
      return json({ ok: true });
    } catch (err) {
      return errorResponse(err, `webhook ${type}`);
    }
  };
}
