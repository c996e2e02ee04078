import { networksOf } from "./channel-names";
import { badRequest, preconditionFailed } from "./errors";
import type { ChannelRef, OutboundKind } from "./types";

// WhatsApp and Instagram accept free-form messages from a business only within 24 hours of the
// contact's last message to it (Zenvia relays to them and inherits the rule). Outside the window
// WhatsApp accepts only pre-approved templates, and Instagram accepts nothing. Web chat has no window.

export const REPLY_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface ReplyWindow {
  open: boolean;
  /** When free-form messages stop being accepted; null when the contact has never written. */
  closesAt: number | null;
}

/** Open up to, but not including, exactly 24 hours after the last inbound message. */
export function replyWindow(lastInboundAt: number | null, now: number): ReplyWindow {
  if (lastInboundAt === null) return { open: false, closesAt: null };
  const closesAt = lastInboundAt + REPLY_WINDOW_MS;
  return { open: now < closesAt, closesAt };
}

export function assertCanSendFreeText(
  channel: ChannelRef,
  lastInboundAt: number | null,
  now: number,
  kind: OutboundKind,
): void {
  const { open } = replyWindow(lastInboundAt, now);
  const neverWrote = lastInboundAt === null;
  for (const network of networksOf(channel)) {
    if (network === "webchat") continue;
    if (network === "whatsapp") {
      if (kind === "template" || open) continue;
      throw preconditionFailed(
        neverWrote
          ? "This contact hasn't written to us on WhatsApp yet, so only a template can be sent."
          : "More than 24 hours have passed since the contact's last message, so WhatsApp only allows sending a template.",
        { key: neverWrote ? "error.window.whatsappNever" : "error.window.whatsappClosed" },
      );
    }
    if (kind === "template") {
      throw badRequest("Instagram has no message templates; write a regular reply instead.", { key: "error.window.instagramTemplates" });
    }
    if (!open) {
      throw preconditionFailed(
        neverWrote
          ? "This contact hasn't written to us on Instagram yet, and Instagram only allows replies within 24 hours of the contact's last message."
          : "Instagram's 24-hour window has closed: the contact's last message is more than 24 hours old, so nothing can be sent until they write again.",
        { key: neverWrote ? "error.window.instagramNever" : "error.window.instagramClosed" },
      );
    }
  }
}
