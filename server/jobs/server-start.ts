import { getDb } from "@/db/client";
import { env } from "@/server/config/env";
import { writeServerPid } from "@/server/config/server-lock";
import { ensureFirstAdmin, ensureSystemRows } from "@/server/services/bootstrap";
import { fileAllDueInbound } from "@/server/services/inbound-queue";
import { startDispatcher } from "./dispatcher";
import { startInboundFiling } from "./inbound";
import { kickMediaDownloads } from "./kick";
import { runLifecycleJobs } from "./lifecycle";
import { startMediaDownloads } from "./media";
import { runRoutingJobs } from "./routing";

const globalForJobs = globalThis as unknown as { charlaStarted?: boolean };
const LIFECYCLE_EVERY_MS = 30_000;
/** Offers last from 30 s: their expiry is checked often enough to keep the promised time. */
const ROUTING_EVERY_MS = 5_000;

function every(ms: number, name: string, job: () => void): void {
  const tick = () => {
    try {
      job();
    } catch (err) {
      // A failing job must not stop the server or the next tick.
      console.error(`[jobs] ${name} failed:`, err);
    }
  };
  setInterval(tick, ms).unref();
  setTimeout(tick, 1_000).unref();
}

export async function startServer(): Promise<void> {
  if (globalForJobs.charlaStarted) return;
  globalForJobs.charlaStarted = true;
  // A cluster's other workers only answer requests: the first worker files webhooks and runs the jobs
  // (server/http/front/cluster.ts), after it has migrated and bootstrapped the database.
  if (process.env.CHARLA_WORKER_ROLE === "peer") return;
  // Lets `charla restore` see that a server is using this data folder (a cluster's primary process writes it).
  if (!process.env.CHARLA_WORKER_ROLE) writeServerPid();
  const db = getDb();
  const now = Date.now();
  ensureSystemRows(db, now);
  const e = env();
  const admin = await ensureFirstAdmin(db, now, { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD });
  if (admin?.generatedPassword) {
    console.log(`\n  First administrator: ${admin.email}  password: ${admin.generatedPassword}  (shown only once)\n`);
  }
  // Deliveries accepted before a crash or stop and not filed yet go into chats before anything is served.
  const backlog = fileAllDueInbound(db, now);
  if (backlog.deliveries) console.log(`  Filed ${backlog.deliveries} webhook deliveries accepted before the last stop.`);
  startInboundFiling(db);
  if (e.CHARLA_JOBS === "on") {
    if (backlog.pendingMedia) kickMediaDownloads();
    every(LIFECYCLE_EVERY_MS, "lifecycle", () => runLifecycleJobs(db, Date.now()));
    every(ROUTING_EVERY_MS, "routing", () => runRoutingJobs(db, Date.now()));
    startDispatcher(db);
    startMediaDownloads(db);
  }
}
