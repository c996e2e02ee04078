import type { Db } from "@/db/client";
import type { AssigneeFilter } from "@/server/domain/visibility";

// FTS5 queries. Visibility is applied in the same query (a join on chats), so a hidden chat never
// leaves the database.

export interface MessageHit {
  messageId: number;
  chatId: number;
  contactId: number;
  contactName: string;
  snippet: string;
  createdAt: number;
}

export interface ContactHit {
  contactId: number;
  name: string;
  phone: string | null;
  handle: string | null;
  /** The contact's newest chat the viewer may open, if any. */
  chatId: number | null;
}

function visibilitySql(filter: AssigneeFilter | null): string {
  // null: everything visible (admin, or a shared inbox). Otherwise the viewer's own and unassigned chats.
  if (!filter) return "1";
  return "(c.assignee_id IS NULL OR c.assignee_id = @userId)";
}

export function searchMessages(db: Db, ftsQuery: string, restrictToUser: number | null, limit: number): MessageHit[] {
  const filter: AssigneeFilter | null = restrictToUser === null ? null : { assignee: "is", userId: restrictToUser };
  return db.$client
    .prepare(
      `SELECT m.id AS messageId, m.chat_id AS chatId, m.contact_id AS contactId, ct.name AS contactName,
              snippet(messages_fts, 0, '[', ']', '…', 12) AS snippet, m.created_at AS createdAt
       FROM messages_fts
       JOIN messages m ON m.id = messages_fts.rowid
       JOIN chats c ON c.id = m.chat_id
       JOIN contacts ct ON ct.id = m.contact_id
       WHERE messages_fts MATCH @q AND m.deleted_at IS NULL AND ${visibilitySql(filter)}
       ORDER BY messages_fts.rowid DESC
       LIMIT @limit`,
    )
    .all({ q: ftsQuery, userId: restrictToUser, limit }) as MessageHit[];
}

export function searchContacts(db: Db, ftsQuery: string, restrictToUser: number | null, limit: number): ContactHit[] {
  const filter: AssigneeFilter | null = restrictToUser === null ? null : { assignee: "is", userId: restrictToUser };
  return db.$client
    .prepare(
      `SELECT ct.id AS contactId, ct.name, ct.phone, ct.handle,
              (SELECT c.id FROM chats c WHERE c.contact_id = ct.id AND ${visibilitySql(filter)} ORDER BY c.opened_at DESC LIMIT 1) AS chatId
       FROM contacts_fts JOIN contacts ct ON ct.id = contacts_fts.rowid
       WHERE contacts_fts MATCH @q
         AND (@userId IS NULL OR EXISTS (SELECT 1 FROM chats c WHERE c.contact_id = ct.id AND ${visibilitySql(filter)}))
       ORDER BY rank
       LIMIT @limit`,
    )
    .all({ q: ftsQuery, userId: restrictToUser, limit }) as ContactHit[];
}
