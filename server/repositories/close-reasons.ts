import { asc, eq, sql } from "drizzle-orm";
import { chats, closeReasons } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";
import { preparedQuery } from "./prepared";

export type CloseReasonRow = typeof closeReasons.$inferSelect;

export function listCloseReasons(db: Db): CloseReasonRow[] {
  return preparedQuery(db, "closeReasons.all", (db) => db.select().from(closeReasons).orderBy(asc(closeReasons.label)).prepare()).all();
}

export function findCloseReason(db: Db, id: number): CloseReasonRow | undefined {
  return db.select().from(closeReasons).where(eq(closeReasons.id, id)).get();
}

export function findSystemReason(db: Db, key: "transferred" | "inactivity"): CloseReasonRow | undefined {
  return preparedQuery(db, "closeReasons.system", (db) => db.select().from(closeReasons).where(eq(closeReasons.systemKey, sql.placeholder("key"))).prepare()).get({ key });
}

export function insertCloseReason(db: Db, row: typeof closeReasons.$inferInsert): CloseReasonRow {
  return db.insert(closeReasons).values(row).returning().get();
}

export function updateCloseReason(db: Db, id: number, patch: Partial<typeof closeReasons.$inferInsert>): CloseReasonRow | undefined {
  return db.update(closeReasons).set(patch).where(eq(closeReasons.id, id)).returning().get();
}

export function deleteCloseReasonRow(db: Db, id: number): void {
  db.delete(closeReasons).where(eq(closeReasons.id, id)).run();
}

export function closeReasonInUse(db: Db, id: number): boolean {
  return Boolean(db.select({ one: chats.id }).from(chats).where(eq(chats.closeReasonId, id)).limit(1).get());
}
