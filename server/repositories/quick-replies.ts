import { asc, eq } from "drizzle-orm";
import { quickReplies } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";
import { preparedQuery } from "./prepared";

export type QuickReplyRow = typeof quickReplies.$inferSelect;

export function listQuickReplies(db: Db): QuickReplyRow[] {
  return preparedQuery(db, "quickReplies.all", (db) => db.select().from(quickReplies).orderBy(asc(quickReplies.shortcut)).prepare()).all();
}

export function findQuickReply(db: Db, id: number): QuickReplyRow | undefined {
  return db.select().from(quickReplies).where(eq(quickReplies.id, id)).get();
}

export function findQuickReplyByShortcut(db: Db, shortcut: string): QuickReplyRow | undefined {
  return db.select().from(quickReplies).where(eq(quickReplies.shortcut, shortcut)).get();
}

export function insertQuickReply(db: Db, row: typeof quickReplies.$inferInsert): QuickReplyRow {
  return db.insert(quickReplies).values(row).returning().get();
}

export function updateQuickReply(db: Db, id: number, change: { shortcut: string; body: string }): QuickReplyRow | undefined {
  return db.update(quickReplies).set(change).where(eq(quickReplies.id, id)).returning().get();
}

export function deleteQuickReply(db: Db, id: number): boolean {
  return db.delete(quickReplies).where(eq(quickReplies.id, id)).run().changes > 0;
}
