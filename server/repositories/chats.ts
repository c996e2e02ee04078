import { and, asc, eq, ne, sql } from "drizzle-orm";
import { chats } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";
import { preparedQuery } from "./prepared";
import { insertRow, updateRowById } from "./row-writes";

export type ChatRow = typeof chats.$inferSelect;
export type NewChat = typeof chats.$inferInsert;

export function findChat(db: Db, id: number): ChatRow | undefined {
  return preparedQuery(db, "chats.byId", (db) => db.select().from(chats).where(eq(chats.id, sql.placeholder("id"))).prepare()).get({ id });
}

export function findActiveChat(db: Db, contactId: number): ChatRow | undefined {
  return preparedQuery(db, "chats.active", (db) =>
    db
      .select()
      .from(chats)
      // 'closed' as a literal, not a bound value: a parameter in a condition that decides whether a partial
      // index applies makes SQLite re-plan the statement on every call (measured 32 µs instead of 6 here).
      .where(and(eq(chats.contactId, sql.placeholder("contactId")), ne(chats.status, sql`'closed'`)))
      .prepare(),
  ).get({ contactId });
}

export function insertChat(db: Db, row: NewChat): ChatRow {
  return insertRow(db, chats, row);
}

/** Writes `patch` to the chat and returns the row as it now is, from the caller's row (not re-read). */
export function updateChat(db: Db, chat: ChatRow, patch: Partial<NewChat>): ChatRow {
  if (updateRowById(db, chats, chat.id, patch) === 0 && Object.values(patch).some((v) => v !== undefined)) {
    throw new Error(`chat ${chat.id} vanished inside its own transaction`);
  }
  const out: Record<string, unknown> = { ...chat };
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) out[k] = v;
  return out as ChatRow;
}

export function chatsOfContact(db: Db, contactId: number): ChatRow[] {
  return preparedQuery(db, "chats.ofContact", (db) =>
    db
      .select()
      .from(chats)
      .where(eq(chats.contactId, sql.placeholder("contactId")))
      .orderBy(asc(chats.openedAt), asc(chats.id))
      .prepare(),
  ).all({ contactId });
}

export function deleteChatRow(db: Db, id: number): void {
  db.delete(chats).where(eq(chats.id, id)).run();
}
