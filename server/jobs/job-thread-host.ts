import fs from "node:fs";
import { Worker } from "node:worker_threads";
import type { Db } from "@/db/client";
import { delegateInboundFiling, fileInboundSoon } from "./inbound";
import { kickDispatcher, kickMediaDownloads } from "./kick";
import { leavePeriodicJobsToThread, startPeriodicJobs } from "./periodic";

// The production server's job thread (job-thread.ts, bundled beside the front server by
// scripts/build-front.mjs). Filing a batch of webhooks holds the event loop for up to 8 ms at a time, and
// a burst of them back to back; the lifecycle and routing sweeps longer. On the server's own thread that
// time is added to the polls, webhooks and page renders waiting behind it; in a thread with its own
// database connection it runs on the other core. A thread that dies is replaced; until then, and when
// the bundle has no thread (an older build), the server files in its own loop as before.

export interface JobThreadData {
  /** Whether the thread runs the lifecycle and routing sweeps too (CHARLA_JOBS=on). */
  periodic: boolean;
}

/** What the thread posts: ready to file, or a job of the server's to wake. */
export type JobThreadMessage = "ready" | "dispatcher" | "media";

const RESTART_DELAY_MS = 1_000;
// Filing needs little heap: a batch is at most 100 deliveries.
const HEAP_MB = 96;

/**
 * Claims the periodic sweeps for the thread (call before Next starts, which runs server-start.ts), and
 * returns the function that starts it (call once migrations and bootstrap are done). Null when `file` is
 * missing: everything then runs in the server's loop.
 */
export function prepareJobThread(file: string, periodic: boolean): ((db: Db) => JobThread) | null {
  if (!fs.existsSync(file)) return null;
  leavePeriodicJobsToThread(periodic);
  return (db) => {
    const thread: JobThread = {
      stopping: false,
      worker: null,
      stop: async () => {
        thread.stopping = true;
        delegateInboundFiling(undefined);
        await thread.worker?.terminate();
      },
    };
    start(thread, db, file, periodic);
    return thread;
  };
}

export interface JobThread {
  stopping: boolean;
  worker: Worker | null;
  /** Ends the thread (a batch in flight is rolled back and filed again later); filing returns to this loop. */
  stop: () => Promise<void>;
}

function start(thread: JobThread, db: Db, file: string, periodic: boolean): void {
  let ready = false;
  const worker = (thread.worker = new Worker(file, { workerData: { periodic } satisfies JobThreadData, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } }));
  worker.on("message", (msg: JobThreadMessage) => {
    if (msg === "ready") {
      ready = true;
      delegateInboundFiling(() => worker.postMessage("inbound"));
    } else if (msg === "dispatcher") kickDispatcher();
    else if (msg === "media") kickMediaDownloads();
  });
  worker.on("error", (err) => console.error("[jobs] the job thread failed:", err));
  worker.on("exit", (code) => {
    if (thread.stopping) return;
    // Filing falls back to this loop at once: accepted deliveries never wait on a dead thread.
    delegateInboundFiling(undefined);
    fileInboundSoon(db);
    if (!ready) {
      // It could not start (a broken bundle): starting it again would fail the same way.
      console.error(`[jobs] the job thread could not start (exit ${code}); its work runs in the server's loop`);
      if (periodic) startPeriodicJobs(db);
      return;
    }
    console.error(`[jobs] the job thread exited (code ${code}); starting another`);
    setTimeout(() => thread.stopping || start(thread, db, file, periodic), RESTART_DELAY_MS).unref();
  });
}
