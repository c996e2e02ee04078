import { and, asc, desc, eq, isNotNull, lte, ne, sql } from "drizzle-orm";
import { botChannelFlows, botFlowVersions, botFlows, botSessions, chats, contactFields, teams } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";
import { preparedQuery } from "./prepared";
import { insertRow, updateRowById } from "./row-writes";

export type BotFlowRow = typeof botFlows.$inferSelect;
export type BotFlowVersionRow = typeof botFlowVersions.$inferSelect;
export type BotSessionRow = typeof botSessions.$inferSelect;
export type BotChannelFlowRow = typeof botChannelFlows.$inferSelect;

// ---------- flows and versions ----------

export function listFlows(db: Db): BotFlowRow[] {
  return db.select().from(botFlows).orderBy(asc(botFlows.name), asc(botFlows.id)).all();
}

export function findFlow(db: Db, id: number): BotFlowRow | undefined {
  return db.select().from(botFlows).where(eq(botFlows.id, id)).get();
}

export function insertFlow(db: Db, row: typeof botFlows.$inferInsert): BotFlowRow {
  return insertRow(db, botFlows, row);
}

export function updateFlow(db: Db, id: number, patch: Partial<typeof botFlows.$inferInsert>): void {
  db.update(botFlows).set(patch).where(eq(botFlows.id, id)).run();
}

export function deleteFlowRow(db: Db, id: number): void {
  db.delete(botFlows).where(eq(botFlows.id, id)).run();
}

export function latestVersion(db: Db, flowId: number): BotFlowVersionRow | undefined {
  return preparedQuery(db, "bot.latestVersion", (db) =>
    db.select().from(botFlowVersions).where(eq(botFlowVersions.flowId, sql.placeholder("flowId"))).orderBy(desc(botFlowVersions.version)).limit(1).prepare(),
  ).get({ flowId });
}

export function findVersion(db: Db, id: number): BotFlowVersionRow | undefined {
  return preparedQuery(db, "bot.version", (db) => db.select().from(botFlowVersions).where(eq(botFlowVersions.id, sql.placeholder("id"))).prepare()).get({ id });
}

export function versionsOf(db: Db, flowId: number): BotFlowVersionRow[] {
  return db.select().from(botFlowVersions).where(eq(botFlowVersions.flowId, flowId)).orderBy(desc(botFlowVersions.version)).all();
}

export function insertVersion(db: Db, row: typeof botFlowVersions.$inferInsert): BotFlowVersionRow {
  return insertRow(db, botFlowVersions, row);
}

/** Whether any chat ever ran a version of this flow (its versions must then stay). */
export function flowHasSessions(db: Db, flowId: number): boolean {
  return (
    db
      .select({ one: sql<number>`1` })
      .from(botSessions)
      .innerJoin(botFlowVersions, eq(botFlowVersions.id, botSessions.flowVersionId))
      .where(eq(botFlowVersions.flowId, flowId))
      .limit(1)
      .get() !== undefined
  );
}

// ---------- channel assignment ----------

export function channelFlow(db: Db, channelId: number): BotChannelFlowRow | undefined {
  return preparedQuery(db, "bot.channelFlow", (db) => db.select().from(botChannelFlows).where(eq(botChannelFlows.channelId, sql.placeholder("channelId"))).prepare()).get({ channelId });
}

export function channelFlows(db: Db): BotChannelFlowRow[] {
  return db.select().from(botChannelFlows).all();
}

export function channelsOfFlow(db: Db, flowId: number): number[] {
  return db.select({ id: botChannelFlows.channelId }).from(botChannelFlows).where(eq(botChannelFlows.flowId, flowId)).all().map((r) => r.id);
}

export function setChannelFlow(db: Db, row: typeof botChannelFlows.$inferInsert): void {
  db.insert(botChannelFlows)
    .values(row)
    .onConflictDoUpdate({ target: botChannelFlows.channelId, set: { flowId: row.flowId, returningAfterHours: row.returningAfterHours ?? null, updatedAt: row.updatedAt } })
    .run();
}

