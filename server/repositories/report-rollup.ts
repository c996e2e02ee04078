import type Database from "better-sqlite3";
import type { Db } from "@/db/client";
import { EVERYONE, ROLLUP_METRIC, wholeMonths, type RollupRow } from "@/server/domain/report-rollup";

// Reads of report_rollup (migration 0019), along its primary key (metric, agent_id, day).

const cache = new WeakMap<Database.Database, Statements>();
interface Statements {
  one: Database.Statement;
  each: Database.Statement;
}

function statements(db: Db): Statements {
  let s = cache.get(db.$client);
  if (!s) {
    const columns = "SELECT metric, agent_id AS agentId, day, json(h) AS h FROM report_rollup";
    s = {
      one: db.$client.prepare(`${columns} WHERE metric = ? AND agent_id = ? AND day BETWEEN ? AND ?`),
      each: db.$client.prepare(`${columns} WHERE metric = ? AND agent_id > 0 AND day BETWEEN ? AND ?`),
    };
    cache.set(db.$client, s);
  }
  return s;
}

/**
 * The rows of the page for `scope` (everyone or one agent): the opened detail of the UTC days `first`..`last`
 * (for everyone, each agent's too on `first` and `last` when the range covers them in part),
 * the totals of the whole days `firstWhole`..`lastWhole` (as months and days), and for everyone each agent's
 * totals as well.
 */
export function rollupRows(db: Db, scope: number, business: boolean, days: { first: number; last: number; firstWhole: number; lastWhole: number }): RollupRow[] {
  const M = ROLLUP_METRIC;
  const s = statements(db);
  const rows: RollupRow[] = [];
  const detail = business ? [M.opened, M.openedBusiness] : [M.opened];
  for (const m of detail) rows.push(...(s.one.all(m, scope, days.first, days.last) as RollupRow[]));
  // Each agent's chats opened on the partly covered days, for the per-agent table (their totals rows hold whole days).
  if (scope === EVERYONE) {
    for (const day of new Set([days.first, days.last])) {
      if (day >= days.firstWhole && day <= days.lastWhole) continue;
      for (const m of detail) rows.push(...(s.each.all(m, day, day) as RollupRow[]));
    }
  }
  if (days.firstWhole > days.lastWhole) return rows;
  // Totals: whole months from the month rows (metric + 100), the days around them from the day rows.
  const spans = wholeMonths(days.firstWhole, days.lastWhole);
  const totals: number[] = business ? [M.resolved, M.resolvedBusiness, M.csat, M.closeReason, M.wait, M.waitBusiness] : [M.resolved, M.csat, M.closeReason, M.wait];
  const each: number[] = business ? [M.openedByAgent, M.openedByAgentBusiness, M.resolved, M.resolvedBusiness, M.csat] : [M.openedByAgent, M.resolved, M.csat];
  const read = (m: number, from: number, to: number) => {
    if (totals.includes(m % 100)) rows.push(...(s.one.all(m, scope, from, to) as RollupRow[]));
    if (scope === EVERYONE && each.includes(m % 100)) rows.push(...(s.each.all(m, from, to) as RollupRow[]));
  };
  for (const m of new Set([...totals, ...(scope === EVERYONE ? each : [])])) {
    for (const [from, to] of spans.days) read(m, from, to);
    if (spans.months) read(m + 100, spans.months.first, spans.months.last);
  }
  return rows;
}
