// The reports' rollups (table report_rollup, migration 0019): what a row holds and how figures come out of
// it. Pure: the repository hands over the rows, this folds them into the page's figures.
//
// A row is one metric's counts for one UTC day and one agent (0 = everyone; chats nobody holds have no agent
// rows), as a JSON object
// `{ "<key>": count }`. For chats opened (the daily volume, the heatmap, first responses per day) the key is
// `bin * 100 + quarter`: the quarter hour of the UTC day the chat opened in (every time zone's offset, and
// every change of offset, falls on a quarter hour, so a viewer's local days and hours are whole quarters in
// any zone). The other metrics are only summed over the range, so their key is the bin (or the rating, or the
// close reason) alone, and the range's first and last UTC days, when the range covers them only in part,
// are read from the chats themselves (the service's edges). Totals are kept per UTC month as well (metric + 100,
// `day` the month's first day): a year reads a dozen month rows and the days around them. Business time is kept as a correction to
// wall-clock time (−1 at the clock bin, +1 at the business bin, where they differ), so an install without
// opening hours writes nothing for it.
//
// Bins (the migration computes them in SQL, the same way): 0 no figure yet (a chat nobody answered), 1 under
// a second, then b ≥ 2 holds [1 s · 1.1^(b−2), 1 s · 1.1^(b−1)). A percentile from the bins is the geometric
// middle of the bin the nearest-rank value falls in: within 5% of that value (4.9% at worst), or half a
// second under a second.
import { localClock, type DayFigures, type ReportRange } from "./report-stats";

export const ROLLUP_METRIC = {
  /** Detail (bin * 100 + quarter), everyone and each agent. */
  opened: 1,
  openedBusiness: 2,
  /** Totals per bin, each agent only (the per-agent table). */
  openedByAgent: 9,
  openedByAgentBusiness: 10,
  /** Totals: chats closed other than by transfer, per resolution bin. */
  resolved: 3,
  resolvedBusiness: 4,
  /** Totals per rating, chats resolved. */
  csat: 5,
  /** Totals per close reason id (0: none), transfers included. */
  closeReason: 6,
  /** Totals per wait bin, by who replied. */
  wait: 7,
  waitBusiness: 8,
} as const;

/** The metrics whose key holds the quarter hour. */
export const isDetail = (metric: number) => metric === ROLLUP_METRIC.opened || metric === ROLLUP_METRIC.openedBusiness;

export const EVERYONE = 0;

const DAY_MS = 86_400_000;
const QUARTER_MS = 900_000;
const RATIO = 1.1;
/** Beyond any duration a report shows (1.1^250 seconds); a larger bin is counted here. */
const MAX_BIN = 255;

/** The bin of a duration in ms (null: not yet). Same arithmetic as the migration's SQL. */
export function binOf(ms: number | null): number {
  if (ms === null) return 0;
  if (ms < 1000) return 1;
  return Math.min(MAX_BIN, 2 + Math.floor(Math.log(ms / 1000) / Math.log(RATIO)));
}

/** The figure a bin stands for: the geometric middle of its bounds (half a second for the first). */
export function binValue(bin: number): number {
  return bin <= 1 ? 500 : Math.round(1000 * RATIO ** (bin - 2 + 0.5));
}

/** The largest relative error of binValue against any value of its bin ≥ 1 s (√1.1 − 1). */
export const BIN_RELATIVE_ERROR = Math.sqrt(RATIO) - 1;

/** Counts per bin. */
export class Histogram {
  readonly counts = new Float64Array(MAX_BIN + 1);
  total = 0;
  add(bin: number, n: number): void {
    this.counts[Math.min(bin, MAX_BIN)]! += n;
    this.total += n;
  }
  /** Nearest-rank percentile (p in 0..1], as binValue of the bin it falls in; null when empty. */
  percentile(p: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil(p * this.total));
    let seen = 0;
    for (let b = 0; b <= MAX_BIN; b++) {
      seen += this.counts[b]!;
      if (seen >= rank) return binValue(b);
    }
    return binValue(MAX_BIN);
  }
}

export interface RollupRow {
  metric: number;
  agentId: number;
  day: number;
  /** The JSON object's text. */
  h: string;
}

export interface AgentRollup {
  handled: number;
  firstResponse: Histogram;
  resolution: Histogram;
  ratings: number[];
}

export interface RollupFigures {
  opened: number;
  closed: number;
  firstResponse: Histogram;
  resolution: Histogram;
  waits: Histogram;
  ratings: number[];
  days: DayFigures[];
  heatmap: number[][];
  /** Chats closed per reason id (null: none), transfers included. */
  reasons: Map<number | null, number>;
  /** Per agent id: from each agent's rows for everyone's report, from the headline for one agent's. */
  agents: Map<number, AgentRollup>;
}

