import fs from "node:fs";
import Database from "better-sqlite3";
import { round } from "../lib/measure";
import type { Figure, Suite, SuiteContext, SuiteResult } from "../lib/types";
import { label } from "./inbox-queries";

// Database bytes per million messages at each size (what a year of history costs on disk), with the share
// of the biggest tables and indexes, and the bench process's peak RSS (taken when the runner finishes,
// so it covers every suite that ran before it).

export const footprint: Suite = {
  id: "footprint",
  title: "Database size per million messages; peak RSS of the bench",
  kind: "data",
  run(ctx: SuiteContext): SuiteResult {
    const figures: Figure[] = [];
    const notes: string[] = [];
    for (const messages of ctx.sizes) {
      const file = ctx.dataset(messages);
      const db = new Database(file, { readonly: true });
      const { n } = db.prepare("SELECT count(*) AS n FROM messages").get() as { n: number };
      const pages = db.pragma("page_count", { simple: true }) as number;
      const pageSize = db.pragma("page_size", { simple: true }) as number;
      let breakdown = "";
      try {
        const rows = db.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 8").all() as Array<{ name: string; bytes: number }>;
        breakdown = rows.map((r) => `${r.name} ${(r.bytes / 1e6).toFixed(1)} MB`).join(", ");
      } catch {
        breakdown = "(dbstat not available)";
      }
      db.close();
      const bytes = pages * pageSize + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
      const L = label(messages);
      figures.push({ id: `db.bytes-per-million@${L}`, suite: "footprint", label: `database bytes per 1M messages @${L}`, value: Math.round((bytes / n) * 1e6), unit: "B", details: { bytes, messages: n } });
      notes.push(`@${L}: ${(bytes / 1e6).toFixed(1)} MB for ${n} messages; largest: ${breakdown}`);
    }
    const rss = process.resourceUsage().maxRSS * 1024;
    figures.push({ id: "bench.peak-rss", suite: "footprint", label: "peak RSS of the bench process", value: Math.round(rss), unit: "B", details: { mb: round(rss / 1e6, 1) } });
    return { figures, goals: [], notes };
  },
};
