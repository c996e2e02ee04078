import type Database from "better-sqlite3";
import type { Db } from "@/db/client";
import type { AssigneeFilter } from "@/server/domain/visibility";
import { perDataVersion } from "./data-version";

// The inbox list and counters are the hottest queries (every agent polls them), so they are written in
// SQL against the indexes made for them and prepared once per connection, instead of rebuilt per call.

export type ListStatus = "open" | "scheduled" | "closed";
export type ListOrder = "asc" | "desc";

export interface InboxQuery {
  filter: AssigneeFilter;
  status: ListStatus;
  pendingOnly: boolean;
  order: ListOrder;
  cursor?: { sortAt: number; id: number };
  limit: number;
  /** Whose unseen mentions mark the rows (mentioned); none when absent. */
  viewerId?: number;
  /** Only chats of these teams (an agent's Unassigned, a team filter); all when absent. */
  teamIds?: number[] | null;
}

export interface InboxRow {
  id: number;
  status: ListStatus;
  contactId: number;
  contactName: string;
  channelId: number;
  channelType: "whatsapp" | "instagram" | "zenvia" | "webchat";
  assigneeId: number | null;
  assigneeName: string | null;
  sortAt: number;
  awaitingReply: boolean;
  waitingSince: number | null;
  remindAt: number | null;
  remindNote: string | null;
  reminderDue: boolean;
  closedAt: number | null;
  closeReason: string | null;
  /** The reason's system key ("transferred", "inactivity") or built-in key ("resolved", …), which the UI translates. */
  closeReasonKey: "transferred" | "inactivity" | "resolved" | "no_reply" | "spam" | null;
  lastMessageAt: number | null;
  lastMessagePreview: string | null;
  /** The last message, or the opening when there is none yet. */
  lastActivityAt: number;
  /** The contact's messages the assignee has not opened yet. */
  unreadCount: number;
  /** A private note names the viewer and they have not opened the chat since. */
  mentioned: boolean;
  /** An active bot session holds the chat. */
  withBot: boolean;
  teamId: number | null;
  teamName: string | null;
  /** The pending offer ("offered to Ana (0:42 left)"), if any. */
  offeredToId: number | null;
  offeredToName: string | null;
  offerExpiresAt: number | null;
}

const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared(db: Db, key: string, build: () => string): Database.Statement {
  let cache = statementCache.get(db.$client);
  if (!cache) statementCache.set(db.$client, (cache = new Map()));
  let stmt = cache.get(key);
  if (!stmt) cache.set(key, (stmt = db.$client.prepare(build())));
  return stmt;
}

function assigneeClause(filter: AssigneeFilter): string {
  switch (filter.assignee) {
    case "is":
      return "c.assignee_id = @userId";
    case "null":
      return "c.assignee_id IS NULL";
    case "not-null-not":
      return "c.assignee_id IS NOT NULL AND c.assignee_id <> @userId";
    case "any":
      return "1";
  }
}

