import { ZENVIA_API_BASE } from "@/server/domain/channel-config";
import type { HttpRequestSpec, OutboundMessage, SendResult } from "../types";
import { outboundChoices, zenviaChoices } from "../choices";
import {
  UnsendableMessageError,
  compact,
  defaultFetch,
  executeSend,
  isRecord,
  isRetryableHttpStatus,
  linkText,
  num,
  parseJsonSafe,
  str,
  truncate,
  type ContactCard,
  type FetchLike,
} from "../shared";

// One source of truth with the channel settings form and CLI defaults.
export const ZENVIA_DEFAULT_API_BASE_URL = ZENVIA_API_BASE;
export const ZENVIA_CHANNELS = ["whatsapp", "instagram"] as const;
export type ZenviaChannel = (typeof ZENVIA_CHANNELS)[number];

export interface ZenviaConfig {
  senderId: string;
  zenviaChannel: ZenviaChannel;
  apiBaseUrl: string;
}
export interface ZenviaSecrets {
  apiToken: string;
  webhookSecret?: string;
}

export function resolveZenviaConfig(
  config: Record<string, string>,
  secrets: Record<string, string>,
): { config: ZenviaConfig; secrets: ZenviaSecrets } {
  const senderId = config.senderId?.trim();
  const channel = config.zenviaChannel?.trim();
  const apiToken = secrets.apiToken?.trim();
  if (!senderId) throw new UnsendableMessageError("Zenvia channel is missing config.senderId");
  if (!isZenviaChannel(channel)) {
    throw new UnsendableMessageError(`Zenvia config.zenviaChannel must be "whatsapp" or "instagram", got ${JSON.stringify(channel ?? null)}`);
  }
  if (!apiToken) throw new UnsendableMessageError("Zenvia channel is missing secrets.apiToken");
  const apiBaseUrl = (config.apiBaseUrl?.trim() || ZENVIA_DEFAULT_API_BASE_URL).replace(/\/+$/, "");
  return {
    config: { senderId, zenviaChannel: channel, apiBaseUrl },
    secrets: compact({ apiToken, webhookSecret: secrets.webhookSecret }),
  };
}

function isZenviaChannel(v: string | undefined): v is ZenviaChannel {
  return v === "whatsapp" || v === "instagram";
}

/**
 * POST {apiBaseUrl}/v2/channels/{whatsapp|instagram}/messages, header X-API-TOKEN, body
 * `{from: senderId, to, contents: [content]}`. Zenvia's Instagram channel accepts only text and file.
 */
