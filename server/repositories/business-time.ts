import type Database from "better-sqlite3";
import type { Db } from "@/db/client";

// The metrics rows whose business-time figures are still to be counted (partial indexes from migration 0017),
// and the teams' schedules they are counted against.

export interface MetricsTodo {
  chatId: number;
  teamId: number | null;
  firstReplyAt: number | null;
  firstResponseMs: number | null;
  firstResponseBms: number | null;
  closedAt: number | null;
  resolutionMs: number | null;
  resolutionBms: number | null;
}

export interface WaitTodo {
  id: number;
  teamId: number | null;
  contactAt: number;
  replyAt: number;
}

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function stmt(db: Db, sql: string): Database.Statement {
  const client = db.$client;
  let byClient = cache.get(client);
  if (!byClient) cache.set(client, (byClient = new Map()));
  let s = byClient.get(sql);
  if (!s) byClient.set(sql, (s = client.prepare(sql)));
  return s;
}

// Written exactly as the partial index's condition, so SQLite reads the index instead of the table.
const METRICS_TODO = `(first_response_ms IS NOT NULL AND first_response_bms IS NULL) OR (resolution_ms IS NOT NULL AND resolution_bms IS NULL)`;

export function metricsTodo(db: Db, limit: number): MetricsTodo[] {
  return stmt(
    db,
    `SELECT chat_id AS chatId, team_id AS teamId, first_reply_at AS firstReplyAt, first_response_ms AS firstResponseMs,
       first_response_bms AS firstResponseBms, closed_at AS closedAt, resolution_ms AS resolutionMs, resolution_bms AS resolutionBms
     FROM chat_metrics WHERE ${METRICS_TODO} LIMIT ?`,
  ).all(limit) as MetricsTodo[];
}

export function setMetricsBms(db: Db, chatId: number, firstResponseBms: number | null, resolutionBms: number | null): void {
  stmt(db, "UPDATE chat_metrics SET first_response_bms = coalesce(?, first_response_bms), resolution_bms = coalesce(?, resolution_bms) WHERE chat_id = ?").run(
    firstResponseBms,
    resolutionBms,
    chatId,
  );
}

export function waitsTodo(db: Db, limit: number): WaitTodo[] {
  return stmt(
    db,
    `SELECT r.id AS id, m.team_id AS teamId, r.contact_at AS contactAt, r.reply_at AS replyAt
     FROM response_waits r LEFT JOIN chat_metrics m ON m.chat_id = r.chat_id WHERE r.wait_bms IS NULL LIMIT ?`,
  ).all(limit) as WaitTodo[];
}

export function setWaitBms(db: Db, id: number, waitBms: number): void {
  stmt(db, "UPDATE response_waits SET wait_bms = ? WHERE id = ?").run(waitBms, id);
}

export interface TeamSchedule {
  id: number;
  isDefault: boolean;
  schedule: string | null;
}

export function teamSchedules(db: Db): TeamSchedule[] {
  return (stmt(db, "SELECT id, is_default AS isDefault, schedule FROM teams").all() as { id: number; isDefault: number; schedule: string | null }[]).map((r) => ({
    id: r.id,
    isDefault: r.isDefault === 1,
    schedule: r.schedule,
  }));
}
