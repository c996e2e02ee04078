import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx as Db } from "@/db/client";
import { channels, chatOffers, chats, teamMembers, teams, users } from "@/db/schema";
import { preparedQuery } from "./prepared";
import { statement } from "./row-writes";

export type TeamRow = typeof teams.$inferSelect;
export type NewTeam = typeof teams.$inferInsert;
export type OfferRow = typeof chatOffers.$inferSelect;

export function findTeam(db: Db, id: number): TeamRow | undefined {
  return preparedQuery(db, "teams.byId", (db) => db.select().from(teams).where(eq(teams.id, sql.placeholder("id"))).prepare()).get({ id });
}

export function findTeamByName(db: Db, name: string): TeamRow | undefined {
  return db.select().from(teams).where(sql`${teams.name} = ${name} COLLATE NOCASE`).get();
}

export function defaultTeam(db: Db): TeamRow | undefined {
  return preparedQuery(db, "teams.default", (db) => db.select().from(teams).where(eq(teams.isDefault, true)).prepare()).get();
}

export function listTeams(db: Db): TeamRow[] {
  // Every page's header reads it (the viewer's teams): built and prepared once per connection.
  return preparedQuery(db, "teams.all", (db) => db.select().from(teams).orderBy(asc(teams.name)).prepare()).all();
}

export function insertTeam(db: Db, row: NewTeam): TeamRow {
  return db.insert(teams).values(row).returning().get();
}

export function updateTeam(db: Db, id: number, patch: Partial<NewTeam>): void {
  db.update(teams).set(patch).where(eq(teams.id, id)).run();
}

export function deleteTeamRow(db: Db, id: number): void {
  db.delete(teams).where(eq(teams.id, id)).run();
}

export function teamMemberIds(db: Db, teamId: number): number[] {
  return db.select({ id: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, teamId)).all().map((r) => r.id);
}

/** The teams a person belongs to (their Unassigned, the teams whose queues fill their room). */
export function teamIdsOf(db: Db, userId: number): number[] {
  return preparedQuery(db, "teams.ofUser", (db) =>
    db.select({ id: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, sql.placeholder("userId"))).prepare(),
  )
    .all({ userId })
    .map((r) => r.id);
}

export function addMember(db: Db, teamId: number, userId: number, at: number): boolean {
  return db.insert(teamMembers).values({ teamId, userId, createdAt: at }).onConflictDoNothing().run().changes > 0;
}

export function removeMember(db: Db, teamId: number, userId: number): boolean {
  return db.delete(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId))).run().changes > 0;
}

export function markAssigned(db: Db, teamId: number, userId: number, at: number): void {
  statement(db, "teams.markAssigned", () => "UPDATE team_members SET last_assigned_at = ? WHERE team_id = ? AND user_id = ?").run(at, teamId, userId);
}

export interface MemberLoad {
  userId: number;
  name: string;
  availability: "available" | "away" | "offline";
  lastSeenAt: number | null;
  capacityOverride: number | null;
  lastAssignedAt: number | null;
  /** Open chats assigned to them (scheduled ones count once their reminder is due and they reopen). */
  open: number;
  /** Chats offered to them right now. */
  offered: number;
}

/**
 * A team's active members with their load. `onlyPresentSince`: just those who chose "available" and polled
 * since then — the candidates for an automatic assignment, so the counts are read only for them.
 */
export function memberLoads(db: Db, teamId: number, onlyPresentSince?: number): MemberLoad[] {
  // Prepared once per connection (with and without the presence filter): distribution runs this for every
  // new chat a contact opens, inside the filing transaction, and preparing it cost more than running it.
  const present = onlyPresentSince === undefined ? "" : " AND u.availability = 'available' AND u.last_seen_at >= @since";
  const stmt = statement(db, `teams.memberLoads${present ? ".present" : ""}`, () => `
    SELECT u.id AS userId, u.name AS name, u.availability AS availability, u.last_seen_at AS lastSeenAt,
      u.capacity AS capacityOverride, tm.last_assigned_at AS lastAssignedAt,
      (SELECT count(*) FROM chats c WHERE c.assignee_id = u.id AND c.status = 'open') AS open,
      (SELECT count(*) FROM chat_offers o WHERE o.user_id = u.id AND o.outcome = 'pending') AS offered
    FROM team_members tm JOIN users u ON u.id = tm.user_id
    WHERE tm.team_id = @teamId AND u.active = 1${present}
    ORDER BY u.id`);
  return stmt.all(onlyPresentSince === undefined ? { teamId } : { teamId, since: onlyPresentSince }) as MemberLoad[];
}

