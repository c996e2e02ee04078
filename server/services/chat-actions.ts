import type { Db } from "@/db/client";
import {
  acknowledgeReminder,
  assignChat,
  badRequest,
  cancelSchedule,
  closeChat,
  conflict,
  notFound,
  scheduleChat,
  type Viewer,
} from "@/server/domain";
import { writeAudit } from "@/server/repositories/audit";
import { insertChat, type ChatRow } from "@/server/repositories/chats";
import { findCloseReason, findSystemReason } from "@/server/repositories/close-reasons";
import { findUserById } from "@/server/repositories/users";
import { validateNoteBody } from "@/server/domain/notes";
import { loadVisibleChat } from "./chat-access";
import { writeNote } from "./notes";
import { recordSystemEvents, writeDecision } from "./chat-records";
import { roomAppeared } from "./routing/distribute";
import { askForRatingAfterClose } from "./csat";

// The agent's actions on a chat. Each one: load what the viewer may see, let the domain decide,
// write the decision and the audit entry in one immediate transaction.

export interface ActionContext {
  viewer: Viewer;
  now: number;
}

function inTx<T>(db: Db, fn: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0]) => T): T {
  return db.transaction(fn, { behavior: "immediate" });
}

export function closeChatAction(db: Db, ctx: ActionContext, chatId: number, reasonId: number): ChatRow {
  return inTx(db, (tx) => {
    const chat = loadVisibleChat(tx, ctx.viewer, chatId);
    const reason = findCloseReason(tx, reasonId);
    if (!reason) throw badRequest(`There is no close reason #${reasonId}; pick one from the list.`, { key: "error.reason.unknown", params: { id: String(reasonId) } });
    const decision = closeChat(chat, { reason, byUserId: ctx.viewer.id, at: ctx.now });
    const updated = writeDecision(tx, chat, decision, ctx.now);
    writeAudit(tx, { actorId: ctx.viewer.id, action: "chat.close", targetType: "chat", targetId: chatId, details: { reasonId } }, ctx.now);
    roomAppeared(tx, chat.status === "open" ? chat.assigneeId : null, ctx.now, "closed");
    askForRatingAfterClose(tx, updated, "by_hand", ctx.now);
    return updated;
  });
}

export function scheduleChatAction(db: Db, ctx: ActionContext, chatId: number, at: number, note: string | null): ChatRow {
  return inTx(db, (tx) => {
    const chat = loadVisibleChat(tx, ctx.viewer, chatId);
    const updated = writeDecision(tx, chat, scheduleChat(chat, { at, note, now: ctx.now }), ctx.now);
    writeAudit(tx, { actorId: ctx.viewer.id, action: "chat.schedule", targetType: "chat", targetId: chatId, details: { at } }, ctx.now);
    // A scheduled chat does not count against capacity until its reminder is due.
    roomAppeared(tx, chat.status === "open" ? chat.assigneeId : null, ctx.now, "scheduled");
    return updated;
  });
}

export function cancelScheduleAction(db: Db, ctx: ActionContext, chatId: number): ChatRow {
  return inTx(db, (tx) => {
    const chat = loadVisibleChat(tx, ctx.viewer, chatId);
    const updated = writeDecision(tx, chat, cancelSchedule(chat), ctx.now);
    writeAudit(tx, { actorId: ctx.viewer.id, action: "chat.unschedule", targetType: "chat", targetId: chatId }, ctx.now);
    return updated;
  });
}

export function acknowledgeReminderAction(db: Db, ctx: ActionContext, chatId: number): ChatRow {
  return inTx(db, (tx) => {
    const chat = loadVisibleChat(tx, ctx.viewer, chatId);
    return writeDecision(tx, chat, acknowledgeReminder(chat), ctx.now);
  });
}

export interface AssignResult {
  type: "assign" | "transfer";
  /** The chat the target now has: the same chat when assigned, the new one after a transfer. */
  chat: ChatRow;
  closedChatId?: number;
}

/**
 * Assigning an unassigned chat just assigns it. Assigning an assigned chat is a transfer: the chat closes
 * as "Transferred" and a new one opens for the target, linked to it. `expectedAssigneeId` lets a UI say
 * "I saw it unassigned": if someone else took it meanwhile, the second agent gets a clear conflict instead
 * of silently transferring a colleague's chat. An optional note for the new owner is written as a private
 * note addressed to them.
 */
export function assignChatAction(
  db: Db,
  ctx: ActionContext,
  chatId: number,
  targetUserId: number,
  expectedAssigneeId?: number | null,
  note?: string | null,
): AssignResult {
  // Checked before anything is written: a refused note leaves the chat where it was.
  const handover = note?.trim() ? validateNoteBody(note) : null;
  return inTx(db, (tx) => {
    const chat = loadVisibleChat(tx, ctx.viewer, chatId);
    if (expectedAssigneeId !== undefined && chat.assigneeId !== expectedAssigneeId) {
      const holder = chat.assigneeId === null ? null : findUserById(tx, chat.assigneeId);
      throw conflict(
        holder ? `${holder.name} took this chat a moment ago; reload to see it.` : "This chat changed a moment ago; reload to see it.",
        holder ? { key: "error.assign.taken", params: { name: holder.name } } : { key: "error.assign.changed" },
      );
    }
    const target = findUserById(tx, targetUserId);
    if (!target) throw notFound(`There is no user #${targetUserId}.`, { key: "error.user.notFound", params: { id: String(targetUserId) } });
    const transferred = findSystemReason(tx, "transferred");
    if (!transferred) throw new Error("the system close reason 'transferred' is missing");
    const decision = assignChat(chat, { target, actorId: ctx.viewer.id, now: ctx.now, transferredReasonId: transferred.id });
    if (decision.type === "assign") {
      const updated = writeDecision(tx, chat, decision.chat, ctx.now);
      writeAudit(tx, { actorId: ctx.viewer.id, action: "chat.assign", targetType: "chat", targetId: chatId, details: { to: target.id } }, ctx.now);
      if (handover) writeNote(tx, updated, ctx.viewer.id, handover, [target.id], ctx.now);
      return { type: "assign", chat: updated };
    }
    // The old chat must close before the new one opens: the one-active-chat index holds in between too.
    writeDecision(tx, chat, decision.closing, ctx.now);
    const opened = insertChat(tx, {
      ...decision.opening.fields,
      contactId: chat.contactId,
      channelId: chat.channelId,
      lastMessagePreview: chat.lastMessagePreview,
      teamId: chat.teamId,
      // What the previous agent had not opened, the new one has not either.
      unreadCount: chat.unreadCount,
      updatedAt: ctx.now,
    });
    recordSystemEvents(tx, opened, decision.opening.events, ctx.now);
    // The handover note goes to the new chat, where its new owner reads it (and sees it among Mentions).
    if (handover) writeNote(tx, opened, ctx.viewer.id, handover, [target.id], ctx.now);
    writeAudit(tx, { actorId: ctx.viewer.id, action: "chat.transfer", targetType: "chat", targetId: chatId, details: { from: chat.assigneeId, to: target.id, newChatId: opened.id } }, ctx.now);
    roomAppeared(tx, chat.status === "open" ? chat.assigneeId : null, ctx.now, "transferred");
    return { type: "transfer", chat: opened, closedChatId: chat.id };
  });
}
