import fs from "node:fs";
import { openDatabase } from "@/db/client";
import type { ReportQuery, ReportViewer } from "@/server/services/reports";
import { reportCsvLines } from "@/server/services/report-export";

// Run by the reports suite in a process of its own, so its peak RSS is the export's: streams the CSV of
// a range to /dev/null in chunks of 500 lines (as the export route pulls its stream) and prints, as JSON,
// the rows written and the process's resident memory before and at its peak (VmHWM).
// Arguments: <database> <viewer JSON> <query JSON> <now ms>

function status(field: "VmHWM" | "VmRSS"): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) * 1024 : NaN;
}

const [file, viewerJson, queryJson, nowArg] = process.argv.slice(2);
const db = openDatabase(file!, { migrate: false });
const rssBefore = status("VmRSS");
const out = fs.openSync("/dev/null", "w");
const started = performance.now();
let lines = 0;
let bytes = 0;
let chunk = "";
for (const line of reportCsvLines(db, JSON.parse(viewerJson!) as ReportViewer, JSON.parse(queryJson!) as ReportQuery, Number(nowArg))) {
  chunk += line;
  lines += 1;
  if (lines % 500 === 0) {
    bytes += fs.writeSync(out, chunk);
    chunk = "";
  }
}
if (chunk) bytes += fs.writeSync(out, chunk);
fs.closeSync(out);
db.$client.close();
console.log(JSON.stringify({ rows: lines - 1, bytes, seconds: (performance.now() - started) / 1000, rssBefore, peakRss: status("VmHWM") }));