export function listInbox(db: Db, q: InboxQuery): InboxRow[] {
  const key = `list:${q.filter.assignee}:${q.pendingOnly}:${q.order}:${Boolean(q.cursor)}:${Boolean(q.teamIds)}`;
  const stmt = prepared(db, key, () => {
    const cmp = q.order === "asc" ? ">" : "<";
    const dir = q.order === "asc" ? "ASC" : "DESC";
    return `
      SELECT c.id, c.status, c.contact_id AS contactId, ct.name AS contactName, c.channel_id AS channelId,
             ch.type AS channelType, c.assignee_id AS assigneeId, u.name AS assigneeName, c.sort_at AS sortAt,
             c.awaiting_reply AS awaitingReply, c.waiting_since AS waitingSince, c.remind_at AS remindAt,
             c.remind_note AS remindNote, c.reminder_due AS reminderDue, c.closed_at AS closedAt,
             cr.label AS closeReason, coalesce(cr.system_key, cr.builtin_key) AS closeReasonKey, c.last_message_at AS lastMessageAt, c.last_message_preview AS lastMessagePreview,
             coalesce(c.last_message_at, c.opened_at) AS lastActivityAt, c.unread_count AS unreadCount,
             EXISTS (SELECT 1 FROM mentions mn JOIN messages m ON m.id = mn.message_id
                     WHERE mn.user_id = @viewerId AND mn.chat_id = c.id AND mn.seen_at IS NULL AND m.deleted_at IS NULL) AS mentioned,
             EXISTS (SELECT 1 FROM bot_sessions b WHERE b.chat_id = c.id AND b.status = 'active') AS withBot,
             -- The team's name only once there is more than one: until an admin makes teams, rows read as before.
             c.team_id AS teamId, CASE WHEN (SELECT count(*) FROM teams) > 1 THEN tm.name END AS teamName, o.user_id AS offeredToId, ou.name AS offeredToName, o.expires_at AS offerExpiresAt
      FROM chats c
      JOIN contacts ct ON ct.id = c.contact_id
      JOIN channels ch ON ch.id = c.channel_id
      LEFT JOIN users u ON u.id = c.assignee_id
      LEFT JOIN close_reasons cr ON cr.id = c.close_reason_id
      LEFT JOIN teams tm ON tm.id = c.team_id
      LEFT JOIN chat_offers o ON o.chat_id = c.id AND o.outcome = 'pending'
      LEFT JOIN users ou ON ou.id = o.user_id
      WHERE c.status = @status AND ${assigneeClause(q.filter)}
        ${q.teamIds ? "AND c.team_id IN (SELECT value FROM json_each(@teamIds))" : ""}
        ${q.pendingOnly ? "AND c.awaiting_reply = 1" : ""}
        ${q.cursor ? `AND (c.sort_at, c.id) ${cmp} (@sortAt, @cursorId)` : ""}
      ORDER BY c.sort_at ${dir}, c.id ${dir}
      LIMIT @limit`;
  });
  const rows = stmt.all({
    status: q.status,
    userId: "userId" in q.filter ? q.filter.userId : null,
    sortAt: q.cursor?.sortAt ?? null,
    cursorId: q.cursor?.id ?? null,
    limit: q.limit,
    viewerId: q.viewerId ?? null,
    teamIds: q.teamIds ? JSON.stringify(q.teamIds) : null,
  }) as Array<Omit<InboxRow, "awaitingReply" | "reminderDue" | "mentioned" | "withBot"> & { awaitingReply: number; reminderDue: number; mentioned: number; withBot: number }>;
  return rows.map((r) => ({ ...r, awaitingReply: r.awaitingReply === 1, reminderDue: r.reminderDue === 1, mentioned: r.mentioned === 1, withBot: r.withBot === 1 }));
}

export interface PendingCounts {
  all: number;
  mine: number;
  unassigned: number;
  teammates: number;
}

/** Every section's pending count, from the counters the chats triggers maintain (pending_counts, 0 = unassigned). */
export function pendingCounts(db: Db, userId: number): PendingCounts {
  // The sums read a row per person with pending chats (thousands in a large contact center): once per
  // state of the database, shared by every poll; the viewer's own count is one key lookup.
  const { total, unassigned } = perDataVersion(db, "pending-counts", () =>
    prepared(db, "counts", () => "SELECT coalesce(sum(n), 0) AS total, coalesce(sum(CASE WHEN assignee_key = 0 THEN n END), 0) AS unassigned FROM pending_counts").get() as { total: number; unassigned: number },
  );
  const mine = userId > 0 ? ((prepared(db, "counts-mine", () => "SELECT n FROM pending_counts WHERE assignee_key = @userId").pluck().get({ userId }) as number | undefined) ?? 0) : 0;
  return { all: total, mine, unassigned, teammates: total - mine - unassigned };
}

/** The viewer's own chats whose reminder came due and that nobody has looked at yet. */
export function dueReminderCount(db: Db, userId: number): number {
  const stmt = prepared(
    db,
    "due-reminders",
    () => "SELECT count(*) AS n FROM chats WHERE assignee_id = @userId AND status = 'open' AND reminder_due = 1",
  );
  return (stmt.get({ userId }) as { n: number }).n;
}

/** Open unassigned chats awaiting a reply in these teams: an agent's Unassigned counter when they are not in every team. */
export function unassignedPendingInTeams(db: Db, teamIds: number[]): number {
  const stmt = prepared(
    db,
    "unassigned-pending-teams",
    () => `SELECT count(*) AS n FROM chats WHERE assignee_id IS NULL AND status = 'open' AND awaiting_reply = 1 AND team_id IN (SELECT value FROM json_each(@teamIds))`,
  );
  const key = JSON.stringify(teamIds);
  // The same for every agent of the same teams: once per state of the database (pendingCounts).
  return perDataVersion(db, `unassigned-pending-teams:${key}`, () => (stmt.get({ teamIds: key }) as { n: number }).n);
}
