// Prints the SQL of the reports' rollup triggers and backfill (migrations 0021's backfill, 0022's and 0021's
// triggers), which are too repetitive to write by hand: `node scripts/report-rollup-sql.mjs` (with
// TRIGGERS_ONLY=1, the triggers alone). A change to the rollups is a new migration made from this output (drop
// the triggers, and when the entries change, empty report_rollup and backfill), never an edit of an applied
// one. The entries' layout and bins: server/domain/report-rollup.ts.
const DAY = 86400000, Q = 900000;
const bin = (v) => `(CASE WHEN ${v} IS NULL THEN 0 WHEN ${v} < 1000 THEN 1 ELSE 2 + CAST(ln(${v} / 1000.0) / ln(1.1) AS INTEGER) END)`;
const BOTH = "both", EACH = "each";
const differ = (b, w) => `${bin(b)} <> ${bin(w)}`;
// [metric, time column, sub-key, condition, sets (both: everyone and the agent; each: the agent only), detail (quarter in the key), sign]
function chatEntries(X) {
  const resolved = `${X}.closed_at IS NOT NULL AND NOT ${X}.transferred_out`;
  const fr = `${X}.first_response_ms`, frb = `coalesce(${X}.first_response_bms, ${X}.first_response_ms)`;
  const res = `${X}.resolution_ms`, resb = `coalesce(${X}.resolution_bms, ${X}.resolution_ms)`;
  return [
    [1, `${X}.opened_at`, bin(fr), "1", BOTH, true, 1],
    [2, `${X}.opened_at`, bin(frb), differ(frb, fr), BOTH, true, 1],
    [2, `${X}.opened_at`, bin(fr), differ(frb, fr), BOTH, true, -1],
    [9, `${X}.opened_at`, bin(fr), "1", EACH, false, 1],
    [10, `${X}.opened_at`, bin(frb), differ(frb, fr), EACH, false, 1],
    [10, `${X}.opened_at`, bin(fr), differ(frb, fr), EACH, false, -1],
    [3, `${X}.closed_at`, bin(res), resolved, BOTH, false, 1],
    [4, `${X}.closed_at`, bin(resb), `${resolved} AND ${differ(resb, res)}`, BOTH, false, 1],
    [4, `${X}.closed_at`, bin(res), `${resolved} AND ${differ(resb, res)}`, BOTH, false, -1],
    [5, `${X}.closed_at`, `${X}.csat_rating`, `${resolved} AND ${X}.csat_rating IS NOT NULL`, BOTH, false, 1],
    [6, `${X}.closed_at`, `coalesce(${X}.close_reason_id, 0)`, `${X}.closed_at IS NOT NULL`, BOTH, false, 1],
  ];
}
function waitEntries(X) {
  return [
    [7, `${X}.reply_at`, bin(`${X}.wait_ms`), "1", BOTH, false, 1],
    [8, `${X}.reply_at`, bin(`coalesce(${X}.wait_bms, ${X}.wait_ms)`), differ(`coalesce(${X}.wait_bms, ${X}.wait_ms)`, `${X}.wait_ms`), BOTH, false, 1],
    [8, `${X}.reply_at`, bin(`${X}.wait_ms`), differ(`coalesce(${X}.wait_bms, ${X}.wait_ms)`, `${X}.wait_ms`), BOTH, false, -1],
  ];
}
const MONTH = (t) => `CAST(julianday(${t} / 1000, 'unixepoch', 'start of month') - 2440587.5 AS INTEGER)`;
// Totals are kept per UTC day (metric) and per UTC month (metric + 100, day = the month's first day).
const withMonths = (entries) => entries.flatMap((e) => (e[5] ? [[...e, false]] : [[...e, false], [...e, true]]));
const selects = (entries, agent, d, from) =>
  withMonths(entries).flatMap(([metric, t, sub, cond, sets, detail, sign, month]) => (sets === BOTH ? ["0", agent] : [agent]).map((a) =>
    `SELECT ${month ? metric + 100 : metric} AS metric, ${a} AS agent_id, ${month ? MONTH(t) : `${t} / ${DAY}`} AS day, ${sub}${detail ? ` * 100 + (${t} % ${DAY}) / ${Q}` : ""} AS k, ${sign * d} AS d${from ? ` FROM ${from}` : ""} WHERE ${cond === "1" ? "" : `${cond}`}${a === "0" ? "" : `${cond === "1" ? "" : " AND "}${a} IS NOT NULL`}`.replace(/ WHERE $/, "")));
