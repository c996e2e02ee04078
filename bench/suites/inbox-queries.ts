import os from "node:os";
import { openDatabase, type Db } from "@/db/client";
import type { Section, Viewer } from "@/server/domain";
import type { ListOrder, ListStatus } from "@/server/repositories/inbox";
import { encodeCursor, listSection, PAGE_SIZE, sectionCounts } from "@/server/services/inbox";
import { explain, Probe, round, SqlRecorder, summarize, type PlanRecord, type ProbeSummary } from "../lib/measure";
import type { Figure, Goal, Ratio, Suite, SuiteContext, SuiteResult } from "../lib/types";

// The inbox at the data layer: a 50-row page of every section × status × order (× pending-only for Open),
// first page and a deep keyset page, and the pending counters — called through server/services/inbox.ts
// exactly as the tRPC routers call them, with an agent as the viewer.

const SECTIONS: Section[] = ["mine", "unassigned", "teammates", "all"];
const STATUSES: ListStatus[] = ["open", "scheduled", "closed"];
const ORDERS: ListOrder[] = ["asc", "desc"];

const GOAL_COUNTERS_P95_MS = 2;
const GOAL_LIST_P95_MS = 5;
const GOAL_GROWTH = 2;

interface Shape {
  section: Section;
  status: ListStatus;
  order: ListOrder;
  pendingOnly: boolean;
}

function shapes(): Shape[] {
  const out: Shape[] = [];
  for (const section of SECTIONS)
    for (const status of STATUSES)
      for (const order of ORDERS)
        for (const pendingOnly of status === "open" ? [false, true] : [false]) out.push({ section, status, order, pendingOnly });
  return out;
}

const shapeId = (s: Shape) => `${s.section}/${s.status}${s.pendingOnly ? "+pending" : ""}/${s.order}`;

/** How many rows the shape lists, and the keyset cursor of the row at `fraction` of the way down. */
function cursorAt(db: Db, viewer: Viewer, s: Shape, fraction: number): { count: number; cursor: string | null } {
  const assignee =
    s.section === "mine" ? "assignee_id = @me" : s.section === "unassigned" ? "assignee_id IS NULL" : s.section === "teammates" ? "assignee_id IS NOT NULL AND assignee_id <> @me" : "1";
  const where = `status = @status AND ${assignee} ${s.pendingOnly ? "AND awaiting_reply = 1" : ""}`;
  const params = { status: s.status, me: viewer.id };
  const { n } = db.$client.prepare(`SELECT count(*) AS n FROM chats WHERE ${where}`).get(params) as { n: number };
  if (n === 0) return { count: 0, cursor: null };
  const dir = s.order === "asc" ? "ASC" : "DESC";
  const row = db.$client
    .prepare(`SELECT sort_at AS sortAt, id FROM chats WHERE ${where} ORDER BY sort_at ${dir}, id ${dir} LIMIT 1 OFFSET @k`)
    .get({ ...params, k: Math.floor((n - 1) * fraction) }) as { sortAt: number; id: number };
  return { count: n, cursor: encodeCursor(row) };
}

export interface SizeResult {
  messages: number;
  chats: number;
  activeChats: number;
  counters: ProbeSummary;
  countersAdmin: ProbeSummary;
  list: ProbeSummary;
  first: ProbeSummary;
  deep: ProbeSummary;
  worst: { shape: string; page: string; p95: number };
  perShape: Array<{ shape: string; rows: number; first: ProbeSummary; deep: ProbeSummary | null }>;
  plans: PlanRecord[];
}

