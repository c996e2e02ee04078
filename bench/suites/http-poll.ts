import Database from "better-sqlite3";
import { load, send, type LoadResult } from "../lib/load";
import { round } from "../lib/measure";
import { bareServer, benchServer } from "../lib/server";
import { sessionCookie, type BenchUser } from "../lib/session-cookie";
import type { Figure, Goal, Suite, SuiteContext, SuiteResult } from "../lib/types";
import { describe, largest } from "./http-ingest";
import { label } from "./inbox-queries";
import http from "node:http";

// Polling: GET /api/poll with real session cookies of the six bench agents, at concurrency 64.
// "No change": each request sends the ETag of that agent's last answer (a 304 unless something was
// written meanwhile — the server's jobs may write; such answers are 200s and refresh the ETag).
// "Changed": no If-None-Match, so every answer carries the counters. Ceilings in the same run: the
// bench-only Next route answering constant JSON, and a bare node:http server in its own process.

const CONCURRENCY = 64;
const GOAL_RATIO = 0.9;
const GOAL_RATE = 1000;
const GOAL_P99_MS = 100;

export const httpPoll: Suite = {
  id: "http-poll",
  title: "Authenticated counters polling vs a constant-JSON Next route and bare node:http",
  kind: "http",
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    const size = largest(ctx);
    const server = await benchServer(ctx.dataset(size), ctx.log);
    const seconds = ctx.quick ? 4 : 10;
    const warmupSeconds = ctx.quick ? 1 : 2;
    const db = new Database(server.dbFile, { readonly: true });
    const users = db.prepare("SELECT id, name, email, role FROM users WHERE email LIKE 'agent%@bench.example.com' AND active = 1 ORDER BY id").all() as BenchUser[];
    db.close();
    const cookies = await Promise.all(users.map((u) => sessionCookie(u, server.authSecret)));
    const etags = new Map<number, string>();
    const agent = new http.Agent({ keepAlive: true });
    for (let u = 0; u < cookies.length; u++) {
      const a = await send(agent, server.port, { path: "/api/poll", headers: { cookie: cookies[u]! } });
      if (a.status !== 200) throw new Error(`GET /api/poll as ${users[u]!.email} answered ${a.status}: ${a.body.toString().slice(0, 200)}`);
      etags.set(u, String(a.headers.etag));
    }
    agent.destroy();
    const who = (i: number) => i % cookies.length;
    const run = (name: string, fn: () => Promise<LoadResult>) => {
      ctx.log(`http-poll: ${name}, ${seconds} s at concurrency ${CONCURRENCY} …`);
      return fn();
    };

    const nextCeiling = await run("Next constant JSON", () => load({ port: server.port, concurrency: CONCURRENCY, seconds, warmupSeconds, request: () => ({ path: "/api/bench/ceiling-json" }) }));
    const bare = await bareServer();
    const bareCeiling = await run("bare node:http", () => load({ port: bare.port, concurrency: CONCURRENCY, seconds, warmupSeconds, request: () => ({ path: "/" }) }));
    await bare.stop();
    const noChange = await run("no change (If-None-Match)", () =>
      load({
        port: server.port,
        concurrency: CONCURRENCY,
        seconds,
        warmupSeconds,
        ok: [304, 200],
        request: (i) => ({ path: "/api/poll", headers: { cookie: cookies[who(i)]!, "if-none-match": etags.get(who(i))! } }),
        onAnswer: (i, a) => {
          if (a.status === 200 && a.headers.etag) etags.set(who(i), String(a.headers.etag));
        },
      }),
    );
    const changed = await run("changed (counters)", () => load({ port: server.port, concurrency: CONCURRENCY, seconds, warmupSeconds, request: (i) => ({ path: "/api/poll", headers: { cookie: cookies[who(i)]! } }) }));

    const notModified = noChange.statuses["304"] ?? 0;
    const ratio = noChange.perSecond / nextCeiling.perSecond;
    const L = label(size);
    const figures: Figure[] = [
      { id: "http.poll.no-change", suite: "http-poll", label: `poll "no change" answers/s @${L}, c=${CONCURRENCY}`, value: noChange.perSecond, unit: "req/s", against: { label: "Next route, constant JSON (ceiling)", value: nextCeiling.perSecond, unit: "req/s" }, ratio: round(ratio, 3), details: { ...noChange, share304: round(notModified / Math.max(1, noChange.okCount), 4) } },
      { id: "http.poll.no-change.p99", suite: "http-poll", label: 'poll "no change" p99', value: noChange.p99, unit: "ms", against: { label: "goal", value: GOAL_P99_MS, unit: "ms" }, ratio: round(noChange.p99 / GOAL_P99_MS, 3) },
      { id: "http.poll.changed", suite: "http-poll", label: `poll "changed" answers/s (counters) @${L}`, value: changed.perSecond, unit: "req/s", against: { label: "Next route, constant JSON (ceiling)", value: nextCeiling.perSecond, unit: "req/s" }, ratio: round(changed.perSecond / nextCeiling.perSecond, 3), details: { ...changed } },
      { id: "http.poll.ceiling-next", suite: "http-poll", label: "Next route handler, constant JSON, req/s", value: nextCeiling.perSecond, unit: "req/s", against: { label: "bare node:http", value: bareCeiling.perSecond, unit: "req/s" }, ratio: round(nextCeiling.perSecond / bareCeiling.perSecond, 3), details: { ...nextCeiling } },
      { id: "http.poll.ceiling-bare", suite: "http-poll", label: "bare node:http, constant JSON, req/s", value: bareCeiling.perSecond, unit: "req/s", details: { ...bareCeiling } },
    ];
    const goals: Goal[] = [
      { id: "poll-ratio", suite: "http-poll", target: `poll "no change" ≥ ${GOAL_RATIO * 100}% of the constant-JSON Next route, c=${CONCURRENCY}`, measured: `${Math.round(noChange.perSecond)} / ${Math.round(nextCeiling.perSecond)} = ${round(ratio * 100, 1)}%`, holds: ratio >= GOAL_RATIO },
      { id: "poll-rate", suite: "http-poll", target: `≥ ${GOAL_RATE} "no change" answers/s with p99 ≤ ${GOAL_P99_MS} ms`, measured: `${Math.round(noChange.perSecond)}/s, p99 ${noChange.p99} ms, ${noChange.errors} errors (${notModified} of ${noChange.okCount} were 304)`, holds: noChange.perSecond >= GOAL_RATE && noChange.p99 <= GOAL_P99_MS && noChange.errors === 0 },
    ];
    return {
      figures,
      goals,
      notes: [`no change: ${describe(noChange)}; changed: ${describe(changed)}; Next ceiling: ${describe(nextCeiling)}; bare node:http: ${describe(bareCeiling)}`],
    };
  },
};
