import type { DbOrTx } from "@/db/client";
import { kickDispatcher } from "@/server/jobs/kick";
import { limitFor } from "@/server/domain/message-limits";
import { replyWindow } from "@/server/domain/reply-window";
import { graphemeCount } from "@/server/domain/text";
import type { ChannelRow } from "@/server/repositories/channels";
import type { ChatRow } from "@/server/repositories/chats";
import { insertMessage } from "@/server/repositories/messages";

// A team's greeting and away message go out as automatic ('bot') messages through the outbox. They are
// courtesy, not an answer: the chat still waits for a person (pending stays on, and the reports never count
// them as a reply). One that would break the channel's rules is not sent: the contact's message is still
// filed, and nothing else depends on it.

export function sendTeamMessage(tx: DbOrTx, chat: ChatRow, channel: ChannelRow, body: string, purpose: "greeting" | "away", now: number): boolean {
  const zenvia = channel.config.zenviaChannel;
  const spec = { channelType: channel.type, zenviaChannel: zenvia === "whatsapp" || zenvia === "instagram" ? (zenvia as "whatsapp" | "instagram") : null, purpose: "bot" as const };
  if (graphemeCount(body) > limitFor(spec)) return false;
  // The contact has just written, so the 24-hour window is open; a message filed late (a redelivery days
  // after) may be outside it, and web chat has no window.
  if (channel.type !== "webchat" && !replyWindow(chat.lastInboundAt, now).open) return false;
  const status = channel.type === "webchat" ? "sent" : "queued";
  insertMessage(tx, {
    chatId: chat.id,
    contactId: chat.contactId,
    channelId: chat.channelId,
    direction: "out",
    authorKind: "bot",
    kind: "text",
    body,
    payload: { teamMessage: purpose },
    status,
    nextAttemptAt: status === "queued" ? now : null,
    createdAt: now,
  });
  if (status === "queued") kickDispatcher();
  return true;
}
