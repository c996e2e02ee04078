import { and, asc, eq, ne, sql } from "drizzle-orm";
import { chats } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";
import { preparedQuery } from "./prepared";

export type ChatRow = typeof chats.$inferSelect;
export type NewChat = typeof chats.$inferInsert;

export function findChat(db: Db, id: number): ChatRow | undefined {
  return db.select().from(chats).where(eq(chats.id, id)).get();
}

export function findActiveChat(db: Db, contactId: number): ChatRow | undefined {
  return preparedQuery(db, "chats.active", (db) =>
    db
      .select()
      .from(chats)
      .where(and(eq(chats.contactId, sql.placeholder("contactId")), ne(chats.status, "closed")))
      .prepare(),
  ).get({ contactId });
}

export function insertChat(db: Db, row: NewChat): ChatRow {
  return db.insert(chats).values(row).returning().get();
}

export function updateChat(db: Db, id: number, patch: Partial<NewChat>): ChatRow {
  const row = db.update(chats).set(patch).where(eq(chats.id, id)).returning().get();
  if (!row) throw new Error(`chat ${id} vanished inside its own transaction`);
  return row;
}

export function chatsOfContact(db: Db, contactId: number): ChatRow[] {
  return db.select().from(chats).where(eq(chats.contactId, contactId)).orderBy(asc(chats.openedAt), asc(chats.id)).all();
}

export function deleteChatRow(db: Db, id: number): void {
  db.delete(chats).where(eq(chats.id, id)).run();
}
