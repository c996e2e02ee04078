import type { DbOrTx } from "@/db/client";
import { previewLine, type ChatDecision, type SystemEvent } from "@/server/domain";
import { insertMessage, type MessageRow } from "@/server/repositories/messages";
import { updateChat, type ChatRow, type NewChat } from "@/server/repositories/chats";

// The writes every chat use case shares: apply a domain decision to the row, record its system events.

/** `extra` columns (e.g. the list preview) are written in the same UPDATE, even when the decision changes nothing. */
export function writeDecision(tx: DbOrTx, chat: ChatRow, decision: ChatDecision, at: number, extra: Partial<NewChat> = {}): ChatRow {
  if (!decision.changed) return Object.keys(extra).length ? updateChat(tx, chat, extra) : chat;
  // Only the columns whose value changes are SET: SQLite rewrites every index on a column named in SET,
  // changed or not, and a chat has nine — a customer's second message would otherwise rewrite all of them.
  const patch = Object.fromEntries(Object.entries(decision.patch).filter(([k, v]) => (chat as Record<string, unknown>)[k] !== v));
  const updated = updateChat(tx, chat, { ...patch, ...extra, updatedAt: at });
  recordSystemEvents(tx, updated, decision.events, at);
  return updated;
}

export function recordSystemEvents(tx: DbOrTx, chat: Pick<ChatRow, "id" | "contactId" | "channelId">, events: SystemEvent[], at: number): void {
  for (const event of events) {
    insertMessage(tx, {
      chatId: chat.id,
      contactId: chat.contactId,
      channelId: chat.channelId,
      direction: "out",
      authorKind: "system",
      kind: "system",
      payload: event as unknown as Record<string, unknown>,
      createdAt: at,
    });
  }
}


/** One line for the inbox list: the text itself, or an icon and what identifies the attachment (message-preview.ts). */
export function previewOf(message: Pick<MessageRow, "kind" | "body" | "payload">): string {
  const payload = (message.payload ?? {}) as Record<string, unknown>;
  const detail =
    message.body ??
    (typeof payload.fileName === "string" ? payload.fileName : undefined) ??
    (typeof payload.name === "string" ? payload.name : undefined) ??
    (typeof payload.emoji === "string" ? payload.emoji : undefined) ??
    "";
  return previewLine(message.kind, detail);
}
