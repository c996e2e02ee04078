// npm run bench [-- --suites inbox-queries,search --sizes 10000,100000 --quick --out FILE]
//                 [--tabs 5000 --workers 1,auto]   (http-traffic: open tabs, CHARLA_WORKERS settings)
// Runs the bench suites, prints a Markdown table and writes bench/results/latest.json.
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { BENCH_DIR, DATA_DIR, datasetParams, ensureDataset } from "./lib/datasets";
import { GENERATOR_VERSION } from "./lib/generate";
import { runningServer } from "./lib/server";
import { round, type PlanRecord } from "./lib/measure";
import type { Figure, Goal, Ratio, Suite, SuiteContext } from "./lib/types";
import { footprint } from "./suites/footprint";
import { httpIngest } from "./suites/http-ingest";
import { httpMemory } from "./suites/http-memory";
import { httpPages } from "./suites/http-pages";
import { httpPoll } from "./suites/http-poll";
import { httpTraffic } from "./suites/http-traffic";
import { inboxQueries } from "./suites/inbox-queries";
import { ingestInprocess } from "./suites/ingest";
import { searchSuite } from "./suites/search";
import { botSuite } from "./suites/bot";
import { reportsSuite } from "./suites/reports";
import { routingSuite } from "./suites/routing";

process.env.CHARLA_ROOT ??= path.resolve(BENCH_DIR, "..");

// Order matters for footprint (it reads the bench's peak RSS) and http-memory (it reads the server's peak
// RSS over the HTTP suites and stops the server): they run after the suites they measure. http-traffic
// runs last: it starts servers of its own (with its users, and with each CHARLA_WORKERS setting).
const SUITES: Suite[] = [ingestInprocess, inboxQueries, searchSuite, footprint, httpIngest, httpPoll, httpPages, httpMemory, routingSuite, botSuite, reportsSuite, httpTraffic];

const { values } = parseArgs({
  options: {
    suites: { type: "string" },
    sizes: { type: "string", default: "10000,100000,1000000" },
    quick: { type: "boolean", default: false },
    tabs: { type: "string", default: "5000" },
    workers: { type: "string", default: "1,auto" },
    out: { type: "string", default: path.join(BENCH_DIR, "results", "latest.json") },
  },
});

const sizes = values.sizes!.split(",").map((s) => Number(s.trim().replace(/k$/i, "000").replace(/m$/i, "000000"))).filter((n) => Number.isInteger(n) && n >= 100).sort((a, b) => a - b);
const wanted = values.suites ? values.suites.split(",").map((s) => s.trim()) : SUITES.map((s) => s.id);
const unknown = wanted.filter((w) => !SUITES.some((s) => s.id === w));
if (unknown.length || !sizes.length) {
  console.error(unknown.length ? `unknown suite(s): ${unknown.join(", ")}; known: ${SUITES.map((s) => s.id).join(", ")}` : "--sizes needs message counts ≥ 100");
  process.exit(2);
}

const log = (line: string) => console.error(`[bench] ${line}`);
const scratchDir = path.join(DATA_DIR, "scratch");
fs.mkdirSync(scratchDir, { recursive: true });
const tabs = Number(values.tabs);
if (!Number.isInteger(tabs) || tabs < 10) {
  console.error("--tabs expects a whole number ≥ 10");
  process.exit(2);
}
const traffic = { tabs, workers: values.workers!.split(",").map((w) => w.trim()).filter(Boolean) };
const ctx: SuiteContext = { sizes, quick: values.quick!, log, scratchDir, dataset: (messages) => ensureDataset(datasetParams(messages), log), traffic };

// Seed what is missing before anything is timed (the seeder runs in its own process).
for (const n of sizes) ctx.dataset(n);

