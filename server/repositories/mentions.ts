import type { DbOrTx as Db } from "@/db/client";
import { statement } from "./row-writes";

// Who a private note names (mentions), and which of those the person has yet to see. "all" says the reader
// may see every chat (an administrator, or the shared inbox); otherwise only their own and unassigned ones.

const VISIBLE = "(@all = 1 OR c.assignee_id IS NULL OR c.assignee_id = @userId)";

export function insertMentions(db: Db, row: { messageId: number; chatId: number; userIds: readonly number[]; createdAt: number }): void {
  const insert = statement(db, "mentions.insert", () => "INSERT INTO mentions (message_id, chat_id, user_id, created_at) VALUES (?, ?, ?, ?)");
  for (const userId of row.userIds) insert.run(row.messageId, row.chatId, userId, row.createdAt);
}

/** The person opened the chat: its mentions of them are no longer new. Returns how many were. */
export function markMentionsSeen(db: Db, chatId: number, userId: number, now: number): number {
  return statement(db, "mentions.seen", () => "UPDATE mentions SET seen_at = @now WHERE user_id = @userId AND chat_id = @chatId AND seen_at IS NULL").run({ now, userId, chatId }).changes;
}

export function hasUnseenMentionIn(db: Db, chatId: number, userId: number): boolean {
  return statement(db, "mentions.unseenIn", () => "SELECT 1 FROM mentions WHERE user_id = ? AND chat_id = ? AND seen_at IS NULL LIMIT 1").get(userId, chatId) !== undefined;
}

export function hasUnseenMentions(db: Db, userId: number): boolean {
  return statement(db, "mentions.anyUnseen", () => "SELECT 1 FROM mentions WHERE user_id = ? AND seen_at IS NULL LIMIT 1").get(userId) !== undefined;
}

/** How many chats the reader may see hold a mention of them they have not seen. */
export function unseenMentionCount(db: Db, userId: number, all: boolean): number {
  const row = statement(
    db,
    "mentions.unseenCount",
    () => `
      SELECT count(DISTINCT mn.chat_id) AS n
      FROM mentions mn
      JOIN chats c ON c.id = mn.chat_id
      JOIN messages m ON m.id = mn.message_id
      WHERE mn.user_id = @userId AND mn.seen_at IS NULL AND m.deleted_at IS NULL AND ${VISIBLE}`,
  ).get({ userId, all: all ? 1 : 0 }) as { n: number };
  return row.n;
}

export interface MentionedChatRow {
  chatId: number;
  status: "open" | "scheduled" | "closed";
  assigneeId: number | null;
  contactName: string;
  channelType: "whatsapp" | "instagram" | "zenvia" | "webchat";
  /** The newest note naming the reader in this chat. */
  mentionedAt: number;
  noteBody: string | null;
  authorId: number | null;
  authorName: string | null;
  /** Mentions of the reader in this chat they have not seen yet. */
  unseen: number;
}

/** The chats whose notes name the reader, newest mention first. */
export function mentionedChats(db: Db, userId: number, all: boolean, limit: number): MentionedChatRow[] {
  return statement(
    db,
    "mentions.chats",
    () => `
      WITH latest AS (
        SELECT mn.chat_id AS chatId, max(mn.id) AS mentionId, sum(mn.seen_at IS NULL) AS unseen
        FROM mentions mn JOIN messages m ON m.id = mn.message_id
        WHERE mn.user_id = @userId AND m.deleted_at IS NULL
        GROUP BY mn.chat_id
      )
      SELECT l.chatId, c.status, c.assignee_id AS assigneeId, ct.name AS contactName, ch.type AS channelType,
             mn.created_at AS mentionedAt, m.body AS noteBody, m.author_id AS authorId, u.name AS authorName, l.unseen
      FROM latest l
      JOIN mentions mn ON mn.id = l.mentionId
      JOIN messages m ON m.id = mn.message_id
      LEFT JOIN users u ON u.id = m.author_id
      JOIN chats c ON c.id = l.chatId
      JOIN contacts ct ON ct.id = c.contact_id
      JOIN channels ch ON ch.id = c.channel_id
      WHERE ${VISIBLE}
      ORDER BY mn.created_at DESC, mn.id DESC
      LIMIT @limit`,
  ).all({ userId, all: all ? 1 : 0, limit }) as MentionedChatRow[];
}
