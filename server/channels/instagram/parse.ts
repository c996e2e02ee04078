import { z } from "zod";
import { WebhookError, type InboundEvent, type InboundMedia, type InboundMessage, type MessageKind } from "../types";
import { compact, isRecord, num, parseEnvelope, str } from "../shared";

// Instagram Messaging webhooks: `{object: "instagram", entry[]: {id, time, messaging[]}}`.
// Each messaging item has sender.id, recipient.id, timestamp (ms) and one of:
//   message   {mid, text, attachments[], is_echo, is_deleted, is_unsupported, reply_to, quick_reply, referral}
//   reaction  {mid, action: react|unreact, reaction, emoji}
//   read      {mid}                      → status "read" of our message
//   postback  {mid, title, payload}      → text with payload.button (the contact tapped a button)
// entry.id (our professional account) routes the event; changes[] (comments, mentions) are not inbox events.

const envelopeSchema = z.object({
  object: z.literal("instagram"),
  entry: z.array(
    z.looseObject({
      id: z.union([z.string().min(1), z.number()]),
      time: z.number().optional(),
      messaging: z.array(z.unknown()).optional(),
    }),
  ),
});

const eventSchema = z.looseObject({
  sender: z.looseObject({ id: z.union([z.string().min(1), z.number()]) }),
  recipient: z.looseObject({ id: z.union([z.string().min(1), z.number()]) }),
  timestamp: z.union([z.number(), z.string()]),
});
type RawEvent = z.infer<typeof eventSchema>;

const ATTACHMENT_KINDS: Record<string, MessageKind> = {
  image: "image",
  animated_image: "image",
  sticker: "image",
  audio: "audio",
  video: "video",
  file: "file",
  // Shared content: the payload.url is the media of the post, reel or story.
  ig_reel: "video",
  reel: "video",
  share: "image",
  ig_post: "image",
  story_mention: "image",
};

export function parseInstagramWebhook(json: unknown): InboundEvent[] {
  const envelope = parseEnvelope(envelopeSchema, json, "Instagram Messaging webhook");
  const events: InboundEvent[] = [];
  envelope.entry.forEach((entry, ei) => {
    const channelExternalId = String(entry.id);
    (entry.messaging ?? []).forEach((item, mi) => {
      const raw = parseEnvelope(eventSchema, item, `Instagram messaging event (entry.${ei}.messaging.${mi})`);
      const event = parseEvent(raw, channelExternalId);
      if (event) events.push(event);
    });
  });
  return events;
}

function toMillis(ts: number | string): number {
  const n = num(ts);
  if (n === undefined || n <= 0) throw new WebhookError(400, `Invalid Instagram timestamp: ${String(ts)}`);
  // Instagram sends milliseconds; tolerate seconds.
  return n < 1e12 ? n * 1000 : n;
}

function parseEvent(e: RawEvent, channelExternalId: string): InboundEvent | undefined {
  const senderId = String(e.sender.id);
  const recipientId = String(e.recipient.id);
  const timestamp = toMillis(e.timestamp);

  if (isRecord(e.message)) return message(e.message, e, channelExternalId, senderId, recipientId, timestamp);

  if (isRecord(e.reaction)) {
    const r = e.reaction;
    const mid = str(r.mid);
    const action = str(r.action) ?? "react";
    const emoji = action === "unreact" ? "" : (str(r.emoji) ?? "");
    return {
      type: "message",
      channelExternalId,
      contact: { externalId: senderId },
      // Reactions have no id of their own; this one is stable across webhook retries.
      providerMessageId: `reaction:${mid ?? "?"}:${senderId}:${action}:${timestamp}`,
      timestamp,
      direction: "in",
      kind: "reaction",
      body: emoji || undefined,
      payload: compact({
        emoji,
        messageId: mid,
        reaction: str(r.reaction),
        removed: action === "unreact" ? true : undefined,
      }),
    };
  }

  if (isRecord(e.read)) {
    const mid = str(e.read.mid);
    if (!mid) return undefined;
    return { type: "status", channelExternalId, providerMessageId: mid, status: "read", timestamp };
  }

  if (isRecord(e.postback)) {
    const pb = e.postback;
    const title = str(pb.title);
    // An empty mid is no id: two taps would be one message (and storage needs a non-empty id).
    const mid = str(pb.mid) || `postback:${senderId}:${timestamp}`;
    return {
      type: "message",
      channelExternalId,
      contact: { externalId: senderId },
      providerMessageId: mid,
      timestamp,
      direction: "in",
      kind: "text",
      body: title,
      payload: compact({ button: compact({ payload: str(pb.payload), text: title }), choiceId: str(pb.payload) }),
    };
  }

  // message_edit, referral-only, optins, handover…: not inbox messages.
  return undefined;
}

