import { randomUUID } from "node:crypto";
import type { OutboundMessage, SendResult } from "../types";

// The web chat has no provider to call: the widget fetches agent messages from our own API.
// "Sending" succeeds at once with a local id; only text-like kinds make sense in the widget.

const WEBCHAT_KINDS = new Set(["text", "payment_link", "call", "image", "audio", "video", "file", "location"]);

export async function sendWebchat(
  _config: Record<string, string>,
  _secrets: Record<string, string>,
  msg: OutboundMessage,
): Promise<SendResult> {
  if (!WEBCHAT_KINDS.has(msg.kind)) {
    return { ok: false, retryable: false, reason: `the web chat cannot show a "${msg.kind}" message` };
  }
  if (!msg.body?.trim() && !msg.media?.url && msg.kind !== "location") {
    return { ok: false, retryable: false, reason: "empty message" };
  }
  return { ok: true, providerMessageId: `webchat:${randomUUID()}` };
}
