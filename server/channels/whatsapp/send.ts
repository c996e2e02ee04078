import { createHash } from "node:crypto";
import { GRAPH_API_BASE } from "@/server/domain/channel-config";
import type { HttpRequestSpec, OutboundMessage, SendResult } from "../types";
import { outboundChoices, whatsappChoices } from "../choices";
import {
  UnsendableMessageError,
  compact,
  defaultFetch,
  describeGraphError,
  executeSend,
  interpretGraphResponse,
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
export const WHATSAPP_DEFAULT_API_BASE_URL = GRAPH_API_BASE;

export interface WhatsAppConfig {
  phoneNumberId: string;
  apiBaseUrl: string;
}
export interface WhatsAppSecrets {
  accessToken: string;
  appSecret?: string;
  verifyToken?: string;
}

/** Reads the channel's stored config/secrets, applying defaults; throws naming what is missing. */
export function resolveWhatsAppConfig(
  config: Record<string, string>,
  secrets: Record<string, string>,
): { config: WhatsAppConfig; secrets: WhatsAppSecrets } {
  const phoneNumberId = config.phoneNumberId?.trim();
  const accessToken = secrets.accessToken?.trim();
  if (!phoneNumberId) throw new UnsendableMessageError("WhatsApp channel is missing config.phoneNumberId");
  if (!accessToken) throw new UnsendableMessageError("WhatsApp channel is missing secrets.accessToken");
  return {
    config: { phoneNumberId, apiBaseUrl: baseUrl(config.apiBaseUrl) },
    secrets: compact({ accessToken, appSecret: secrets.appSecret, verifyToken: secrets.verifyToken }),
  };
}

function baseUrl(v: string | undefined): string {
  return (v?.trim() || WHATSAPP_DEFAULT_API_BASE_URL).replace(/\/+$/, "");
}

/** A business-scoped user id (`US.13491208655302741918`, parent `US.ENT.…`), as opposed to a phone number. */
export function isBusinessScopedUserId(id: string): boolean {
  return /^[A-Z]{2}\.[A-Za-z0-9.]+$/.test(id);
}

/**
 * POST {apiBaseUrl}/{phoneNumberId}/messages with the Cloud API body for the message kind.
 * Throws UnsendableMessageError when the message cannot be expressed (missing media URL, etc.).
 */
export function buildWhatsAppSendRequest(
  config: Record<string, string>,
  secrets: Record<string, string>,
  msg: OutboundMessage,
): HttpRequestSpec {
  const resolved = resolveWhatsAppConfig(config, secrets);
  const body: Record<string, unknown> = {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    ...recipient(msg),
  };
  if (msg.replyToProviderId) body.context = { message_id: msg.replyToProviderId };
  Object.assign(body, messageContent(msg));
  return {
    method: "POST",
    url: `${resolved.config.apiBaseUrl}/${encodeURIComponent(resolved.config.phoneNumberId)}/messages`,
    headers: {
      Authorization: `Bearer ${resolved.secrets.accessToken}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify(body),
  };
}

/** Phone numbers go in `to`; contacts known only by their business-scoped user id go in `recipient`. */
function recipient(msg: OutboundMessage): Record<string, string> {
  const phone = msg.to.phone?.replace(/[^\d]/g, "");
  if (phone) return { to: phone };
  const id = msg.to.externalId.trim();
  if (!id) throw new UnsendableMessageError("WhatsApp message has no recipient");
  return isBusinessScopedUserId(id) ? { recipient: id } : { to: id.replace(/^\+/, "") };
}

function messageContent(msg: OutboundMessage): Record<string, unknown> {
  const p = msg.payload ?? {};
  switch (msg.kind) {
    case "text": {
      const choices = outboundChoices(msg);
      if (choices) return whatsappChoices(choices);
      return text(requireBody(msg), p.previewUrl === true);
    }
    case "image":
      if (p.sticker === true) return { type: "sticker", sticker: mediaObject(msg, { caption: false }) };
      return { type: "image", image: mediaObject(msg, { caption: true }) };
    case "video":
      return { type: "video", video: mediaObject(msg, { caption: true }) };
    case "audio":
      // Audio takes no caption; a text accompanying a voice note must go as its own message.
      return { type: "audio", audio: mediaObject(msg, { caption: false }) };
    case "file":
      return { type: "document", document: mediaObject(msg, { caption: true, filename: true }) };
    case "location": {
      const latitude = num(p.latitude);
      const longitude = num(p.longitude);
      if (latitude === undefined || longitude === undefined) {
        throw new UnsendableMessageError("location message needs payload.latitude and payload.longitude");
      }
      return {
        type: "location",
        location: compact({ latitude, longitude, name: str(p.name), address: str(p.address) }),
      };
    }
    case "template":
      return { type: "template", template: template(msg) };
    case "contacts":
      return { type: "contacts", contacts: contactCards(p.contacts) };
    case "reaction": {
      const messageId = str(p.messageId);
      if (!messageId) throw new UnsendableMessageError("reaction needs payload.messageId");
      // An empty emoji removes our reaction.
      return { type: "reaction", reaction: { message_id: messageId, emoji: str(p.emoji) ?? msg.body ?? "" } };
    }
    case "payment_link":
    case "call":
      // The Cloud API has no generic message for either: payment requests exist only as
      // country-specific `order_details` interactive messages, and voice calls go through the
      // separate Calling API. So both are sent as a text carrying the link, with its preview.
      return text(linkText(msg), true);
    default:
      throw new UnsendableMessageError(`WhatsApp cannot send a "${msg.kind}" message`);
  }
}

function text(body: string, previewUrl: boolean): Record<string, unknown> {
  return { type: "text", text: { preview_url: previewUrl, body } };
}

function requireBody(msg: OutboundMessage): string {
  const body = msg.body;
  if (!body || !body.trim()) throw new UnsendableMessageError(`${msg.kind} message has no text`);
  return body;
}

/** `{link}` for a URL the provider fetches, or `{id}` for media already uploaded (payload.providerMediaId). */
function mediaObject(msg: OutboundMessage, opts: { caption: boolean; filename?: boolean }): Record<string, unknown> {
  const id = str(msg.payload?.providerMediaId);
  const link = msg.media?.url;
  if (!id && !link) throw new UnsendableMessageError(`${msg.kind} message needs media.url`);
  return compact({
    ...(id ? { id } : { link }),
    caption: opts.caption && msg.body?.trim() ? msg.body : undefined,
    filename: opts.filename ? msg.media?.fileName : undefined,
  });
}

/**
 * payload: {name (or templateName), language (or languageCode), variables?: string[]} builds a body
 * with text parameters; payload.components, when given, is passed through as-is.
 */
function template(msg: OutboundMessage): Record<string, unknown> {
  const p = msg.payload ?? {};
  const name = str(p.name) ?? str(p.templateName);
  const language = str(p.language) ?? str(p.languageCode);
  if (!name || !language) throw new UnsendableMessageError("template message needs payload.name and payload.language");
  let components: unknown;
  if (Array.isArray(p.components)) {
    components = p.components;
  } else {
    const params = [p.variables, p.params, p.parameters].find(Array.isArray) ?? [];
    const texts = params.map((v) => str(v) ?? "");
    if (texts.length > 0) {
      components = [{ type: "body", parameters: texts.map((t) => ({ type: "text", text: t })) }];
    }
  }
  return compact({ name, language: { code: language }, components });
}

function contactCards(raw: unknown): Record<string, unknown>[] {
  const cards = (Array.isArray(raw) ? raw : []).filter(isRecord) as Partial<ContactCard>[];
  if (cards.length === 0) throw new UnsendableMessageError("contacts message needs payload.contacts");
  return cards.map((c) => {
    const name = c.name?.trim() || c.phones?.[0]?.phone || "Contact";
    return compact({
      name: { formatted_name: name, first_name: name },
      phones: (c.phones ?? []).map((p) => compact({ phone: p.phone, type: p.type, wa_id: p.waId })),
      emails: c.emails?.length ? c.emails.map((e) => compact({ email: e.email, type: e.type })) : undefined,
      org: c.organization ? { company: c.organization } : undefined,
    });
  });
}

/** 2xx → messages[0].id (the wamid later statuses refer to); errors classified retryable/permanent. */
export function interpretWhatsAppSendResponse(status: number, bodyText: string): SendResult {
  return interpretGraphResponse(
    status,
    bodyText,
    (body) => {
      if (!isRecord(body) || !Array.isArray(body.messages)) return undefined;
      const first: unknown = body.messages[0];
      return isRecord(first) ? str(first.id) : undefined;
    },
    "WhatsApp",
  );
}

export function sendWhatsApp(
  config: Record<string, string>,
  secrets: Record<string, string>,
  msg: OutboundMessage,
  fetchImpl: FetchLike = defaultFetch,
): Promise<SendResult> {
  return executeSend(() => buildWhatsAppSendRequest(config, secrets, msg), interpretWhatsAppSendResponse, fetchImpl);
}

// ---------- media download (two steps: resolve the media id to a URL, then GET it with the token) ----------

/** GET {apiBaseUrl}/{mediaId}?phone_number_id=… → JSON {url, mime_type, sha256, file_size, id}. */
export function buildWhatsAppMediaUrlRequest(
  config: Record<string, string>,
  secrets: Record<string, string>,
  mediaId: string,
): HttpRequestSpec {
  const resolved = resolveWhatsAppConfig(config, secrets);
  if (!mediaId.trim()) throw new UnsendableMessageError("media id is empty");
  const query = new URLSearchParams({ phone_number_id: resolved.config.phoneNumberId });
  return {
    method: "GET",
    url: `${resolved.config.apiBaseUrl}/${encodeURIComponent(mediaId.trim())}?${query.toString()}`,
    headers: { Authorization: `Bearer ${resolved.secrets.accessToken}` },
  };
}

export type WhatsAppMediaInfo =
  | { ok: true; url: string; mimeType?: string; sha256?: string; fileSize?: number }
  | { ok: false; retryable: boolean; reason: string };

export function interpretWhatsAppMediaUrlResponse(status: number, bodyText: string): WhatsAppMediaInfo {
  const body = parseJsonSafe(bodyText);
  if (status >= 200 && status < 300) {
    const url = isRecord(body) ? str(body.url) : undefined;
    if (!url || !isRecord(body)) {
      return { ok: false, retryable: false, reason: `media lookup returned no url: ${truncate(bodyText, 200)}` };
    }
    return compact({
      ok: true as const,
      url,
      mimeType: str(body.mime_type),
      sha256: str(body.sha256),
      fileSize: num(body.file_size),
    });
  }
  const graph = describeGraphError(body);
  return {
    ok: false,
    retryable: isRetryableHttpStatus(status) || (graph?.transient ?? false),
    reason: graph ? `HTTP ${status} ${graph.reason}` : `HTTP ${status}: ${truncate(bodyText, 200)}`,
  };
}

/**
 * The follow-up GET of the URL from the media lookup; it needs the same Bearer token. Only https
 * URLs are accepted so the token is never sent in clear text. The URL expires after a few minutes.
 */
export function buildWhatsAppMediaDownloadRequest(secrets: Record<string, string>, url: string): HttpRequestSpec {
  const accessToken = secrets.accessToken?.trim();
  if (!accessToken) throw new UnsendableMessageError("WhatsApp channel is missing secrets.accessToken");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UnsendableMessageError(`invalid media URL: ${url}`);
  }
  if (parsed.protocol !== "https:") throw new UnsendableMessageError("media URL must use https");
  return { method: "GET", url: parsed.toString(), headers: { Authorization: `Bearer ${accessToken}` } };
}

/** Compares downloaded bytes with the sha256 from the webhook or the media lookup (hex or base64). */
export function verifyWhatsAppMediaSha256(bytes: Uint8Array, sha256: string): boolean {
  const digest = createHash("sha256").update(bytes).digest();
  const expected = sha256.trim();
  return digest.toString("hex") === expected.toLowerCase() || digest.toString("base64") === expected;
}
