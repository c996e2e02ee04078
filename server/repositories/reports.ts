import type Database from "better-sqlite3";
import type { Db } from "@/db/client";

// The reports read chat_metrics and response_waits (kept by triggers, migration 0013), never messages.
// Statements are built from the few filter shapes there are and prepared once per database. Ranges of closes
// name their index: without statistics SQLite prefers the agent's index, all of that agent's chats, for a day.

export interface ReportFilter {
  from: number;
  to: number;
  channelId?: number;
  agentId?: number;
  closeReasonId?: number;
  teamId?: number;
  /** Count times inside opening hours only (the *_bms columns; a row not yet counted falls back to wall-clock). */
  business?: boolean;
}

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared(db: Db, key: string, build: () => string): Database.Statement {
  let byKey = cache.get(db.$client);
  if (!byKey) cache.set(db.$client, (byKey = new Map()));
  let stmt = byKey.get(key);
  if (!stmt) byKey.set(key, (stmt = db.$client.prepare(build())));
  return stmt;
}

/** " AND m.channel_id = ? …" for the filters present, and their values in order. */
function where(f: ReportFilter, agentColumn = "m.assignee_id"): { key: string; sql: string; params: number[] } {
  const present = ([["m.channel_id", f.channelId], [agentColumn, f.agentId], ["m.close_reason_id", f.closeReasonId], ["m.team_id", f.teamId]] as const).filter(
    (pair): pair is readonly [string, number] => pair[1] !== undefined,
  );
  return { key: present.map(([c]) => c).join(",") + (f.business ? "|b" : ""), sql: present.map(([c]) => ` AND ${c} = ?`).join(""), params: present.map(([, v]) => v) };
}

export interface OpenedRow {
  openedAt: number;
  firstResponseMs: number | null;
  assigneeId: number | null;
}

/** Chats opened in the range: volume, first responses, the heatmap, per agent. */
export function openedChats(db: Db, f: ReportFilter): OpenedRow[] {
  const w = where(f);
  return prepared(db, `opened|${w.key}`, () =>
    `SELECT m.opened_at AS openedAt, ${f.business ? "coalesce(m.first_response_bms, m.first_response_ms)" : "m.first_response_ms"} AS firstResponseMs, m.assignee_id AS assigneeId
     FROM chat_metrics m WHERE m.opened_at >= ? AND m.opened_at < ?${w.sql}`,
  ).all(f.from, f.to, ...w.params) as OpenedRow[];
}

export interface ClosedRow {
  assigneeId: number | null;
  closeReasonId: number | null;
  resolutionMs: number;
  transferred: number;
  csatRating: number | null;
}

/** Chats closed in the range (transfers included: the caller tells them apart). */
export function closedChats(db: Db, f: ReportFilter): ClosedRow[] {
  const w = where(f);
  return prepared(db, `closed|${w.key}`, () =>
    `SELECT m.assignee_id AS assigneeId, m.close_reason_id AS closeReasonId, ${f.business ? "coalesce(m.resolution_bms, m.resolution_ms)" : "m.resolution_ms"} AS resolutionMs, m.transferred_out AS transferred,
       m.csat_rating AS csatRating
     FROM chat_metrics m INDEXED BY chat_metrics_closed_idx WHERE m.closed_at IS NOT NULL AND m.closed_at >= ? AND m.closed_at < ?${w.sql}`,
  ).all(f.from, f.to, ...w.params) as ClosedRow[];
}

export interface CsatComment {
  chatId: number;
  rating: number;
  comment: string;
  ratedAt: number;
  contactName: string;
}