const SEP = "\n--> statement-breakpoint\n";
const out = [];
const plainInsert = (parts) => `  INSERT INTO report_rollup_deltas (metric, agent_id, day, k, d)\n    ${parts.join("\n    UNION ALL ")};`;
const deltaInsert = (parts) =>
  `  INSERT INTO report_rollup_deltas (metric, agent_id, day, k, d)\n    SELECT metric, agent_id, day, k, sum(d) FROM (\n      ${parts.join("\n      UNION ALL ")}\n    ) GROUP BY metric, agent_id, day, k HAVING sum(d) <> 0;`;
const chatCols = ["opened_at", "assignee_id", "first_response_ms", "first_response_bms", "closed_at", "transferred_out", "close_reason_id", "resolution_ms", "resolution_bms", "csat_rating"];
const waitCols = ["agent_id", "reply_at", "wait_ms", "wait_bms"];
const agentC = (X) => `${X}.assignee_id`, agentW = (X) => `${X}.agent_id`;
for (const [table, name, entries, agent, cols] of [["chat_metrics", "chat_metrics_rollup", chatEntries, agentC, chatCols], ["response_waits", "response_waits_rollup", waitEntries, agentW, waitCols]]) {
  if (table === "chat_metrics") {
    // A chat is filed open and nobody's: its insert sends only everyone's opened entries; what an assignee or a
    // close adds is sent by triggers that fire only then (rows inserted assigned or closed: imports, tests).
    const opened = (e) => e.filter(([metric]) => metric <= 2 || metric === 9 || metric === 10);
    const closed = (e) => e.filter(([metric]) => !(metric <= 2 || metric === 9 || metric === 10));
    const everyone = (e) => e.filter(([, , , , sets]) => sets === BOTH);
    const parts = (e, who) => selects(e, agent("new"), 1).filter((p) => (who === "everyone" ? p.includes(" 0 AS agent_id") : !p.includes(" 0 AS agent_id")));
    const all = entries("new");
    out.push(`CREATE TRIGGER \`${name}_ai\` AFTER INSERT ON \`${table}\` BEGIN\n${plainInsert(parts(everyone(opened(all)), "everyone"))}\nEND;`);
    out.push(`CREATE TRIGGER \`${name}_ai_assigned\` AFTER INSERT ON \`${table}\` WHEN new.assignee_id IS NOT NULL BEGIN\n${plainInsert(parts(opened(all), "agent"))}\nEND;`);
    out.push(`CREATE TRIGGER \`${name}_ai_closed\` AFTER INSERT ON \`${table}\` WHEN new.closed_at IS NOT NULL BEGIN\n${plainInsert(selects(closed(all), agent("new"), 1))}\nEND;`);
  } else out.push(`CREATE TRIGGER \`${name}_ai\` AFTER INSERT ON \`${table}\` BEGIN\n${plainInsert(selects(entries("new"), agent("new"), 1))}\nEND;`);
  out.push(`CREATE TRIGGER \`${name}_au\` AFTER UPDATE OF ${cols.join(", ")} ON \`${table}\`\nWHEN ${cols.map((c) => `old.${c} IS NOT new.${c}`).join(" OR ")} BEGIN\n${deltaInsert([...selects(entries("old"), agent("old"), -1), ...selects(entries("new"), agent("new"), 1)])}\nEND;`);
  out.push(`CREATE TRIGGER \`${name}_ad\` AFTER DELETE ON \`${table}\` BEGIN\n${plainInsert(selects(entries("old"), agent("old"), -1))}\nEND;`);
}
const backfill = (table, alias, entries, agent) =>
  `INSERT INTO report_rollup (metric, agent_id, day, h)\n  SELECT metric, agent_id, day, jsonb_group_object(k, n) FROM (\n    SELECT metric, agent_id, day, CAST(k AS TEXT) AS k, sum(d) AS n FROM (\n      ${selects(entries(alias), agent(alias), 1, `${table} ${alias}`).join("\n      UNION ALL ")}\n    ) GROUP BY metric, agent_id, day, k HAVING sum(d) <> 0\n  ) GROUP BY metric, agent_id, day;`;
if (!process.env.TRIGGERS_ONLY) {
  out.unshift(backfill("response_waits", "w", waitEntries, agentW));
  out.unshift(backfill("chat_metrics", "m", chatEntries, agentC));
}
console.log(out.join(SEP));