export function measureSize(ctx: SuiteContext, messages: number): SizeResult {
  const file = ctx.dataset(messages);
  const db = openDatabase(file);
  try {
    const recorder = new SqlRecorder(db.$client);
    const agent = db.$client.prepare("SELECT id FROM users WHERE role = 'agent' ORDER BY id LIMIT 1").get() as { id: number };
    const admin = db.$client.prepare("SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1").get() as { id: number };
    const viewer: Viewer = { id: agent.id, role: "agent" };
    const adminViewer: Viewer = { id: admin.id, role: "admin" };
    const iterations = ctx.quick ? 40 : 100;
    const rounds = ctx.quick ? 2 : 3;
    const stats = db.$client.prepare("SELECT count(*) AS chats, sum(status <> 'closed') AS active FROM chats").get() as { chats: number; active: number };

    const counters = new Probe("sectionCounts", () => recorder.as("sectionCounts", () => sectionCounts(db, viewer)));
    const countersAdmin = new Probe("sectionCounts(admin)", () => recorder.as("sectionCounts(admin)", () => sectionCounts(db, adminViewer)));
    const lists: Array<{ shape: string; rows: number; first: Probe; deep: Probe | null }> = [];
    for (const s of shapes()) {
      const id = shapeId(s);
      const input = { section: s.section, status: s.status, order: s.order, pendingOnly: s.pendingOnly };
      const { count, cursor } = cursorAt(db, viewer, s, 0.8);
      lists.push({
        shape: id,
        rows: count,
        first: new Probe(`${id} first`, () => recorder.as(`listSection ${id} first`, () => listSection(db, viewer, input))),
        deep: cursor ? new Probe(`${id} deep`, () => recorder.as(`listSection ${id} deep`, () => listSection(db, viewer, { ...input, cursor }))) : null,
      });
    }
    // Rounds go over every probe in turn, so a burst of other work on the machine hits one round of a few
    // probes rather than all the samples of one.
    for (let r = 0; r < rounds; r++) {
      counters.round(iterations * 2);
      countersAdmin.round(iterations);
      for (const l of lists) {
        l.first.round(iterations);
        l.deep?.round(iterations);
      }
    }
    const perShape = lists.map((l) => ({ shape: l.shape, rows: l.rows, first: l.first.summary(), deep: l.deep?.summary() ?? null }));
    let worst = { shape: "", page: "", p95: -1 };
    for (const s of perShape) {
      if (s.first.p95 > worst.p95) worst = { shape: s.shape, page: "first", p95: s.first.p95 };
      if (s.deep && s.deep.p95 > worst.p95) worst = { shape: s.shape, page: "deep", p95: s.deep.p95 };
    }
    const firsts = lists.map((l) => l.first);
    const deeps = lists.flatMap((l) => (l.deep ? [l.deep] : []));
    const plans = [...recorder.seen].map(([sql, shape]) =>
      explain(db.$client, shape, sql, { status: "closed", userId: viewer.id, sortAt: 0, cursorId: 0, limit: PAGE_SIZE + 1 }),
    );
    return {
      messages,
      chats: stats.chats,
      activeChats: stats.active,
      counters: counters.summary(),
      countersAdmin: countersAdmin.summary(),
      list: summarize([...firsts, ...deeps]),
      first: summarize(firsts),
      deep: summarize(deeps),
      worst,
      perShape,
      plans,
    };
  } finally {
    db.$client.close();
  }
}

export function label(messages: number): string {
  return messages >= 1_000_000 ? `${messages / 1_000_000}M` : messages >= 1000 ? `${messages / 1000}k` : String(messages);
}

