import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { fileInboundSoon } from "@/server/jobs/inbound";
import { startJobThread, type JobThread } from "@/server/jobs/job-thread-host";
import { registerKick } from "@/server/jobs/kick";
import { listChannels } from "@/server/repositories/channels";
import { acceptInbound } from "@/server/services/inbound-queue";
import { changesSince, latestSeq } from "@/server/services/live-feed";
import { whatsappChannel } from "../support/channels";
import { inboundText } from "../support/inbound";
import { useRouteDb } from "../support/route-db";

// The production server files webhooks in a thread with its own connection (server/jobs/job-thread.ts),
// bundled by scripts/build-front.mjs as `npm start` bundles it. Filing must happen while the server's own
// event loop is busy — these tests hold it with a synchronous loop, in which nothing queued on it can run —
// and the server's in-memory change feed must see what the thread wrote.

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIST = `.tmp/job-thread-test-${process.pid}`;
const T = Date.UTC(2026, 5, 1, 12);

/** Spins this thread (no turn of its event loop runs) until `done` or the deadline; true if done. */
function spinUntil(done: () => boolean, ms = 10_000): boolean {
  const until = Date.now() + ms;
  while (Date.now() < until) if (done()) return true;
  return false;
}

describe("job thread", () => {
  const t = useRouteDb();
  let file = "";
  let thread: JobThread | null = null;
  const count = (table: string) => (t.current.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const accept = (text: string, extra = {}) => acceptInbound(t.current.db, [{ channel: listChannels(t.current.db)[0]!, event: inboundText("5511900000001", text, T, extra) }], T);

  beforeAll(() => {
    const r = spawnSync(process.execPath, [path.join(ROOT, "scripts/build-front.mjs")], { cwd: ROOT, env: { ...process.env, NEXT_DIST_DIR: DIST }, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    file = path.join(ROOT, DIST, "charla-jobs.mjs");
  }, 60_000);
  afterEach(async () => {
    await thread?.stop();
    thread = null;
    registerKick("media", undefined);
  });
  afterAll(() => fs.rmSync(path.join(ROOT, DIST), { recursive: true, force: true }));

  it("files what was accepted before it started, and each kicked delivery, while the server's loop is held", async () => {
    whatsappChannel(t.current.db);
    accept("first");
    thread = startJobThread(file, t.current.db);
    expect(spinUntil(() => count("messages") === 1)).toBe(true);
    expect(count("inbound_queue")).toBe(0);

    // Once it said it is ready, a webhook's kick goes to it (in this loop, filing could not run during the spin).
    await new Promise((resolve) => setTimeout(resolve, 200));
    const seq = latestSeq(t.current.db);
    accept("second");
    fileInboundSoon(t.current.db);
    expect(spinUntil(() => count("messages") === 2)).toBe(true);
    const bodies = t.current.db.$client.prepare("SELECT body FROM messages ORDER BY id").pluck().all();
    expect(bodies).toEqual(["first", "second"]);

    // The poll's in-memory feed learns of the thread's commit (another connection: data_version).
    const { latest, changes } = changesSince(t.current.db, seq);
    expect(latest).toBeGreaterThan(seq);
    expect(changes?.length).toBeGreaterThan(0);
  });

  it("wakes the server's media downloads for what it filed", async () => {
    whatsappChannel(t.current.db);
    let woken = 0;
    registerKick("media", () => (woken += 1));
    thread = startJobThread(file, t.current.db);
    await new Promise((resolve) => setTimeout(resolve, 200));
    accept("a photo", { kind: "image", media: [{ providerMediaId: "media-1", mimeType: "image/jpeg" }] });
    fileInboundSoon(t.current.db);
    // Filed by the thread (this loop is held), so only its message can wake the downloads here.
    expect(spinUntil(() => count("attachments") === 1)).toBe(true);
    for (let i = 0; i < 100 && !woken; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(woken).toBeGreaterThan(0);
  });

  it("leaves the write lock free between batches: the server's own writes get it while a backlog is filed", async () => {
    whatsappChannel(t.current.db);
    const channel = listChannels(t.current.db)[0]!;
    t.current.db.$client.transaction(() => {
      for (let i = 0; i < 4_000; i++) acceptInbound(t.current.db, [{ channel, event: inboundText(`55119${String(i % 500).padStart(8, "0")}`, `backlog ${i}`, T) }], T);
    })();
    // Another connection of the server's, as the front server's and Next's are, waiting at most 1 s for the lock.
    // (Filing the backlog in one go fails this; so did 9 of 1,000 writes with a 100 ms wait and no pause between
    // batches, but with 100 ms a batch descheduled on a loaded machine fails it too.)
    const server = openDatabase(t.current.file, { migrate: false });
    server.$client.pragma("busy_timeout = 1000");
    try {
      thread = startJobThread(file, t.current.db);
      let accepted = 0;
      let refused = 0;
      while (count("inbound_queue") > 0 && accepted + refused < 1_000) {
        try {
          acceptInbound(server, [{ channel, event: inboundText("5511900000002", `during ${accepted}`, T) }], T);
          accepted += 1;
        } catch (err) {
          if ((err as { code?: string }).code !== "SQLITE_BUSY") throw err;
          refused += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(refused).toBe(0);
      expect(accepted).toBeGreaterThan(10);
    } finally {
      server.$client.close();
    }
  }, 60_000);

  it("without its bundle there is no thread, and the server files in its own loop", () => {
    expect(startJobThread(path.join(ROOT, DIST, "missing.mjs"), t.current.db)).toBeNull();
  });
});