/** The latest survey comments on chats closed in the range, newest first (along csat_surveys_commented_idx, stopping at `limit`). */
export function csatComments(db: Db, f: ReportFilter, limit: number): CsatComment[] {
  const w = where(f);
  return prepared(db, `csatComments|${w.key}`, () =>
    `SELECT s.chat_id AS chatId, s.rating AS rating, s.comment AS comment, s.rated_at AS ratedAt, c.name AS contactName
     FROM csat_surveys s INDEXED BY csat_surveys_commented_idx CROSS JOIN chat_metrics m ON m.chat_id = s.chat_id JOIN contacts c ON c.id = s.contact_id
     WHERE s.comment IS NOT NULL AND m.closed_at IS NOT NULL AND m.closed_at >= ? AND m.closed_at < ?${w.sql}
     ORDER BY s.rated_at DESC LIMIT ?`,
  ).all(f.from, f.to, ...w.params, limit) as CsatComment[];
}

/** Every reply's wait answered in the range, ascending; the agent filter is who replied. */
export function responseWaits(db: Db, f: ReportFilter): number[] {
  const w = where(f, "r.agent_id");
  return prepared(db, `waits|${w.key}`, () =>
    `SELECT ${f.business ? "coalesce(r.wait_bms, r.wait_ms)" : "r.wait_ms"} FROM response_waits r JOIN chat_metrics m ON m.chat_id = r.chat_id
     WHERE r.reply_at >= ? AND r.reply_at < ?${w.sql} ORDER BY 1`,
  )
    .pluck()
    .all(f.from, f.to, ...w.params) as number[];
}

/** Open and scheduled chats per assignee now (current load). */
export function currentLoad(db: Db): Map<number, number> {
  const rows = prepared(db, "load", () =>
    // Seeks per user and status along the covering index (a scan of it would read every chat anyone ever held).
    "SELECT assignee_id AS id, count(*) AS n FROM chats WHERE assignee_id IN (SELECT id FROM users) AND status IN ('open', 'scheduled') GROUP BY assignee_id",
  ).all() as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

export interface ExportRow {
  chatId: number;
  channel: string;
  assignee: string | null;
  openedAt: number;
  firstReplyAt: number | null;
  firstResponseMs: number | null;
  responseCount: number;
  responseTotalMs: number;
  messagesIn: number;
  messagesOut: number;
  transferredIn: number;
  transferredOut: number;
  closedAt: number | null;
  closedBy: string | null;
  closeReasonId: number | null;
  resolutionMs: number | null;
  firstResponseBms: number | null;
  resolutionBms: number | null;
  csatRating: number | null;
}

/** The per-chat rows of the range one at a time (better-sqlite3's iterator): a year never sits in memory. */
export function iterateExportRows(db: Db, f: ReportFilter): IterableIterator<ExportRow> {
  const w = where(f);
  return prepared(db, `export|${w.key}`, () =>
    `SELECT m.chat_id AS chatId, ch.name AS channel, a.name AS assignee, m.opened_at AS openedAt, m.first_reply_at AS firstReplyAt,
       m.first_response_ms AS firstResponseMs, m.response_count AS responseCount, m.response_total_ms AS responseTotalMs,
       m.messages_in AS messagesIn, m.messages_out AS messagesOut, m.transferred_in AS transferredIn, m.transferred_out AS transferredOut,
       m.closed_at AS closedAt, cb.name AS closedBy, m.close_reason_id AS closeReasonId, m.resolution_ms AS resolutionMs,
       m.first_response_bms AS firstResponseBms, m.resolution_bms AS resolutionBms, m.csat_rating AS csatRating
     FROM chat_metrics m
     JOIN channels ch ON ch.id = m.channel_id
     LEFT JOIN users a ON a.id = m.assignee_id
     LEFT JOIN users cb ON cb.id = m.closed_by_id
     WHERE m.opened_at >= ? AND m.opened_at < ?${w.sql}
     ORDER BY m.opened_at, m.chat_id`,
  ).iterate(f.from, f.to, ...w.params) as IterableIterator<ExportRow>;
}

/** The teams, for the filter. */
export function teamOptions(db: Db): { id: number; name: string }[] {
  return prepared(db, "teams", () => "SELECT id, name FROM teams ORDER BY name COLLATE NOCASE").all() as { id: number; name: string }[];
}
