import { spawnSync } from "node:child_process";
import path from "node:path";
import { openDatabase, type Db } from "@/db/client";
import { localDay } from "@/server/domain/report-stats";
import { listChannels } from "@/server/repositories/channels";
import { buildReport, type ReportQuery, type ReportViewer } from "@/server/services/reports";
import { BENCH_DIR } from "../lib/datasets";
import { DEFAULT_END } from "../lib/generate";
import { alternatingFiling, copyDatabase, inboundTraffic, knownContacts, median, pairedRatio, removeDatabase, Rng } from "../lib/feature-kit";
import { distribution, round } from "../lib/measure";
import type { Figure, Goal, Suite, SuiteContext, SuiteResult } from "../lib/types";
import { label } from "./inbox-queries";

// Issue 15: the reports page for 30 and for 365 days ≤ 100 ms p95 server time; the CSV export of 365 days
// keeps the server's RSS ≤ 400 MB; keeping the metrics costs ≤ 10% of in-process filing throughput.
// Server time is buildReport in-process, as of the dataset's last day, for the whole team (admin) and for one
// agent. The export runs in a child process of its own (same loader as the bench) streaming to /dev/null,
// so its peak RSS is the export's alone. The metrics' cost: filing on a copy as is against a copy whose
// metric triggers (chat_metrics_*, and whatever writes response_waits) were dropped, in alternating blocks.

const PAGE_GOAL_MS = 100;
const RSS_GOAL_BYTES = 400 * 1024 * 1024;
const FILING_GOAL = 0.9;
const TIME_ZONE = "America/Sao_Paulo";

function metricTriggers(db: Db): string[] {
  return db.$client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'chat\\_metrics\\_%' ESCAPE '\\' OR sql LIKE '%response_waits%') ORDER BY name")
    .pluck()
    .all() as string[];
}

