import type { Db } from "@/db/client";
import { queueChat } from "@/server/domain/chat-queueing";
import { writeAudit } from "@/server/repositories/audit";
import { insertChat, type ChatRow } from "@/server/repositories/chats";
import { findSystemReason } from "@/server/repositories/close-reasons";
import { setChatQueue } from "@/server/repositories/teams";
import { loadVisibleChat } from "../chat-access";
import type { ActionContext } from "../chat-actions";
import { recordSystemEvents, writeDecision } from "../chat-records";
import { distribute, roomAppeared } from "./distribute";
import { requireTeam } from "./teams";

export interface QueueResult {
  type: "requeue" | "transfer";
  /** The chat now in the team's queue (the new one after a transfer) — or already placed, when distributed at once. */
  chat: ChatRow;
  closedChatId?: number;
}

/**
 * Assign → a team: the chat waits in that team's queue (and is distributed at once if the team does so).
 * From someone's hands this is a transfer: their chat closes as "Transferred" and a new, unassigned one opens.
 */
export function assignChatToTeam(db: Db, ctx: ActionContext, chatId: number, teamId: number): QueueResult {
  return db.transaction(
    (tx) => {
      const chat = loadVisibleChat(tx, ctx.viewer, chatId);
      const team = requireTeam(tx, teamId);
      const transferred = findSystemReason(tx, "transferred")!;
      const decision = queueChat(chat, { teamId, teamName: team.name, actorId: ctx.viewer.id, now: ctx.now, transferredReasonId: transferred.id });
      if (decision.type === "requeue") {
        const updated = writeDecision(tx, chat, decision.chat, ctx.now);
        setChatQueue(tx, chat.id, teamId, ctx.now);
        writeAudit(tx, { actorId: ctx.viewer.id, action: "chat.queue", targetType: "chat", targetId: chatId, details: { fromTeamId: chat.teamId, teamId } }, ctx.now);
        distribute(tx, [teamId], ctx.now, "queued");
        return { type: "requeue", chat: { ...updated, teamId, queuedAt: ctx.now } };
      }
      writeDecision(tx, chat, decision.closing, ctx.now);
      const opened = insertChat(tx, {
        ...decision.opening.fields,
        contactId: chat.contactId,
        channelId: chat.channelId,
        lastMessagePreview: chat.lastMessagePreview,
        unreadCount: chat.unreadCount,
        teamId,
        queuedAt: ctx.now,
        updatedAt: ctx.now,
      });
      recordSystemEvents(tx, opened, decision.opening.events, ctx.now);
      writeAudit(tx, { actorId: ctx.viewer.id, action: "chat.transfer_queue", targetType: "chat", targetId: chatId, details: { from: chat.assigneeId, teamId, newChatId: opened.id } }, ctx.now);
      distribute(tx, [teamId], ctx.now, "queued");
      roomAppeared(tx, chat.status === "open" ? chat.assigneeId : null, ctx.now, "transferred");
      return { type: "transfer", chat: opened, closedChatId: chat.id };
    },
    { behavior: "immediate" },
  );
}