/** Each `"<key>":<count>` of a row's object, read in place (JSON.parse and iterating integer keys cost ten times more). */
function eachCount(text: string, fn: (k: number, n: number) => void): void {
  for (let i = 1; i < text.length; ) {
    let k = 0;
    let c = text.charCodeAt(++i);
    while (c !== 34) {
      k = k * 10 + c - 48;
      c = text.charCodeAt(++i);
    }
    i += 2;
    let n = 0;
    const negative = text.charCodeAt(i) === 45;
    if (negative) i++;
    c = text.charCodeAt(i);
    while (c >= 48 && c <= 57) {
      n = n * 10 + c - 48;
      c = text.charCodeAt(++i);
    }
    i += 1;
    fn(k, negative ? -n : n);
  }
}

/**
 * The page's figures from rollup rows: `scope` is the agent whose rows make the headline (EVERYONE or one
 * agent's id); rows of other agents fill the per-agent table (their detail rows: of the partly covered days
 * only). Detail quarters outside the range are left out; totals rows must be of days inside it (the caller adds
 * the partial days' closes and waits as rows of its own).
 */
export function foldRollups(rows: Iterable<RollupRow>, scope: number, range: ReportRange, timeZone: string): RollupFigures {
  const M = ROLLUP_METRIC;
  const clock = localClock(timeZone);
  const out: RollupFigures = {
    opened: 0,
    closed: 0,
    firstResponse: new Histogram(),
    resolution: new Histogram(),
    waits: new Histogram(),
    ratings: [],
    days: [],
    heatmap: Array.from({ length: 7 }, () => new Array<number>(24).fill(0)),
    reasons: new Map(),
    agents: new Map(),
  };
  const byDay = new Map(range.days.map((d) => [d, { opened: 0, firstResponse: new Histogram() }]));
  const agent = (id: number) => {
    let a = out.agents.get(id);
    if (!a) out.agents.set(id, (a = { handled: 0, firstResponse: new Histogram(), resolution: new Histogram(), ratings: [] }));
    return a;
  };
  for (const row of rows) {
    const headline = row.agentId === scope;
    const mine = scope === EVERYONE ? (headline ? null : agent(row.agentId)) : agent(scope);
    if (isDetail(row.metric)) {
      const dayStart = row.day * DAY_MS;
      const whole = dayStart >= range.from && dayStart + DAY_MS <= range.to;
      if (!headline) {
        // Another agent's detail, read only for the range's partly covered days: their per-agent figures there.
        eachCount(row.h, (k, n) => {
          const quarter = k % 100;
          const at = dayStart + quarter * QUARTER_MS;
          if (at < range.from || at >= range.to) return;
          const bin = (k - quarter) / 100;
          if (row.metric === M.opened) mine!.handled += n;
          if (bin > 0) mine!.firstResponse.add(bin, n);
        });
        continue;
      }
      // Per quarter of the row's day: its local weekday and hour, and its local day's figures.
      const quarters: ({ weekday: number; hour: number; day: { opened: number; firstResponse: Histogram } | undefined } | undefined)[] = new Array(96);
      const counted = row.metric === M.opened;
      const text = row.h;
      // The scan of eachCount, inline: this loop sees every chat of the range.
      for (let i = 1; i < text.length; ) {
        let k = 0;
        let c = text.charCodeAt(++i);
        while (c !== 34) {
          k = k * 10 + c - 48;
          c = text.charCodeAt(++i);
        }
        i += 2;
        let n = 0;
        const negative = text.charCodeAt(i) === 45;
        if (negative) i++;
        c = text.charCodeAt(i);
        while (c >= 48 && c <= 57) {
          n = n * 10 + c - 48;
          c = text.charCodeAt(++i);
        }
        i += 1;
        if (negative) n = -n;
        const quarter = k % 100;
        const bin = (k - quarter) / 100;
        const at = dayStart + quarter * QUARTER_MS;
        if (!whole && (at < range.from || at >= range.to)) continue;
        let q = quarters[quarter];
        if (!q) {
          const local = clock(at);
          q = quarters[quarter] = { weekday: local.weekday, hour: local.hour, day: byDay.get(local.day) };
        }
        if (counted) {
          out.opened += n;
          out.heatmap[q.weekday]![q.hour]! += n;
          if (q.day) q.day.opened += n;
          if (mine) mine.handled += n;
        }
        if (bin > 0) {
          out.firstResponse.add(bin, n);
          q.day?.firstResponse.add(bin, n);
          mine?.firstResponse.add(bin, n);
        }
      }
      continue;
    }
    const metric = row.metric % 100;
    eachCount(row.h, (sub, n) => {
      switch (metric) {
        case M.openedByAgent:
        case M.openedByAgentBusiness:
          if (scope !== EVERYONE || headline) return;
          if (metric === M.openedByAgent) mine!.handled += n;
          if (sub > 0) mine!.firstResponse.add(sub, n);
          return;
        case M.resolved:
        case M.resolvedBusiness:
          mine?.resolution.add(sub, n);
          if (!headline) return;
          if (metric === M.resolved) out.closed += n;
          out.resolution.add(sub, n);
          return;
        case M.csat:
          for (let j = 0; j < n; j++) {
            mine?.ratings.push(sub);
            if (headline) out.ratings.push(sub);
          }
          return;
        case M.closeReason:
          if (headline) out.reasons.set(sub === 0 ? null : sub, (out.reasons.get(sub === 0 ? null : sub) ?? 0) + n);
          return;
        case M.wait:
        case M.waitBusiness:
          if (headline) out.waits.add(sub, n);
          return;
      }
    });
  }
  out.days = range.days.map((day) => {
    const d = byDay.get(day)!;
    return { day, opened: d.opened, medianFirstResponseMs: d.firstResponse.percentile(0.5) };
  });
  return out;
}

