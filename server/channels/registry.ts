import type { ChannelType, InboundEvent, OutboundMessage, SendResult } from "./types";
import { verifyMetaHandshake, verifyMetaSignature, verifyZenviaSecret, ZENVIA_SECRET_HEADER } from "./signature";
import type { FetchLike } from "./shared";
import { parseWhatsAppWebhook } from "./whatsapp/parse";
import { sendWhatsApp } from "./whatsapp/send";
import { parseInstagramWebhook } from "./instagram/parse";
import { sendInstagram } from "./instagram/send";
import { parseZenviaWebhook } from "./zenvia/parse";
import { sendZenvia } from "./zenvia/send";
import { parseWebchatMessage } from "./webchat/parse";
import { sendWebchat } from "./webchat/send";

// Services pick an adapter by channel type:
//   const adapter = channelAdapters[channel.type];
//   if (!adapter.verify({ rawBody, headers }, secrets)) → 401
//   const events = adapter.parse(JSON.parse(rawBody), { channelExternalId }); // throws WebhookError(400)
//   const result = await adapter.send(config, secrets, outbound);            // never throws

export type HeaderBag = Headers | Record<string, string | string[] | undefined>;

export interface VerifyInput {
  /** The body exactly as received (signatures are computed over these bytes). */
  rawBody: Buffer | string;
  headers: HeaderBag;
}

export interface ParseContext {
  /** Our channel's external id; required by the web chat, whose body does not carry it. */
  channelExternalId?: string;
  now?: number;
}

export interface ChannelAdapter {
  type: ChannelType;
  /** Where the webhook's authenticity comes from, for logs and the setup screen. */
  verification: "meta-signature" | "shared-secret-header" | "none";
  parse(json: unknown, ctx?: ParseContext): InboundEvent[];
  send(
    config: Record<string, string>,
    secrets: Record<string, string>,
    msg: OutboundMessage,
    fetchImpl?: FetchLike,
  ): Promise<SendResult>;
  /** Authenticity of a webhook POST; false → answer 401 and do not parse. */
  verify(input: VerifyInput, secrets: Record<string, string>): boolean;
  /** Meta's GET subscription handshake: the challenge to echo, or null (→ 403). */
  handshake?(params: URLSearchParams, secrets: Record<string, string>): string | null;
}

export function headerValue(headers: HeaderBag, name: string): string | null {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (k.toLowerCase() !== wanted) continue;
    if (Array.isArray(v)) return v[0] ?? null;
    return v ?? null;
  }
  return null;
}

const metaVerify = (input: VerifyInput, secrets: Record<string, string>) =>
  verifyMetaSignature(input.rawBody, headerValue(input.headers, "x-hub-signature-256"), secrets.appSecret ?? "");

const metaHandshake = (params: URLSearchParams, secrets: Record<string, string>) =>
  verifyMetaHandshake(params, secrets.verifyToken ?? "");

export const channelAdapters: Record<ChannelType, ChannelAdapter> = {
  whatsapp: {
    type: "whatsapp",
    verification: "meta-signature",
    parse: (json) => parseWhatsAppWebhook(json),
    send: sendWhatsApp,
    verify: metaVerify,
    handshake: metaHandshake,
  },
  instagram: {
    type: "instagram",
    verification: "meta-signature",
    parse: (json) => parseInstagramWebhook(json),
    send: sendInstagram,
    verify: metaVerify,
    handshake: metaHandshake,
  },
  zenvia: {
    type: "zenvia",
    verification: "shared-secret-header",
    parse: (json) => parseZenviaWebhook(json),
    send: sendZenvia,
    verify: (input, secrets) =>
      verifyZenviaSecret(headerValue(input.headers, ZENVIA_SECRET_HEADER), secrets.webhookSecret ?? ""),
  },
  webchat: {
    type: "webchat",
    // The widget is public: abuse is limited by rate limits and validation, not by a secret.
    verification: "none",
    parse: (json, ctx) => {
      if (!ctx?.channelExternalId) throw new Error("web chat parse needs ctx.channelExternalId");
      return [parseWebchatMessage(json, ctx.channelExternalId, ctx.now)];
    },
    send: (config, secrets, msg) => sendWebchat(config, secrets, msg),
    verify: () => true,
  },
};

export function getChannelAdapter(type: ChannelType): ChannelAdapter {
  return channelAdapters[type];
}