export type MemberPresence = Omit<MemberLoad, "name" | "open" | "offered">;

/** A team's active members without their loads (routing keeps those counted: services/routing/batch-loads.ts). */
export function memberPresence(db: Db, teamId: number): MemberPresence[] {
  return statement(db, "teams.memberPresence", () => `
    SELECT u.id AS userId, u.availability AS availability, u.last_seen_at AS lastSeenAt, u.capacity AS capacityOverride,
      tm.last_assigned_at AS lastAssignedAt
    FROM team_members tm JOIN users u ON u.id = tm.user_id
    WHERE tm.team_id = ? AND u.active = 1
    ORDER BY u.id`).all(teamId) as MemberPresence[];
}

/** What tells routing's kept loads whether any offer began or ended since it last looked. */
export function offersMark(db: Db): string {
  const row = statement(db, "teams.offersMark", () =>
    "SELECT (SELECT coalesce(max(id), 0) FROM chat_offers) AS last, (SELECT count(*) FROM chat_offers WHERE outcome = 'pending') AS pending",
  ).get() as { last: number; pending: number };
  return `${row.last}:${row.pending}`;
}

export interface QueuedChat {
  id: number;
  teamId: number;
  queuedAt: number | null;
}

/**
 * Open unassigned chats of these teams with no pending offer, oldest in the queue first, read along chats_queue_idx
 * (every chat entering a queue gets queued_at), so a long queue is not sorted for each decision.
 */
export function waitingChats(db: Db, teamIds: number[], limit: number): QueuedChat[] {
  if (teamIds.length === 0) return [];
  // One statement per number of teams (filing asks for one team; an agent freeing up, for their few).
  const stmt = statement(db, `teams.waiting.${teamIds.length}`, () => `
    SELECT c.id AS id, c.team_id AS teamId, c.queued_at AS queuedAt FROM chats c
    WHERE c.team_id ${teamIds.length === 1 ? "= ?" : `IN (${teamIds.map(() => "?").join(", ")})`} AND c.assignee_id IS NULL AND c.status = 'open'
      AND NOT EXISTS (SELECT 1 FROM chat_offers o WHERE o.chat_id = c.id AND o.outcome = 'pending')
    ORDER BY c.queued_at, c.id
    LIMIT ?`);
  return stmt.all(...teamIds, limit) as QueuedChat[];
}

export interface QueueSummary {
  teamId: number;
  waiting: number;
  oldestQueuedAt: number | null;
}

export function queueSummaries(db: Db): QueueSummary[] {
  return statement(db, "teams.queueSummaries", () => `
    SELECT c.team_id AS teamId, count(*) AS waiting, min(coalesce(c.queued_at, c.opened_at)) AS oldestQueuedAt FROM chats c
    WHERE c.assignee_id IS NULL AND c.status = 'open' AND c.team_id IS NOT NULL
    GROUP BY c.team_id`).all() as QueueSummary[];
}

/** Who has let this chat pass (declined it or let the offer expire): an offer goes to someone else next. */
export function passedBy(db: Db, chatId: number): Set<number> {
  const rows = db.all<{ userId: number }>(sql`
    SELECT user_id AS userId FROM chat_offers WHERE chat_id = ${chatId} AND outcome IN ('declined', 'expired', 'withdrawn')`);
  return new Set(rows.map((r) => r.userId));
}

export function insertOffer(db: Db, row: typeof chatOffers.$inferInsert): OfferRow {
  return db.insert(chatOffers).values(row).returning().get();
}

export function pendingOfferOf(db: Db, chatId: number): OfferRow | undefined {
  return db.select().from(chatOffers).where(and(eq(chatOffers.chatId, chatId), eq(chatOffers.outcome, "pending"))).get();
}

export function findOffer(db: Db, id: number): OfferRow | undefined {
  return db.select().from(chatOffers).where(eq(chatOffers.id, id)).get();
}

/** Ends a pending offer; false when it had already ended (another process got there first). */
export function endOffer(db: Db, id: number, outcome: "declined" | "expired" | "withdrawn", at: number): boolean {
  return db.update(chatOffers).set({ outcome, endedAt: at }).where(and(eq(chatOffers.id, id), eq(chatOffers.outcome, "pending"))).run().changes > 0;
}

