import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/db/client";

// The reports' rollups (migration 0019, triggers as of 0021) as plain data, and the same rebuilt from scratch by the migration's
// backfill, for comparing what the triggers kept with a recomputation.

const BACKFILL = fs
  .readFileSync(path.join(process.cwd(), "db/migrations/0021_report_rollups_by_month.sql"), "utf8")
  .split("--> statement-breakpoint")
  .filter((part) => part.includes("INSERT INTO report_rollup (metric") && !part.includes("CREATE TRIGGER"));

/** "metric|agent|day" → { key: count }, keys sorted, empty objects left out. */
export function rollupSnapshot(db: Db): Record<string, Record<string, number>> {
  const rows = db.$client.prepare("SELECT metric, agent_id AS agentId, day, json(h) AS h FROM report_rollup ORDER BY metric, agent_id, day").all() as {
    metric: number;
    agentId: number;
    day: number;
    h: string;
  }[];
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    const counts = JSON.parse(r.h) as Record<string, number>;
    const keys = Object.keys(counts).sort();
    if (keys.length) out[`${r.metric}|${r.agentId}|${r.day}`] = Object.fromEntries(keys.map((k) => [k, counts[k]!]));
  }
  return out;
}

/** What the migration's backfill makes of the current chat_metrics and response_waits (the database is left as it was). */
export function rebuiltRollup(db: Db): Record<string, Record<string, number>> {
  const sqlite = db.$client;
  sqlite.exec("SAVEPOINT rebuild_rollup; DELETE FROM report_rollup;");
  try {
    for (const statement of BACKFILL) sqlite.exec(statement);
    return rollupSnapshot(db);
  } finally {
    sqlite.exec("ROLLBACK TO rebuild_rollup; RELEASE rebuild_rollup;");
  }
}
