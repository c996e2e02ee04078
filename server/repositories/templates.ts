import { and, asc, eq, sql } from "drizzle-orm";
import { templates } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";
import { preparedQuery } from "./prepared";

export type TemplateRow = typeof templates.$inferSelect;

export function findTemplate(db: Db, channelId: number, name: string, language: string): TemplateRow | undefined {
  return db
    .select()
    .from(templates)
    .where(and(eq(templates.channelId, channelId), eq(templates.name, name), eq(templates.language, language)))
    .get();
}

export function listTemplates(db: Db, channelId?: number): TemplateRow[] {
  if (!channelId) return db.select().from(templates).orderBy(asc(templates.name), asc(templates.language)).all();
  return preparedQuery(db, "templates.ofChannel", (db) =>
    db
      .select()
      .from(templates)
      .where(eq(templates.channelId, sql.placeholder("channelId")))
      .orderBy(asc(templates.name), asc(templates.language))
      .prepare(),
  ).all({ channelId });
}

export function insertTemplate(db: Db, row: typeof templates.$inferInsert): TemplateRow {
  return db.insert(templates).values(row).returning().get();
}

export function deleteTemplate(db: Db, id: number): boolean {
  return db.delete(templates).where(eq(templates.id, id)).run().changes > 0;
}
