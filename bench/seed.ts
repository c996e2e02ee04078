// npm run bench:seed -- --contacts 100000 --messages 1000000 [--out FILE] [--seed N] [--days 365]
//   [--inactivity-minutes 10080|never]
// Writes a deterministic, realistic Charla database (see lib/generate.ts) and prints rows/s.
import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_END, seedDatabase } from "./lib/generate";
import { datasetFile, datasetParams, DEFAULT_SEED } from "./lib/datasets";

// Migrations are found from the project root whatever the working directory.
process.env.CHARLA_ROOT ??= path.resolve(import.meta.dirname, "..");

const { values } = parseArgs({
  options: {
    contacts: { type: "string" },
    messages: { type: "string", default: "100000" },
    out: { type: "string" },
    seed: { type: "string", default: String(DEFAULT_SEED) },
    days: { type: "string", default: "365" },
    "inactivity-minutes": { type: "string", default: "10080" },
  },
});

function int(name: string, raw: string | undefined, min: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} expects a whole number ≥ ${min}; got “${raw}”.`);
    process.exit(2);
  }
  return n;
}

const messages = int("messages", values.messages, 10);
const contacts = values.contacts === undefined ? Math.max(10, Math.round(messages / 10)) : int("contacts", values.contacts, 1);
const seed = int("seed", values.seed, 0);
const days = int("days", values.days, 1);
const inactivityRaw = values["inactivity-minutes"]!;
const inactivityMinutes = inactivityRaw === "never" ? null : int("inactivity-minutes", inactivityRaw, 5);
const out = path.resolve(values.out ?? datasetFile(datasetParams(messages, { contacts, seed, days, inactivityMinutes })));

const report = seedDatabase({ contacts, messages, seed, out, days, end: DEFAULT_END, inactivityMinutes, log: (l) => console.log(l) });
const s = report.seconds;
console.log(
  [
    `wrote ${report.file} (${(report.bytes / 1e6).toFixed(1)} MB)`,
    `rows: ${Object.entries(report.rows).map(([t, n]) => `${t} ${n}`).join(", ")} — ${report.totalRows} in all`,
    `chats: ${Object.entries(report.chatsByState).map(([k, n]) => `${k} ${n}`).join(", ")}`,
    `time: simulate ${s.simulate.toFixed(1)} s, order ${s.sort.toFixed(1)} s, insert ${s.write.toFixed(1)} s, indexes ${s.indexes.toFixed(1)} s, fts ${s.fts.toFixed(1)} s, checks ${s.finish.toFixed(1)} s, total ${s.total.toFixed(1)} s`,
    `${Math.round(report.rowsPerSecond).toLocaleString("en")} rows/s overall, ${Math.round(report.insertRowsPerSecond).toLocaleString("en")} rows/s writing (insert + indexes + fts)`,
  ].join("\n"),
);