function machine() {
  const cpus = os.cpus();
  const probe = new Database(":memory:");
  const sqlite = (probe.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v;
  probe.close();
  return {
    cpuModel: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    node: process.version,
    sqlite,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
  };
}

function versions() {
  const pkg = (name: string) => {
    try {
      return (JSON.parse(fs.readFileSync(path.join(BENCH_DIR, "..", "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
    } catch {
      return null;
    }
  };
  let commit: string | null = null;
  let dirty = false;
  try {
    commit = execSync("git rev-parse HEAD", { cwd: BENCH_DIR, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
    dirty = execSync("git status --porcelain", { cwd: BENCH_DIR, stdio: ["ignore", "pipe", "ignore"] }).toString().trim().length > 0;
  } catch {
    // not a git checkout
  }
  // A run from a private copy of the sources (no .git) says what it was made from.
  return { charla: { commit, dirty, source: process.env.BENCH_SOURCE ?? null }, "better-sqlite3": pkg("better-sqlite3"), "drizzle-orm": pkg("drizzle-orm"), next: pkg("next"), generator: GENERATOR_VERSION };
}

const started = new Date();
const info = machine();
const figures: Figure[] = [];
const goals: Goal[] = [];
const ratios: Ratio[] = [];
const plans: PlanRecord[] = [];
const notes: Record<string, string[]> = {};
const timings: Record<string, number> = {};
for (const suite of SUITES.filter((s) => wanted.includes(s.id))) {
  const t0 = performance.now();
  log(`suite ${suite.id}: ${suite.title}`);
  const r = await suite.run(ctx);
  timings[suite.id] = round((performance.now() - t0) / 1000, 1);
  figures.push(...r.figures);
  goals.push(...r.goals);
  ratios.push(...(r.ratios ?? []));
  plans.push(...(r.plans ?? []));
  if (r.notes?.length) notes[suite.id] = r.notes;
}
// A run of only some HTTP suites still stops the server it started.
await runningServer()?.stop();

const result = {
  generatedAt: started.toISOString(),
  machine: { ...info, loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)) },
  versions: versions(),
  options: { suites: wanted, sizes, quick: values.quick, datasets: sizes.map((n) => datasetParams(n)), ...(wanted.includes("http-traffic") ? { traffic } : {}) },
  figures,
  ratios,
  goals,
  plans,
  notes,
  secondsPerSuite: timings,
};
fs.mkdirSync(path.dirname(values.out!), { recursive: true });
fs.writeFileSync(values.out!, `${JSON.stringify(result, null, 2)}\n`);

// ---- the Markdown report ------------------------------------------------------------------------------------
const fmt = (v: number, unit: string) =>
  unit === "B" ? (v >= 1e6 ? `${(v / 1e6).toFixed(1)} MB` : `${Math.round(v).toLocaleString("en")} B`) : unit === "ms" ? `${v.toFixed(3)} ms` : unit === "×" ? `${v.toFixed(2)}×` : unit === "cores" ? `${v.toFixed(3)} cores` : unit === "/s" ? `${v.toFixed(2)} /s` : `${Math.round(v).toLocaleString("en")} ${unit}`;
const lines = [
  `## Charla bench — ${started.toISOString().slice(0, 16).replace("T", " ")} UTC`,
  "",
  `${info.cpuModel}, ${info.cores} cores, ${(info.memoryBytes / 2 ** 30).toFixed(0)} GiB, Node ${info.node}, SQLite ${info.sqlite}; load average at start ${info.loadAverageAtStart.join(" / ")}, at end ${result.machine.loadAverageAtEnd.join(" / ")}`,
  "",
  "| figure | value | against | ratio |",
  "| --- | ---: | ---: | ---: |",
  ...figures.map((f) => `| ${f.label} | ${fmt(f.value, f.unit)} | ${f.against ? `${f.against.label}: ${fmt(f.against.value, f.against.unit)}` : ""} | ${f.ratio !== undefined ? f.ratio.toFixed(2) : ""} |`),
  "",
  "| goal | measured | holds |",
  "| --- | --- | :---: |",
  ...goals.map((g) => `| ${g.target} | ${g.measured} | ${g.holds ? "✅" : "❌"} |`),
];
const flagged = plans.filter((p) => p.problems.length);
if (flagged.length) {
  lines.push("", "Query plans with findings:", "");
  for (const p of flagged) lines.push(`- ${p.shape}: ${p.problems.map((x) => `${x.level.toUpperCase()} ${x.detail}`).join("; ")}`);
}
lines.push("", `Wrote ${path.relative(process.cwd(), values.out!)} (${plans.length} query plans, per-shape details in "notes").`);
console.log(lines.join("\n"));
