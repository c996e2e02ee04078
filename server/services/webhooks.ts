import type { Db } from "@/db/client";
import { getChannelAdapter, headerValue, type HeaderBag } from "@/server/channels/registry";
import { verifyMetaHandshake, verifyMetaSignature, verifyZenviaSecret, ZENVIA_SECRET_HEADER } from "@/server/channels/signature";
import { WebhookError } from "@/server/channels/types";
import { findChannel, listChannels, type ChannelRow } from "@/server/repositories/channels";
import { parseJsonBody } from "@/server/http/request-body";
import { acceptInbound, type RoutedEvent } from "./inbound-queue";

// Provider webhooks: authenticate, parse and route each event to its channel, then accept the delivery
// into the inbound queue with one insert — the webhook is answered then. server/jobs/inbound.ts files the
// queue into chats right after, in batches (services/inbound-queue.ts); a redelivery, even a concurrent one,
// finds the provider's message ids already filed and writes nothing.

export type MetaProvider = "whatsapp" | "instagram";

export interface WebhookReceipt {
  /** Events accepted into the inbound queue. */
  accepted: number;
  /** Events for channels we do not have (another number on the same Meta app): acknowledged, ignored. */
  ignored: number;
}

function activeChannels(db: Db, type: ChannelRow["type"]): ChannelRow[] {
  return listChannels(db).filter((c) => c.type === type && c.active);
}

/** Meta's GET handshake: any channel of the type whose verify token matches answers the challenge. */
export function metaHandshake(db: Db, type: MetaProvider, params: URLSearchParams): string | null {
  for (const channel of activeChannels(db, type)) {
    // The verify token lives in config (it is pasted into Meta's console); older rows may keep it in secrets.
    const token = channel.config.verifyToken ?? channel.secrets.verifyToken ?? "";
    const challenge = verifyMetaHandshake(params, token);
    if (challenge !== null) return challenge;
  }
  return null;
}

export function receiveMetaWebhook(db: Db, type: MetaProvider, raw: Buffer, headers: HeaderBag, now: number): WebhookReceipt {
  const events = getChannelAdapter(type).parse(parseJsonBody(raw));
  const channels = activeChannels(db, type);
  const byExternalId = new Map(channels.filter((c) => c.externalId).map((c) => [c.externalId!, c]));
  const routed: RoutedEvent[] = [];
  let ignored = 0;
  for (const event of events) {
    const channel = event.channelExternalId ? byExternalId.get(event.channelExternalId) : undefined;
    if (channel) routed.push({ channel, event });
    else ignored += 1;
  }

  const signature = headerValue(headers, "x-hub-signature-256");
  const signedBy = (c: ChannelRow) => verifyMetaSignature(raw, signature, c.secrets.appSecret ?? "");
  // Meta signs with one app's secret, and one delivery only carries that app's numbers: every channel
  // the body writes to must accept the signature. A body for none of ours must still come from one of our apps.
  const targets = [...new Set(routed.map((r) => r.channel))];
  const authentic = targets.length ? targets.every(signedBy) : channels.some(signedBy);
  if (!authentic) throw new WebhookError(401, "Missing or invalid X-Hub-Signature-256.");

  return { ...acceptInbound(db, routed, now), ignored };
}

export function receiveZenviaWebhook(db: Db, channelId: string, raw: Buffer, headers: HeaderBag, now: number): WebhookReceipt {
  const channel = zenviaChannel(db, channelId);
  if (!verifyZenviaSecret(headerValue(headers, ZENVIA_SECRET_HEADER), channel.secrets.webhookSecret ?? "")) {
    throw new WebhookError(401, `Missing or invalid ${ZENVIA_SECRET_HEADER} header.`);
  }
  // The URL names the channel; Zenvia's status events do not always carry our sender id.
  const events = getChannelAdapter("zenvia").parse(parseJsonBody(raw));
  return { ...acceptInbound(db, events.map((event) => ({ channel, event })), now), ignored: 0 };
}

/** 404 before reading the body: an unknown or inactive channel id. */
export function zenviaChannel(db: Db, channelId: string): ChannelRow {
  const id = /^\d{1,12}$/.test(channelId) ? Number(channelId) : NaN;
  const channel = Number.isSafeInteger(id) ? findChannel(db, id) : undefined;
  if (!channel || channel.type !== "zenvia" || !channel.active) throw new WebhookError(404, `There is no Zenvia channel #${channelId}.`);
  return channel;
}
