import { desc, eq, sql } from "drizzle-orm";
import { chatMetrics, csatSettings, csatSurveys } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";
import { preparedQuery } from "./prepared";

export type CsatSettingsRow = typeof csatSettings.$inferSelect;
export type CsatSurveyRow = typeof csatSurveys.$inferSelect;

export function findCsatSettings(db: Db, channelId: number): CsatSettingsRow | undefined {
  return preparedQuery(db, "csat.settings", (db) => db.select().from(csatSettings).where(eq(csatSettings.channelId, sql.placeholder("id"))).prepare()).get({ id: channelId });
}

export function listCsatSettings(db: Db): CsatSettingsRow[] {
  return db.select().from(csatSettings).all();
}

export function saveCsatSettings(db: Db, row: typeof csatSettings.$inferInsert): void {
  const { channelId: _channelId, ...set } = row;
  db.insert(csatSettings).values(row).onConflictDoUpdate({ target: csatSettings.channelId, set }).run();
}

/** The contact's latest request: it rules the once-per-N-days limit and receives their answer. Runs on every contact message. */
export function latestSurveyOfContact(db: Db, contactId: number): CsatSurveyRow | undefined {
  return preparedQuery(db, "csat.latest", (db) =>
    db
      .select()
      .from(csatSurveys)
      .where(eq(csatSurveys.contactId, sql.placeholder("contactId")))
      .orderBy(desc(csatSurveys.askedAt), desc(csatSurveys.id))
      .limit(1)
      .prepare(),
  ).get({ contactId });
}

export function insertSurvey(db: Db, row: typeof csatSurveys.$inferInsert): CsatSurveyRow {
  return db.insert(csatSurveys).values(row).returning().get();
}

export function recordRating(db: Db, survey: CsatSurveyRow, rating: number, at: number): void {
  db.update(csatSurveys).set({ rating, ratedAt: at }).where(eq(csatSurveys.id, survey.id)).run();
  db.update(chatMetrics).set({ csatRating: rating }).where(eq(chatMetrics.chatId, survey.chatId)).run();
}

export function recordComment(db: Db, survey: CsatSurveyRow, comment: string): void {
  db.update(csatSurveys).set({ comment }).where(eq(csatSurveys.id, survey.id)).run();
}

export function findSurveyOfChat(db: Db, chatId: number): CsatSurveyRow | undefined {
  return db.select().from(csatSurveys).where(eq(csatSurveys.chatId, chatId)).get();
}
