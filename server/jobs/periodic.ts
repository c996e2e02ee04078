import type { Db } from "@/db/client";
import { runLifecycleJobs } from "./lifecycle";
import { runRoutingJobs } from "./routing";

// The periodic database work: reminders, inactivity, the bot's no-reply rule, pruning (lifecycle), and
// routing's offer expiry and sweeps. It runs where the server's job thread runs it (job-thread.ts), or in
// the server's own event loop when there is no thread (`next start`, `npm run dev`).

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

export function startPeriodicJobs(db: Db): void {
  every(LIFECYCLE_EVERY_MS, "lifecycle", () => runLifecycleJobs(db, Date.now()));
  every(ROUTING_EVERY_MS, "routing", () => runRoutingJobs(db, Date.now()));
}

const globalForPeriodic = globalThis as unknown as { charlaPeriodicInThread?: boolean };

/** Set by the front server before Next starts: its job thread runs the sweeps (job-thread-host.ts). */
export function leavePeriodicJobsToThread(inThread: boolean): void {
  globalForPeriodic.charlaPeriodicInThread = inThread;
}

/** Whether a job thread runs the sweeps, so the server's start-up (server-start.ts) does not. */
export function periodicJobsInThread(): boolean {
  return Boolean(globalForPeriodic.charlaPeriodicInThread);
}
