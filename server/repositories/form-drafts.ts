import { and, eq, lte } from "drizzle-orm";
import { formDrafts } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";

export type FormDraftRow = typeof formDrafts.$inferSelect;

export function insertFormDraft(db: Db, row: FormDraftRow): void {
  db.insert(formDrafts).values(row).run();
}

export function findFormDraft(db: Db, tokenHash: string): FormDraftRow | undefined {
  return db.select().from(formDrafts).where(eq(formDrafts.tokenHash, tokenHash)).get();
}

/** This person's earlier draft of the same form: a newer refusal replaces it. */
export function deleteFormDraftsOf(db: Db, userId: number, form: string): void {
  db.delete(formDrafts).where(and(eq(formDrafts.userId, userId), eq(formDrafts.form, form))).run();
}

export function deleteFormDraft(db: Db, tokenHash: string, form: string): boolean {
  return db.delete(formDrafts).where(and(eq(formDrafts.tokenHash, tokenHash), eq(formDrafts.form, form))).run().changes > 0;
}

export function deleteExpiredFormDrafts(db: Db, now: number): void {
  db.delete(formDrafts).where(lte(formDrafts.expiresAt, now)).run();
}