function csvExport(file: string, viewer: ReportViewer, q: ReportQuery, now: number): { rows: number; bytes: number; seconds: number; rssBefore: number; peakRss: number } {
  const tsx = path.join(BENCH_DIR, "..", "node_modules", ".bin", "tsx");
  const r = spawnSync(tsx, [path.join(BENCH_DIR, "lib", "csv-export-child.ts"), file, JSON.stringify(viewer), JSON.stringify(q), String(now)], {
    cwd: path.join(BENCH_DIR, ".."),
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`the CSV export child failed (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as { rows: number; bytes: number; seconds: number; rssBefore: number; peakRss: number };
}

export const reportsSuite: Suite = {
  id: "reports",
  title: "Reports (issue 15): the page's server time, the CSV export's memory, the metrics' cost to filing",
  kind: "data",
  run(ctx: SuiteContext): SuiteResult {
    const messages = Math.max(...ctx.sizes);
    ctx.log(`reports: into two copies of the ${label(messages)} database …`);
    const source = ctx.dataset(messages);
    const files = { kept: path.join(ctx.scratchDir, "reports-metrics.db"), dropped: path.join(ctx.scratchDir, "reports-no-metrics.db") };
    copyDatabase(source, files.kept);
    copyDatabase(source, files.dropped);
    const dbs = { a: openDatabase(files.kept), b: openDatabase(files.dropped) };
    try {
      const db = dbs.a;
      const sqlite = db.$client;
      const chats = sqlite.prepare("SELECT count(*) FROM chats").pluck().get() as number;
      const metrics = sqlite.prepare("SELECT count(*) FROM chat_metrics").pluck().get() as number;
      const waits = sqlite.prepare("SELECT count(*) FROM response_waits").pluck().get() as number;
      if (metrics < chats) throw new Error(`the dataset has ${metrics} chat_metrics rows for ${chats} chats: its metrics were not generated`);

      // ---- the page: buildReport ------------------------------------------------------------------------
      const adminId = sqlite.prepare("SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1").pluck().get() as number;
      const agentId = sqlite.prepare("SELECT assignee_id FROM chats WHERE assignee_id IS NOT NULL GROUP BY assignee_id ORDER BY count(*) DESC LIMIT 1").pluck().get() as number;
      const viewers: Record<string, ReportViewer> = { admin: { id: adminId, role: "admin", timeZone: TIME_ZONE }, agent: { id: agentId, role: "agent", timeZone: TIME_ZONE } };
      const last = localDay(DEFAULT_END, TIME_ZONE);
      const ranges: Record<string, ReportQuery> = { "30d": { range: "30d" }, "365d": { range: "custom", from: new Date(Date.parse(`${last}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10), to: last } };
      const calls = ctx.quick ? 10 : 30;
      const page: Record<string, ReturnType<typeof distribution> & { opened: number }> = {};
      for (const [r, q] of Object.entries(ranges)) {
        for (const [v, viewer] of Object.entries(viewers)) {
          ctx.log(`reports: buildReport ${r} as ${v} × ${calls} …`);
          let opened = 0;
          for (let i = 0; i < 3; i++) opened = buildReport(db, viewer, q, DEFAULT_END).headline.opened;
          const samples: number[] = [];
          for (let i = 0; i < calls; i++) {
            const t0 = process.hrtime.bigint();
            buildReport(db, viewer, q, DEFAULT_END);
            samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
          }
          page[`${r} ${v}`] = { ...distribution(samples), opened };
        }
      }

      // ---- the CSV export of 365 days, in a process of its own ---------------------------------------------
      ctx.log("reports: CSV export of 365 days in a child process …");
      const csv = csvExport(files.kept, viewers.admin!, ranges["365d"]!, DEFAULT_END);

      // ---- the metrics' cost to filing ----------------------------------------------------------------
      const dropped = metricTriggers(dbs.b);
      for (const name of dropped) dbs.b.$client.exec(`DROP TRIGGER "${name}"`);
      const rng = new Rng(15);
      const block = ctx.quick ? 300 : 1000;
      const blocks = ctx.quick ? 4 : 8;
      const warm = 200;
      const start = DEFAULT_END + 86_400_000;
      const evs = inboundTraffic(rng, listChannels(db), knownContacts(db, rng, 5000), warm + block * blocks, `reports-${process.pid}`, start, 1000);
      ctx.log(`reports: filing ${blocks} blocks of ${block}, metrics kept vs dropped …`);
      const filing = alternatingFiling(dbs, evs, { warm, block, blocks });
      const kept = median(filing.a);
      const without = median(filing.b);
      const ratio = pairedRatio(filing.a, filing.b);
      const newMetrics = sqlite.prepare("SELECT count(*) FROM chat_metrics WHERE chat_id IN (SELECT id FROM chats WHERE opened_at >= ?)").pluck().get(start) as number;

      const pageGoal = { label: "goal (issue 15)", value: PAGE_GOAL_MS, unit: "ms" };
      const figures: Figure[] = Object.entries(page).map(([k, d]) => ({
        id: `reports.page.${k.replace(" ", ".")}`,
        suite: "reports",
        label: `reports page ${k === "30d admin" || k === "30d agent" ? "last 30 days" : "365 days"}, ${k.endsWith("admin") ? "whole team (admin)" : "one agent"}: buildReport p95`,
        value: round(d.p95, 2),
        unit: "ms",
        against: pageGoal,
        ratio: round(d.p95 / PAGE_GOAL_MS, 3),
        details: { p50: round(d.p50, 2), p99: round(d.p99, 2), max: round(d.max, 2), calls: d.n, chatsOpenedInRange: d.opened },
      }));
      figures.push(
        {
          id: "reports.csv.rss",
          suite: "reports",
          label: "reports: CSV export of 365 days (whole team), peak RSS of the exporting process",
          value: csv.peakRss,
          unit: "B",
          against: { label: "goal (issue 15)", value: RSS_GOAL_BYTES, unit: "B" },
          ratio: round(csv.peakRss / RSS_GOAL_BYTES, 3),
          details: { rows: csv.rows, bytes: csv.bytes, seconds: round(csv.seconds, 2), rssBeforeExport: csv.rssBefore },
        },
        {
          id: "reports.filing.metrics",
          suite: "reports",
          label: "reports: filing with the metrics kept (triggers as shipped), messages/s",
          value: Math.round(kept),
          unit: "msg/s",
          against: { label: "same run with the metric triggers dropped", value: Math.round(without), unit: "msg/s" },
          ratio: round(ratio, 3),
          details: { keptBlocks: filing.a.map(Math.round), droppedBlocks: filing.b.map(Math.round), ratioOfMedians: round(kept / without, 3), perCpuSecond: { kept: Math.round(median(filing.aCpu)), dropped: Math.round(median(filing.bCpu)), pairedRatio: round(pairedRatio(filing.aCpu, filing.bCpu), 3) }, droppedTriggers: dropped },
        },
        { id: "reports.filing.no-metrics", suite: "reports", label: "reports: filing with the metric triggers dropped, messages/s", value: Math.round(without), unit: "msg/s" },
      );
      const worst = Object.entries(page).sort((x, y) => y[1].p95 - x[1].p95);
      const goals: Goal[] = [
        {
          id: "reports-page",
          suite: "reports",
          target: `the reports page for 30 and for 365 days ≤ ${PAGE_GOAL_MS} ms p95 server time (admin and agent)`,
          measured: worst.map(([k, d]) => `${k} ${round(d.p95, 1)} ms`).join(", "),
          holds: worst[0]![1].p95 <= PAGE_GOAL_MS,
        },
        {
          id: "reports-csv-rss",
          suite: "reports",
          target: "CSV export of 365 days keeps the exporting process's RSS ≤ 400 MB",
          measured: `peak ${(csv.peakRss / 2 ** 20).toFixed(0)} MiB for ${csv.rows} rows (${(csv.rssBefore / 2 ** 20).toFixed(0)} MiB before the export)`,
          holds: csv.peakRss <= RSS_GOAL_BYTES,
        },
        {
          id: "reports-metrics-cost",
          suite: "reports",
          target: `keeping the metrics costs ≤ ${Math.round((1 - FILING_GOAL) * 100)}% of in-process filing throughput`,
          measured: `median of per-block ratios ${round(ratio * 100, 1)}% (medians ${Math.round(kept)} / ${Math.round(without)} msg/s; per CPU second ${round(pairedRatio(filing.aCpu, filing.bCpu) * 100, 1)}%)`,
          holds: ratio >= FILING_GOAL,
        },
      ];
      return {
        figures,
        goals,
        ratios: [{ id: "reports-metrics-cost", label: "filing with metrics / without", numerator: "reports.filing.metrics", denominator: "reports.filing.no-metrics", value: round(ratio, 3) }],
        notes: [
          `${label(messages)} messages: ${chats} chats, ${metrics} chat_metrics rows, ${waits} response_waits; filing made ${newMetrics} metric rows for the run's new chats`,
          `dropped for the comparison: ${dropped.join(", ")}`,
          "the export's RSS is that of a plain Node process running the export alone; the server's own (Next.js loaded) is measured by http-memory",
        ],
      };
    } finally {
      dbs.a.$client.close();
      dbs.b.$client.close();
      removeDatabase(files.kept);
      removeDatabase(files.dropped);
    }
  },
};