export const inboxQueries: Suite = {
  id: "inbox-queries",
  title: "Inbox list pages and pending counters (data layer)",
  kind: "data",
  run(ctx: SuiteContext): SuiteResult {
    const figures: Figure[] = [];
    const goals: Goal[] = [];
    const ratios: Ratio[] = [];
    const plans: PlanRecord[] = [];
    const results: SizeResult[] = [];
    for (const messages of ctx.sizes) {
      ctx.log(`inbox-queries: ${label(messages)} messages …`);
      const r = measureSize(ctx, messages);
      results.push(r);
      const L = label(r.messages);
      const details = { chats: r.chats, activeChats: r.activeChats, load: os.loadavg()[0] };
      figures.push(
        { id: `counters.p95@${L}`, suite: "inbox-queries", label: `counters p95 @${L}`, value: round(r.counters.p95), unit: "ms", against: { label: "goal at 1M", value: GOAL_COUNTERS_P95_MS, unit: "ms" }, ratio: round(r.counters.p95 / GOAL_COUNTERS_P95_MS), details: { p50: round(r.counters.p50), cpuP95: round(r.counters.cpuP95), roundsP95: r.counters.roundP95, adminP95: round(r.countersAdmin.p95), ...details } },
        { id: `list.p95@${L}`, suite: "inbox-queries", label: `list page p95, all shapes @${L}`, value: round(r.list.p95), unit: "ms", against: { label: "goal at 1M", value: GOAL_LIST_P95_MS, unit: "ms" }, ratio: round(r.list.p95 / GOAL_LIST_P95_MS), details: { p50: round(r.list.p50), cpuP95: round(r.list.cpuP95), roundsP95: r.list.roundP95, firstP95: round(r.first.p95), deepP95: round(r.deep.p95), ...details } },
        { id: `list.worst.p95@${L}`, suite: "inbox-queries", label: `list page p95, worst shape @${L}`, value: round(r.worst.p95), unit: "ms", against: { label: "goal at 1M", value: GOAL_LIST_P95_MS, unit: "ms" }, ratio: round(r.worst.p95 / GOAL_LIST_P95_MS), details: { shape: `${r.worst.shape} (${r.worst.page} page)` } },
      );
      for (const p of r.plans) plans.push({ ...p, shape: `@${L} ${p.shape}` });
    }
    const largest = results.at(-1);
    const smallest = results[0];
    if (largest) {
      const L = label(largest.messages);
      const atTarget = largest.messages >= 1_000_000 ? "" : ` (measured at ${L}: the goal is for 1M)`;
      goals.push(
        { id: "counters-p95", suite: "inbox-queries", target: `counters p95 ≤ ${GOAL_COUNTERS_P95_MS} ms at 1M`, measured: `${round(largest.counters.p95)} ms${atTarget}`, holds: largest.counters.p95 <= GOAL_COUNTERS_P95_MS },
        { id: "list-p95", suite: "inbox-queries", target: `list page p95 ≤ ${GOAL_LIST_P95_MS} ms at 1M (every shape, first and deep page)`, measured: `${round(largest.worst.p95)} ms worst (${largest.worst.shape}, ${largest.worst.page}); ${round(largest.list.p95)} ms pooled${atTarget}`, holds: largest.worst.p95 <= GOAL_LIST_P95_MS },
      );
    }
    if (largest && smallest && largest !== smallest) {
      const growth = largest.list.p95 / smallest.list.p95;
      const countersGrowth = largest.counters.p95 / smallest.counters.p95;
      const span = `${label(smallest.messages)}→${label(largest.messages)}`;
      ratios.push(
        { id: "list-growth", label: `list page p95 growth ${span}`, numerator: `list.p95@${label(largest.messages)}`, denominator: `list.p95@${label(smallest.messages)}`, value: round(growth, 2) },
        { id: "counters-growth", label: `counters p95 growth ${span}`, numerator: `counters.p95@${label(largest.messages)}`, denominator: `counters.p95@${label(smallest.messages)}`, value: round(countersGrowth, 2) },
      );
      figures.push(
        { id: "list.growth", suite: "inbox-queries", label: `list page p95 growth ${span}`, value: round(growth, 2), unit: "×", against: { label: "goal", value: GOAL_GROWTH, unit: "×" }, ratio: round(growth / GOAL_GROWTH, 2) },
        { id: "counters.growth", suite: "inbox-queries", label: `counters p95 growth ${span}`, value: round(countersGrowth, 2), unit: "×", against: { label: "goal", value: GOAL_GROWTH, unit: "×" }, ratio: round(countersGrowth / GOAL_GROWTH, 2) },
      );
      goals.push({ id: "growth", suite: "inbox-queries", target: `p95 growth ${span} ≤ ${GOAL_GROWTH}× (list pages and counters)`, measured: `list ${round(growth, 2)}×, counters ${round(countersGrowth, 2)}×`, holds: growth <= GOAL_GROWTH && countersGrowth <= GOAL_GROWTH });
    }
    const failing = plans.filter((p) => p.problems.some((x) => x.level === "fail"));
    goals.push({
      id: "plans-inbox",
      suite: "inbox-queries",
      target: "no full table scan of chats/messages in any inbox query plan",
      measured: failing.length ? `${failing.length} plan(s) scan a table: ${[...new Set(failing.map((p) => p.shape.replace(/^@\S+ /, "")))].join("; ")}` : `${plans.length} plans, all indexed`,
      holds: failing.length === 0,
    });
    return {
      figures,
      goals,
      ratios,
      plans,
      notes: results.map(
        (r) =>
          `@${label(r.messages)}: ${r.chats} chats (${r.activeChats} active); per shape p95 first/deep (rows): ` +
          r.perShape.map((s) => `${s.shape} ${round(s.first.p95, 2)}/${s.deep ? round(s.deep.p95, 2) : "-"} (${s.rows})`).join(", ") +
          `; counters p95 by round ${r.counters.roundP95.join(", ")}; list pooled p95 by round ${r.list.roundP95.join(", ")}; list CPU-time p50/p95 ${round(r.list.cpuP50)}/${round(r.list.cpuP95)} ms`,
      ),
    };
  },
};
