import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_END, GENERATOR_VERSION } from "./generate";
import { upgradeDataset } from "./upgrade";

// Seeded databases are cached under bench/.data, named by everything that shapes their content, so a
// rerun reuses them and a change of parameters or of the generator makes a new one. Migrations added
// after a file was generated are applied to it once, before anything is timed (lib/upgrade.ts).

export const BENCH_DIR = path.resolve(import.meta.dirname, "..");
export const DATA_DIR = path.join(BENCH_DIR, ".data");

export interface DatasetParams {
  contacts: number;
  messages: number;
  seed: number;
  days: number;
  inactivityMinutes: number | null;
}

export const DEFAULT_SEED = 20260601;

export function datasetParams(messages: number, overrides: Partial<DatasetParams> = {}): DatasetParams {
  return { messages, contacts: Math.max(10, Math.round(messages / 10)), seed: DEFAULT_SEED, days: 365, inactivityMinutes: 7 * 24 * 60, ...overrides };
}

export function datasetFile(p: DatasetParams): string {
  const inactivity = p.inactivityMinutes === null ? "never" : String(p.inactivityMinutes);
  return path.join(DATA_DIR, `charla-g${GENERATOR_VERSION}-m${p.messages}-c${p.contacts}-s${p.seed}-d${p.days}-i${inactivity}-e${DEFAULT_END}.db`);
}

/** The cached database for these parameters, seeding it first (in a child process) when missing. */
export function ensureDataset(p: DatasetParams, log: (line: string) => void): string {
  const file = datasetFile(p);
  if (fs.existsSync(file)) {
    upgradeDataset(file, log);
    return file;
  }
  log(`seeding ${path.basename(file)} …`);
  const args = [
    path.join(BENCH_DIR, "seed.ts"),
    "--contacts", String(p.contacts),
    "--messages", String(p.messages),
    "--seed", String(p.seed),
    "--days", String(p.days),
    "--inactivity-minutes", p.inactivityMinutes === null ? "never" : String(p.inactivityMinutes),
    "--out", file,
  ];
  const tsx = path.join(BENCH_DIR, "..", "node_modules", ".bin", "tsx");
  const r = spawnSync(tsx, args, { stdio: "inherit", cwd: path.join(BENCH_DIR, "..") });
  if (r.status !== 0 || !fs.existsSync(file)) throw new Error(`seeding ${file} failed (exit ${r.status})`);
  return file;
}
