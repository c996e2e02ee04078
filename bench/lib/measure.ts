import type Database from "better-sqlite3";

// Timing and query-plan helpers shared by the suites.

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Distribution {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function distribution(samples: number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    mean: sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1),
  };
}

/** Milliseconds one call takes, sampled `iterations` times after `warmup` untimed calls. */
export function sample(fn: () => unknown, iterations: number, warmup = Math.min(20, iterations)): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out;
}

export const round = (x: number, digits = 3): number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

// ---- query plans ---------------------------------------------------------------------------------------

export interface PlanRecord {
  /** Which call issued the statement (first caller wins). */
  shape: string;
  sql: string;
  plan: string[];
  /** Full scans of chats/messages (failures) and sorts in a temporary b-tree (warnings). */
  problems: Array<{ level: "fail" | "warn"; detail: string }>;
}

/**
 * Records the SQL of every statement prepared on this connection while `label` is set, so the bench can
 * EXPLAIN exactly what the repositories run — including statements they cache once per connection.
 */
export class SqlRecorder {
  /** Statements prepared outside `as()` (the bench's own helpers) are not recorded. */
  private label: string | null = null;
  readonly seen = new Map<string, string>();

  constructor(private readonly sqlite: Database.Database) {
    const original = sqlite.prepare.bind(sqlite);
    (sqlite as unknown as { prepare: (sql: string) => Database.Statement }).prepare = (sql: string) => {
      const key = normalizeSql(sql);
      if (this.label !== null && !this.seen.has(key)) this.seen.set(key, this.label);
      return original(sql);
    };
  }

  as<T>(label: string, fn: () => T): T {
    const before: string | null = this.label;
    this.label = label;
    try {
      return fn();
    } finally {
      this.label = before;
    }
  }
}

export function normalizeSql(sql: string): string {
  return sql.replace(/\s+/g, " ").trim();
}

/** Representative values for a statement's parameters. Without ANALYZE statistics, plans don't depend on them. */
function placeholderParams(sql: string, named: Record<string, unknown>): { named: Record<string, unknown>; positional: unknown[] } {
  const names = new Set([...sql.matchAll(/[@:$]([A-Za-z_]\w*)/g)].map((m) => m[1]!));
  const out: Record<string, unknown> = {};
  for (const n of names) out[n] = n in named ? named[n] : 1;
  const positional = [...sql.matchAll(/\?/g)].map(() => 1);
  return { named: out, positional };
}

/** Tables behind the aliases a statement uses (FROM chats c, JOIN messages m …). */
function aliases(sql: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+["`]?(\w+)["`]?(?:\s+(?:AS\s+)?["`]?(\w+)["`]?)?/gi)) {
    const table = m[1]!.toLowerCase();
    map.set(table, table);
    const alias = m[2];
    if (alias && !/^(WHERE|JOIN|LEFT|INNER|ON|INDEXED|ORDER|GROUP|LIMIT|USING|CROSS|NATURAL)$/i.test(alias)) map.set(alias.toLowerCase(), table);
  }
  return map;
}

export function explain(sqlite: Database.Database, shape: string, sql: string, params: Record<string, unknown> = {}): PlanRecord {
  const { named, positional } = placeholderParams(sql, params);
  const stmt = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const rows = (Object.keys(named).length ? stmt.all(named) : stmt.all(...positional)) as Array<{ id: number; parent: number; detail: string }>;
  const depth = new Map<number, number>();
  const plan = rows.map((r) => {
    const d = (depth.get(r.parent) ?? -1) + 1;
    depth.set(r.id, d);
    return `${"  ".repeat(d)}${r.detail}`;
  });
  const tables = aliases(sql);
  const problems: PlanRecord["problems"] = [];
  for (const r of rows) {
    const scan = /^SCAN (\w+)(.*)$/.exec(r.detail);
    if (scan) {
      const table = tables.get(scan[1]!.toLowerCase()) ?? scan[1]!.toLowerCase();
      const rest = scan[2] ?? "";
      const viaIndex = /USING (COVERING )?INDEX|VIRTUAL TABLE|USING INTEGER PRIMARY KEY/.test(rest);
      if ((table === "chats" || table === "messages") && !viaIndex) problems.push({ level: "fail", detail: `full table scan of ${table}: ${r.detail}` });
    }
    if (/USE TEMP B-TREE FOR (ORDER BY|RIGHT PART OF ORDER BY)/.test(r.detail)) problems.push({ level: "warn", detail: r.detail });
  }
  return { shape, sql, plan, problems };
}

// ---- robust latency on a shared machine -----------------------------------------------------------------

/**
 * Latency samples of one call, taken in rounds. Each sample keeps the wall-clock time and the CPU time the
 * process spent (user + system): on a machine shared with other work, wall-clock tails include the time the
 * process waited for a core. Percentiles are reported "best round": the round with the lowest p95 — other
 * tenants' bursts land in some rounds, not all — and the CPU-time p95 over all rounds is kept beside it.
 */
export class Probe {
  readonly wall: number[][] = [];
  readonly cpu: number[][] = [];

  constructor(
    readonly id: string,
    private readonly fn: () => unknown,
  ) {}

  round(iterations: number, warmup = 5): void {
    for (let i = 0; i < warmup; i++) this.fn();
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      this.fn();
      const t1 = process.hrtime.bigint();
      const c = process.cpuUsage(c0);
      wall.push(Number(t1 - t0) / 1e6);
      cpu.push((c.user + c.system) / 1000);
    }
    this.wall.push(wall);
    this.cpu.push(cpu);
  }

  /** p50/p95 of the round with the lowest wall-clock p95, and CPU-time percentiles over all rounds. */
  summary(): ProbeSummary {
    return summarize([this]);
  }
}

export interface ProbeSummary {
  p50: number;
  p95: number;
  cpuP50: number;
  cpuP95: number;
  /** Wall-clock p95 of every round, to show the spread. */
  roundP95: number[];
  n: number;
}

/** Pools several probes (e.g. every list shape): round by round, then the best round as in Probe.summary. */
export function summarize(probes: Probe[]): ProbeSummary {
  const rounds = Math.min(...probes.map((p) => p.wall.length));
  let best: Distribution | null = null;
  const roundP95: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const d = distribution(probes.flatMap((p) => p.wall[r]!));
    roundP95.push(round(d.p95));
    if (!best || d.p95 < best.p95) best = d;
  }
  const cpu = distribution(probes.flatMap((p) => p.cpu.flat()));
  return { p50: best?.p50 ?? NaN, p95: best?.p95 ?? NaN, cpuP50: cpu.p50, cpuP95: cpu.p95, roundP95, n: best?.n ?? 0 };
}