/**
 * The range's UTC days: those it covers whole (read from the totals rows) and the spans of the days it covers
 * in part (read from the chats), [from, to) each.
 */
export function splitDays(from: number, to: number): { firstWhole: number; lastWhole: number; partial: { from: number; to: number }[] } {
  const a = Math.ceil(from / DAY_MS) * DAY_MS;
  const b = Math.floor(to / DAY_MS) * DAY_MS;
  const partial: { from: number; to: number }[] = [];
  if (b < a) partial.push({ from, to });
  else {
    if (from < a) partial.push({ from, to: a });
    if (b < to) partial.push({ from: b, to });
  }
  return { firstWhole: a / DAY_MS, lastWhole: b / DAY_MS - 1, partial };
}

export interface EdgeChats {
  closed: { assigneeId: number | null; closeReasonId: number | null; resolutionMs: number; transferred: number; csatRating: number | null }[];
  waits: number[];
}

/**
 * The chats of the partly covered days as totals rows (what the triggers would have counted for them), with
 * the figures of the mode already in them: business time when the chats were read so.
 */
export function edgeRows(scope: number, edge: EdgeChats): RollupRow[] {
  const M = ROLLUP_METRIC;
  const counts = new Map<string, Map<number, number>>();
  const add = (metric: number, agentId: number, sub: number) => {
    const key = `${metric}|${agentId}`;
    let m = counts.get(key);
    if (!m) counts.set(key, (m = new Map()));
    m.set(sub, (m.get(sub) ?? 0) + 1);
  };
  const agents = (id: number | null) => (scope !== EVERYONE ? [scope] : id === null ? [EVERYONE] : [EVERYONE, id]);
  for (const c of edge.closed) {
    for (const a of agents(c.assigneeId)) {
      add(M.closeReason, a, c.closeReasonId ?? 0);
      if (c.transferred) continue;
      add(M.resolved, a, binOf(c.resolutionMs));
      if (c.csatRating !== null) add(M.csat, a, c.csatRating);
    }
  }
  for (const w of edge.waits) add(M.wait, scope, binOf(w));
  return [...counts].map(([key, m]) => {
    const [metric, agentId] = key.split("|").map(Number) as [number, number];
    return { metric, agentId, day: 0, h: JSON.stringify(Object.fromEntries(m)) };
  });
}

const monthStart = (day: number) => {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
};
const nextMonth = (start: number) => {
  const d = new Date(start * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS;
};

/**
 * The whole UTC days `firstDay`..`lastDay` as the UTC months they cover whole (first days of the first and
 * last such month) and the spans of days around them, inclusive.
 */
export function wholeMonths(firstDay: number, lastDay: number): { months: { first: number; last: number } | null; days: [number, number][] } {
  const first = monthStart(firstDay) === firstDay ? firstDay : nextMonth(monthStart(firstDay));
  const end = monthStart(lastDay + 1);
  if (first >= end) return { months: null, days: firstDay <= lastDay ? [[firstDay, lastDay]] : [] };
  const days: [number, number][] = [];
  if (firstDay < first) days.push([firstDay, first - 1]);
  if (end <= lastDay) days.push([end, lastDay]);
  return { months: { first, last: monthStart(end - 1) }, days };
}