export function buildZenviaSendRequest(
  config: Record<string, string>,
  secrets: Record<string, string>,
  msg: OutboundMessage,
): HttpRequestSpec {
  const resolved = resolveZenviaConfig(config, secrets);
  const channel = resolved.config.zenviaChannel;
  const to = channel === "whatsapp" ? (msg.to.phone?.replace(/[^\d]/g, "") || msg.to.externalId.trim()) : msg.to.externalId.trim();
  if (!to) throw new UnsendableMessageError("Zenvia message has no recipient");
  return {
    method: "POST",
    url: `${resolved.config.apiBaseUrl}/v2/channels/${channel}/messages`,
    headers: {
      "X-API-TOKEN": resolved.secrets.apiToken,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({ from: resolved.config.senderId, to, contents: [contentFor(msg, channel)] }),
  };
}

function contentFor(msg: OutboundMessage, channel: ZenviaChannel): Record<string, unknown> {
  const p = msg.payload ?? {};
  switch (msg.kind) {
    case "text": {
      const choices = outboundChoices(msg);
      if (choices) return zenviaChoices(choices, channel);
      return { type: "text", text: requireText(msg.body, msg.kind) };
    }
    case "payment_link":
    case "call":
      // No payment or call content in Zenvia v2: the link goes as text (see the WhatsApp adapter).
      return { type: "text", text: linkText(msg) };
    case "image":
    case "audio":
    case "video":
    case "file": {
      const fileUrl = msg.media?.url;
      if (!fileUrl) throw new UnsendableMessageError(`${msg.kind} message needs media.url`);
      return compact({
        type: "file",
        fileUrl,
        fileMimeType: msg.media?.mimeType,
        // Zenvia shows captions on images and videos only.
        fileCaption: (msg.kind === "image" || msg.kind === "video") && msg.body?.trim() ? msg.body : undefined,
        fileName: msg.media?.fileName,
      });
    }
    default:
      if (channel !== "whatsapp") throw new UnsendableMessageError(`Zenvia's Instagram channel cannot send a "${msg.kind}" message`);
  }
  switch (msg.kind) {
    case "location": {
      const latitude = num(p.latitude);
      const longitude = num(p.longitude);
      if (latitude === undefined || longitude === undefined) {
        throw new UnsendableMessageError("location message needs payload.latitude and payload.longitude");
      }
      return compact({ type: "location", longitude, latitude, name: str(p.name), address: str(p.address) });
    }
    case "template": {
      // Zenvia addresses templates by id and fills named fields. payload.templateId/fields win;
      // otherwise the template's name is used as its id and positional variables become "1", "2", ….
      const templateId = str(p.templateId) ?? str(p.name);
      if (!templateId) throw new UnsendableMessageError("Zenvia template message needs payload.templateId");
      let fields: Record<string, unknown> | undefined = isRecord(p.fields) ? p.fields : undefined;
      if (!fields && Array.isArray(p.variables) && p.variables.length > 0) {
        fields = Object.fromEntries(p.variables.map((v, i) => [String(i + 1), str(v) ?? ""]));
      }
      return compact({ type: "template", templateId, fields });
    }
    case "contacts":
      return { type: "contacts", contacts: contactCards(p.contacts) };
    default:
      throw new UnsendableMessageError(`Zenvia cannot send a "${msg.kind}" message`);
  }
}

function requireText(body: string | undefined, kind: string): string {
  if (!body || !body.trim()) throw new UnsendableMessageError(`${kind} message has no text`);
  return body;
}

function contactCards(raw: unknown): Record<string, unknown>[] {
  const cards = (Array.isArray(raw) ? raw : []).filter(isRecord) as Partial<ContactCard>[];
  if (cards.length === 0) throw new UnsendableMessageError("contacts message needs payload.contacts");
  return cards.map((c) => {
    const name = c.name?.trim() || c.phones?.[0]?.phone || "Contact";
    return compact({
      name: { formattedName: name, firstName: name.split(/\s+/)[0] ?? name },
      phones: (c.phones ?? []).map((p) => compact({ phone: p.phone, type: p.type?.toUpperCase(), waId: p.waId })),
      emails: c.emails?.length ? c.emails.map((e) => compact({ email: e.email, type: e.type?.toUpperCase() })) : undefined,
      org: c.organization ? { company: c.organization } : undefined,
    });
  });
}

/** Zenvia errors: `{code, message, details: [{code, path, message}]}`. */
function describeZenviaError(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const code = str(body.code);
  const message = str(body.message);
  if (!code && !message) return undefined;
  const details = (Array.isArray(body.details) ? body.details : [])
    .filter(isRecord)
    .map((d) => [str(d.path), str(d.message) ?? str(d.code)].filter(Boolean).join(": "))
    .filter(Boolean);
  const head = code && message ? `${code}: ${message}` : (code ?? message ?? "");
  return details.length ? `${head} — ${details.join("; ")}` : head;
}

/** 2xx → the created message's `id` (what status events carry as messageId). */
export function interpretZenviaSendResponse(status: number, bodyText: string): SendResult {
  const body = parseJsonSafe(bodyText);
  if (status >= 200 && status < 300) {
    const id = isRecord(body) ? str(body.id) : undefined;
    if (id) return { ok: true, providerMessageId: id };
    return { ok: false, retryable: false, reason: `Zenvia answered HTTP ${status} without a message id: ${truncate(bodyText, 200)}` };
  }
  const described = describeZenviaError(body);
  return {
    ok: false,
    retryable: isRetryableHttpStatus(status),
    reason: described ? `HTTP ${status} ${described}` : `HTTP ${status}${bodyText ? `: ${truncate(bodyText, 200)}` : ""}`,
  };
}

export function sendZenvia(
  config: Record<string, string>,
  secrets: Record<string, string>,
  msg: OutboundMessage,
  fetchImpl: FetchLike = defaultFetch,
): Promise<SendResult> {
  return executeSend(() => buildZenviaSendRequest(config, secrets, msg), interpretZenviaSendResponse, fetchImpl);
}
