import type { Db } from "@/db/client";
import { assertCanSendFreeText, badRequest, conflict, notFound, type OutboundKind, type Viewer } from "@/server/domain";
import { writeAudit } from "@/server/repositories/audit";
import { findChannel } from "@/server/repositories/channels";
import { findMessage, updateMessage, type MessageRow } from "@/server/repositories/messages";
import { kickDispatcher } from "@/server/jobs/kick";
import { loadVisibleChat } from "./chat-access";
import { channelRef } from "./send-message";

const SENDABLE = new Set<string>(["text", "audio", "image", "video", "file", "location", "payment_link", "template"]);

/**
 * An agent asks to send a failed message again: it goes back to the outbox with a fresh attempt count.
 * Only the agent's own failed messages qualify, in a chat the agent may see, and within the channel's rules.
 */
export function retryMessage(db: Db, viewer: Viewer, messageId: number, now: number): MessageRow {
  const message = db.transaction(
    (tx) => {
      const found = findMessage(tx, messageId);
      if (!found) throw notFound(`There is no message #${messageId}.`, { key: "error.message.notFound", params: { id: String(messageId) } });
      const chat = loadVisibleChat(tx, viewer, found.chatId);
      if (found.direction !== "out" || found.status !== "failed") throw conflict("Only a message that failed to send can be retried.", { key: "error.message.retryFailedOnly" });
      if (found.deletedAt) throw badRequest("This message was deleted.", { key: "error.message.deleted" });
      const channel = findChannel(tx, found.channelId)!;
      if (SENDABLE.has(found.kind)) assertCanSendFreeText(channelRef(channel), chat.lastInboundAt, now, found.kind as OutboundKind);
      const patch = { status: "queued" as const, statusReason: null, attempts: 0, nextAttemptAt: now, sendingSince: null };
      updateMessage(tx, found.id, patch);
      writeAudit(tx, { actorId: viewer.id, action: "message.retry", targetType: "message", targetId: found.id, details: { chatId: chat.id } }, now);
      return { ...found, ...patch };
    },
    { behavior: "immediate" },
  );
  kickDispatcher();
  return message;
}
