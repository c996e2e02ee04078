import type { PlanRecord } from "./measure";

// What a suite reports. Every figure can carry the ceiling or goal it is judged against; a suite adds
// goals (target, measured, holds) for the numbered targets. HTTP suites (ingest over HTTP,
// polling, pages) plug in later as more Suite objects with kind "http".

export interface Figure {
  id: string;
  suite: string;
  label: string;
  value: number;
  unit: string;
  /** What the figure is compared with: a ceiling measured in the same run, or a goal. */
  against?: { label: string; value: number; unit: string };
  /** value / against.value, when the issue states the figure as a ratio. */
  ratio?: number;
  details?: Record<string, unknown>;
}

export interface Goal {
  id: string;
  suite: string;
  target: string;
  measured: string;
  holds: boolean;
}

export interface Ratio {
  id: string;
  label: string;
  numerator: string;
  denominator: string;
  value: number;
}

export interface SuiteResult {
  figures: Figure[];
  goals: Goal[];
  ratios?: Ratio[];
  plans?: PlanRecord[];
  notes?: string[];
}

export interface SuiteContext {
  /** Message counts of the inbox-query datasets (10k, 100k, 1M unless --sizes says otherwise). */
  sizes: number[];
  quick: boolean;
  log: (line: string) => void;
  /** A migrated, seeded database for this many messages (cached under bench/.data). */
  dataset: (messages: number) => string;
  /** A scratch directory on the same file system as the datasets. */
  scratchDir: string;
  /** http-traffic: open tabs at the measured point, and the CHARLA_WORKERS settings to measure (the first is judged against the goals). */
  traffic: { tabs: number; workers: string[] };
}

export interface Suite {
  id: string;
  title: string;
  kind: "data" | "http";
  run: (ctx: SuiteContext) => SuiteResult | Promise<SuiteResult>;
}
