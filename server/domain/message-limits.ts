import { channelLabel, networksOf } from "./channel-names";
import { badRequest } from "./errors";
import { formatCount, graphemeCount, isBlank } from "./text";
import type { ChannelType, ZenviaSubChannel } from "./types";

// Lengths are counted in grapheme clusters (see text.ts): the characters people see, so an emoji
// with a skin tone is 1 and "é" is 1 however it was typed.

export type TextPurpose = "reply" | "template" | "quick_reply" | "bot";

export interface LimitSpec {
  channelType: ChannelType;
  zenviaChannel?: ZenviaSubChannel | null;
  purpose: TextPurpose;
}

export const REPLY_LIMITS = { whatsapp: 4096, instagram: 1000, webchat: 4096 } as const;
export const TEMPLATE_BODY_LIMIT = 1024;
export const QUICK_REPLY_LIMIT = 60_000;
export const BOT_MESSAGE_LIMIT = 1024;

function replyLimit(spec: LimitSpec): number {
  const channel = { type: spec.channelType, zenviaChannel: spec.zenviaChannel };
  return Math.min(...networksOf(channel).map((network) => REPLY_LIMITS[network]));
}

export function limitFor(spec: LimitSpec): number {
  switch (spec.purpose) {
    case "reply":
      return replyLimit(spec);
    case "template":
      return TEMPLATE_BODY_LIMIT;
    // Quick replies are inserted into the composer and edited before sending; the reply limit
    // applies when it is sent.
    case "quick_reply":
      return QUICK_REPLY_LIMIT;
    // Greeting and away messages are sent as ordinary replies, so they must also fit the channel.
    case "bot":
      return Math.min(BOT_MESSAGE_LIMIT, replyLimit(spec));
  }
}

function subject(spec: LimitSpec): string {
  const channel = channelLabel({ type: spec.channelType, zenviaChannel: spec.zenviaChannel });
  switch (spec.purpose) {
    case "reply":
      return `${channel} replies`;
    case "template":
      return "Template bodies";
    case "quick_reply":
      return "Quick replies";
    case "bot":
      return `Automatic messages on ${channel}`;
  }
}

/** Throws BAD_REQUEST when the text is blank or longer than the limit. */
export function assertWithinLimit(text: string, spec: LimitSpec): void {
  if (isBlank(text)) throw badRequest("The message is empty; write something first.", { key: "error.message.empty" });
  const max = limitFor(spec);
  // A grapheme is at least one UTF-16 unit, so a text this short can't be over; skip counting.
  if (text.length <= max) return;
  const length = graphemeCount(text);
  if (length > max) {
    throw badRequest(
      `${subject(spec)} are limited to ${formatCount(max)} characters; this one has ${formatCount(length)}.`,
      {
        key: `error.limit.${spec.purpose}`,
        params: { channel: channelLabel({ type: spec.channelType, zenviaChannel: spec.zenviaChannel }), max, count: length },
      },
    );
  }
}