export function expiredOfferIds(db: Db, now: number, limit: number): number[] {
  return db
    .all<{ id: number }>(sql`SELECT id FROM chat_offers WHERE outcome = 'pending' AND expires_at <= ${now} ORDER BY expires_at LIMIT ${limit}`)
    .map((r) => r.id);
}

/** Pending offers held by people who are no longer available (chose away/offline, stopped polling, deactivated). */
export function strandedOfferIds(db: Db, presentSince: number, limit: number): number[] {
  return db
    .all<{ id: number }>(sql`
      SELECT o.id AS id FROM chat_offers o JOIN users u ON u.id = o.user_id
      WHERE o.outcome = 'pending' AND (u.availability <> 'available' OR u.last_seen_at IS NULL OR u.last_seen_at < ${presentSince} OR u.active = 0)
      LIMIT ${limit}`)
    .map((r) => r.id);
}

export function pendingOffersOfUser(db: Db, userId: number): OfferRow[] {
  return db.select().from(chatOffers).where(and(eq(chatOffers.userId, userId), eq(chatOffers.outcome, "pending"))).all();
}

/** The pending offers of these chats, for the list ("offered to Ana (0:42 left)"). */
export function pendingOffersFor(db: Db, chatIds: number[]): OfferRow[] {
  if (chatIds.length === 0) return [];
  return db.all<OfferRow>(sql`
    SELECT id, chat_id AS chatId, user_id AS userId, team_id AS teamId, offered_at AS offeredAt, expires_at AS expiresAt,
      outcome, ended_at AS endedAt
    FROM chat_offers WHERE outcome = 'pending' AND chat_id IN (${sql.join(chatIds.map((id) => sql`${id}`), sql`, `)})`);
}

/** The team a channel's new chats go to: its own, else the default team. */
export function channelTeamId(db: Db, channelId: number): number | null {
  const row = preparedQuery(db, "teams.ofChannel", (db) =>
    db.select({ teamId: channels.teamId }).from(channels).where(eq(channels.id, sql.placeholder("id"))).prepare(),
  ).get({ id: channelId });
  return row?.teamId ?? defaultTeam(db)?.id ?? null;
}

export function setChannelTeam(db: Db, channelId: number, teamId: number | null): boolean {
  return db.update(channels).set({ teamId }).where(eq(channels.id, channelId)).run().changes > 0;
}

export function channelsOfTeam(db: Db, teamId: number): number[] {
  return db.select({ id: channels.id }).from(channels).where(eq(channels.teamId, teamId)).all().map((r) => r.id);
}

export function teamHasChats(db: Db, teamId: number): boolean {
  return db.get<{ n: number }>(sql`SELECT EXISTS (SELECT 1 FROM chats WHERE team_id = ${teamId}) AS n`)!.n === 1;
}

export function setPresence(db: Db, userId: number, patch: Partial<Pick<typeof users.$inferInsert, "availability" | "lastSeenAt" | "capacity">>): void {
  db.update(users).set(patch).where(eq(users.id, userId)).run();
}

export function setChatQueue(db: Db, chatId: number, teamId: number, queuedAt: number): void {
  // Every new chat is queued while it is filed: an UPDATE of chats is costly to prepare (its triggers), so once per connection.
  statement(db, "teams.setChatQueue", () => "UPDATE chats SET team_id = ?, queued_at = ? WHERE id = ?").run(teamId, queuedAt, chatId);
}

export function markAwaySent(db: Db, chatId: number, at: number): void {
  db.update(chats).set({ awaySentAt: at }).where(eq(chats.id, chatId)).run();
}

/** When the contact last got an away message, in any of their chats. */
export function lastAwayMessageTo(db: Db, contactId: number): number | null {
  return db.get<{ at: number | null }>(sql`SELECT max(away_sent_at) AS at FROM chats WHERE contact_id = ${contactId}`)?.at ?? null;
}

export function teamCount(db: Db): number {
  return preparedQuery(db, "teams.count", (db) => db.select({ n: sql<number>`count(*)` }).from(teams).prepare()).get()!.n;
}

/** One person's load: open chats assigned to them and chats offered to them now. */
export function loadOf(db: Db, userId: number): number {
  return (statement(db, "teams.loadOf", () => `
    SELECT (SELECT count(*) FROM chats WHERE assignee_id = @userId AND status = 'open')
      + (SELECT count(*) FROM chat_offers WHERE user_id = @userId AND outcome = 'pending') AS n`).get({ userId }) as { n: number }).n;
}