function message(
  m: Record<string, unknown>,
  raw: RawEvent,
  channelExternalId: string,
  senderId: string,
  recipientId: string,
  timestamp: number,
): InboundMessage {
  const mid = str(m.mid);
  if (!mid) throw new WebhookError(400, "Instagram message without mid");
  const echo = m.is_echo === true;
  const base: InboundMessage = {
    type: "message",
    channelExternalId,
    // An echo is a message our account sent (from this or another app): the contact is its recipient.
    contact: { externalId: echo ? recipientId : senderId },
    providerMessageId: mid,
    timestamp,
    direction: echo ? "out" : "in",
    kind: "text",
  };

  const replyTo = isRecord(m.reply_to) ? m.reply_to : undefined;
  const replyMid = replyTo ? str(replyTo.mid) : undefined;
  if (replyMid) base.replyToProviderId = replyMid;

  const extra: Record<string, unknown> = {};
  if (replyTo && isRecord(replyTo.story)) {
    extra.storyReply = compact({ id: str(replyTo.story.id), url: str(replyTo.story.url) });
  }
  if (isRecord(m.referral)) extra.referral = m.referral;

  if (m.is_deleted === true) {
    // The contact unsent the message; only its mid is left.
    return { ...base, deleted: true, ...(Object.keys(extra).length ? { payload: extra } : {}) };
  }

  const text = str(m.text);
  if (text !== undefined) base.body = text;

  const attachments = (Array.isArray(m.attachments) ? m.attachments : []).filter(isRecord);
  if (m.is_unsupported === true || (text === undefined && attachments.length === 0)) {
    return { ...base, kind: "unsupported", payload: { ...extra, raw: raw } };
  }

  if (attachments.length > 0) {
    const first = attachments[0];
    const firstType = first ? (str(first.type) ?? "") : "";
    // Own keys only: a type such as "constructor" must not find Object.prototype's.
    const kind = Object.hasOwn(ATTACHMENT_KINDS, firstType) ? ATTACHMENT_KINDS[firstType] : undefined;
    if (!kind) return { ...base, kind: "unsupported", payload: { ...extra, type: firstType, raw } };
    base.kind = kind;
    base.media = attachments.flatMap(attachmentMedia);
    if (firstType !== kind) {
      extra.attachmentType = firstType;
      const p = first && isRecord(first.payload) ? first.payload : {};
      const title = str(p.title);
      if (title) extra.title = title;
      const reelId = str(p.reel_video_id);
      if (reelId) extra.reelVideoId = reelId;
    }
    if (firstType === "story_mention") extra.storyMention = true;
    if (firstType === "sticker") extra.sticker = true;
  }

  if (isRecord(m.quick_reply)) {
    // The contact tapped one of our quick replies.
    extra.button = compact({ payload: str(m.quick_reply.payload), text });
    const choiceId = str(m.quick_reply.payload);
    if (choiceId) extra.choiceId = choiceId;
  }

  if (Object.keys(extra).length > 0) base.payload = extra;
  return base;
}

function attachmentMedia(a: Record<string, unknown>): InboundMedia[] {
  const p = isRecord(a.payload) ? a.payload : {};
  const url = str(p.url);
  return url ? [{ url }] : [];
}
