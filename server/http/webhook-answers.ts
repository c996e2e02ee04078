import type { Db } from "@/db/client";
import type { HeaderBag } from "@/server/channels/registry";
import { fileInboundSoon } from "@/server/jobs/inbound";
import { metaHandshake, receiveMetaWebhook, receiveZenviaWebhook, zenviaChannel, type MetaProvider } from "@/server/services/webhooks";
import { errorAnswer, jsonAnswer, type PlainAnswer } from "./responses";

// The providers' webhooks as plain answers, shared by the route handlers and the front server.

const TEXT = { "Content-Type": "text/plain; charset=utf-8" };

export function metaHandshakeAnswer(db: Db, type: MetaProvider, params: URLSearchParams): PlainAnswer {
  const challenge = metaHandshake(db, type, params);
  // Meta expects the bare challenge back, nothing else.
  return challenge === null ? { status: 403, headers: TEXT, body: "Forbidden" } : { status: 200, headers: TEXT, body: challenge };
}

/**
 * `raw` is the body as read (or the error reading it, e.g. too large). Accepted is answered at once: the
 * providers want their answer fast and retry slow webhooks. Filing follows on the next turns of the loop.
 */
function acceptedAnswer(db: Db, label: string, raw: Buffer | Error, receive: (body: Buffer) => { accepted: number }): PlainAnswer {
  try {
    if (raw instanceof Error) throw raw;
    if (receive(raw).accepted) fileInboundSoon(db);
    return jsonAnswer({ ok: true });
  } catch (err) {
    return errorAnswer(err, label);
  }
}

export function metaWebhookAnswer(db: Db, type: MetaProvider, raw: Buffer | Error, headers: HeaderBag, now: number): PlainAnswer {
  return acceptedAnswer(db, `webhook ${type}`, raw, (body) => receiveMetaWebhook(db, type, body, headers, now));
}

/** The 404 for a Zenvia call to no channel of ours, answered before its body is read; null when the channel exists. */
export function zenviaUnknownChannelAnswer(db: Db, channelId: string): PlainAnswer | null {
  try {
    zenviaChannel(db, channelId);
    return null;
  } catch (err) {
    return errorAnswer(err, "webhook zenvia");
  }
}

export function zenviaWebhookAnswer(db: Db, channelId: string, raw: Buffer | Error, headers: HeaderBag, now: number): PlainAnswer {
  return acceptedAnswer(db, "webhook zenvia", raw, (body) => receiveZenviaWebhook(db, channelId, body, headers, now));
}
