import { and, asc, eq } from "drizzle-orm";
import { templates } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";

export type TemplateRow = typeof templates.$inferSelect;

export function findTemplate(db: Db, channelId: number, name: string, language: string): TemplateRow | undefined {
  return db
    .select()
    .from(templates)
    .where(and(eq(templates.channelId, channelId), eq(templates.name, name), eq(templates.language, language)))
    .get();
}

export function listTemplates(db: Db, channelId?: number): TemplateRow[] {
  const q = db.select().from(templates);
  return (channelId ? q.where(eq(templates.channelId, channelId)) : q).orderBy(asc(templates.name), asc(templates.language)).all();
}

export function insertTemplate(db: Db, row: typeof templates.$inferInsert): TemplateRow {
  return db.insert(templates).values(row).returning().get();
}

export function deleteTemplate(db: Db, id: number): boolean {
  return db.delete(templates).where(eq(templates.id, id)).run().changes > 0;
}