export function clearChannelFlow(db: Db, channelId: number): void {
  db.delete(botChannelFlows).where(eq(botChannelFlows.channelId, channelId)).run();
}

// ---------- sessions ----------

export function activeSession(db: Db, chatId: number): BotSessionRow | undefined {
  return preparedQuery(db, "bot.activeSession", (db) =>
    db.select().from(botSessions).where(and(eq(botSessions.chatId, sql.placeholder("chatId")), eq(botSessions.status, "active"))).prepare(),
  ).get({ chatId });
}

export function sessionOfChat(db: Db, chatId: number): BotSessionRow | undefined {
  return db.select().from(botSessions).where(eq(botSessions.chatId, chatId)).get();
}

export function insertSession(db: Db, row: typeof botSessions.$inferInsert): BotSessionRow {
  return insertRow(db, botSessions, row);
}

/** Every bot turn writes its session: a statement per set of columns, prepared once per connection (bench: building and preparing the update was a quarter of a turn). */
export function updateSession(db: Db, id: number, patch: Partial<typeof botSessions.$inferInsert>): void {
  updateRowById(db, botSessions, id, patch);
}

export function dueSessions(db: Db, now: number, limit: number): Array<{ id: number; chatId: number }> {
  return db
    .select({ id: botSessions.id, chatId: botSessions.chatId })
    .from(botSessions)
    .where(and(eq(botSessions.status, "active"), isNotNull(botSessions.timeoutAt), lte(botSessions.timeoutAt, now)))
    .orderBy(asc(botSessions.timeoutAt))
    .limit(limit)
    .all();
}

/** Open chats the bot holds, newest activity first, with their version's flow. */
export function chatsWithBot(db: Db, limit: number): Array<{ chatId: number; stepId: string | null; startedAt: number; lastActivityAt: number; flowId: number; version: number }> {
  return db
    .select({ chatId: botSessions.chatId, stepId: botSessions.stepId, startedAt: botSessions.startedAt, lastActivityAt: botSessions.lastActivityAt, flowId: botFlowVersions.flowId, version: botFlowVersions.version })
    .from(botSessions)
    .innerJoin(botFlowVersions, eq(botFlowVersions.id, botSessions.flowVersionId))
    .where(eq(botSessions.status, "active"))
    .orderBy(desc(botSessions.lastActivityAt))
    .limit(limit)
    .all();
}

// ---------- the contact's history and fields ----------

/** When the contact's latest other chat ended (or last moved), or null for a contact new to us. */
export function previousChatActivity(db: Db, contactId: number, chatId: number): number | null {
  const row = preparedQuery(db, "bot.previousChat", (db) =>
    db
      .select({ at: sql<number>`coalesce(${chats.closedAt}, ${chats.lastMessageAt}, ${chats.openedAt})` })
      .from(chats)
      .where(and(eq(chats.contactId, sql.placeholder("contactId")), ne(chats.id, sql.placeholder("chatId"))))
      .orderBy(desc(chats.openedAt))
      .limit(1)
      .prepare(),
  ).get({ contactId, chatId });
  return row ? row.at : null;
}

export function contactFieldValues(db: Db, contactId: number): Record<string, string> {
  const rows = db.select({ key: contactFields.key, value: contactFields.value }).from(contactFields).where(eq(contactFields.contactId, contactId)).all();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export function setContactField(db: Db, contactId: number, key: string, value: string, at: number): void {
  db.insert(contactFields)
    .values({ contactId, key, value, updatedAt: at })
    .onConflictDoUpdate({ target: [contactFields.contactId, contactFields.key], set: { value, updatedAt: at } })
    .run();
}

// ---------- teams (routing's tables) ----------

export function teamOf(db: Db, teamId: number): { id: number; schedule: unknown } | undefined {
  return db.select({ id: teams.id, schedule: teams.schedule }).from(teams).where(eq(teams.id, teamId)).get();
}
