import { asc, eq } from "drizzle-orm";
import { quickReplies } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";
import { preparedQuery } from "./prepared";

export type QuickReplyRow = typeof quickReplies.$inferSelect;

export function listQuickReplies(db: Db): QuickReplyRow[] {
  return preparedQuery(db, "quickReplies.all", (db) => db.select().from(quickReplies).orderBy(asc(quickReplies.shortcut)).prepare()).all();
}

export function findQuickReplyByShortcut(db: Db, shortcut: string): QuickReplyRow | undefined {
  return db.select().from(quickReplies).where(eq(quickReplies.shortcut, shortcut)).get();
}

export function insertQuickReply(db: Db, row: typeof quickReplies.$inferInsert): QuickReplyRow {
  return db.insert(quickReplies).values(row).returning().get();
}

export function deleteQuickReply(db: Db, id: number): boolean {
  return db.delete(quickReplies).where(eq(quickReplies.id, id)).run().changes > 0;
}
