import fs from "node:fs";
import Database from "better-sqlite3";
import { round } from "../lib/measure";
import { runningServer } from "../lib/server";
import type { Figure, Goal, Suite, SuiteResult } from "../lib/types";

// The server's peak RSS over every HTTP suite of the run (its process tree, sampled every 200 ms from
// /proc), and what its database weighs per million messages after them. Stops the server.

const GOAL_RSS_MB = 400;

export const httpMemory: Suite = {
  id: "http-memory",
  title: "Server peak RSS over the HTTP suites; its database size per 1M messages",
  kind: "http",
  async run(): Promise<SuiteResult> {
    const server = runningServer();
    if (!server) return { figures: [], goals: [], notes: ["no HTTP suite ran: nothing to measure"] };
    const peak = server.peakRss();
    await server.stop();
    const db = new Database(server.dbFile, { readonly: true });
    const n = db.prepare("SELECT count(*) FROM messages").pluck().get() as number;
    const bytes = (db.pragma("page_count", { simple: true }) as number) * (db.pragma("page_size", { simple: true }) as number);
    db.close();
    const wal = fs.existsSync(`${server.dbFile}-wal`) ? fs.statSync(`${server.dbFile}-wal`).size : 0;
    const perMillion = ((bytes + wal) / n) * 1e6;
    const figures: Figure[] = [
      { id: "http.server.peak-rss", suite: "http-memory", label: "server peak RSS over the HTTP suites", value: peak, unit: "B", against: { label: "goal", value: GOAL_RSS_MB * 1e6, unit: "B" }, ratio: round(peak / (GOAL_RSS_MB * 1e6), 3) },
      { id: "http.server.db-bytes-per-million", suite: "http-memory", label: "server database bytes per 1M messages after the run", value: Math.round(perMillion), unit: "B", details: { bytes, wal, messages: n } },
    ];
    const goals: Goal[] = [
      { id: "server-rss", suite: "http-memory", target: `server peak RSS ≤ ${GOAL_RSS_MB} MB during the whole run`, measured: `${round(peak / 1e6, 1)} MB`, holds: peak <= GOAL_RSS_MB * 1e6 },
    ];
    return { figures, goals, notes: [`${n} messages, ${round((bytes + wal) / 1e6, 1)} MB (WAL ${round(wal / 1e6, 1)} MB)`] };
  },
};
