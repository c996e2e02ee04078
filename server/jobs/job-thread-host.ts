import fs from "node:fs";
import { Worker } from "node:worker_threads";
import type { Db } from "@/db/client";
import { delegateInboundFiling, fileInboundSoon } from "./inbound";
import { kickDispatcher, kickMediaDownloads } from "./kick";

// The production server's filing thread (job-thread.ts, bundled beside the front server by
// scripts/build-front.mjs). Filing a batch of webhooks holds the event loop for up to 8 ms at a time, and
// a burst of them back to back; on the server's own thread that time is added to the polls, webhooks and
// page renders waiting behind it; in a thread with its own database connection it runs on the other core.
// A thread that dies is replaced; until then, and when the bundle has no thread (an older build), the
// server files in its own loop as before. The periodic jobs (reminders, inactivity, routing sweeps) stay
// in the server's loop: they run many short transactions back to back, which from another connection
// would keep the server's own writes waiting for the lock.

/** What the thread posts: ready to file, or a job of the server's to wake. */
export type JobThreadMessage = "ready" | "dispatcher" | "media";

const RESTART_DELAY_MS = 1_000;
// Filing needs little heap: a batch is at most 100 deliveries.
const HEAP_MB = 96;

/**
 * Starts the thread filing for this process (call once migrations and bootstrap are done: Next's start
 * does them). Null when `file` is missing: filing then runs in the server's loop.
 */
export function startJobThread(file: string, db: Db): JobThread | null {
  if (!fs.existsSync(file)) return null;
  const thread: JobThread = {
    stopping: false,
    worker: null,
    stop: async () => {
      thread.stopping = true;
      delegateInboundFiling(undefined);
      await thread.worker?.terminate();
    },
  };
  start(thread, db, file);
  return thread;
}

export interface JobThread {
  stopping: boolean;
  worker: Worker | null;
  /** Ends the thread (a batch in flight is rolled back and filed again later); filing returns to this loop. */
  stop: () => Promise<void>;
}

function start(thread: JobThread, db: Db, file: string): void {
  let ready = false;
  const worker = (thread.worker = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } }));
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
      console.error(`[jobs] the job thread could not start (exit ${code}); filing runs in the server's loop`);
      return;
    }
    console.error(`[jobs] the job thread exited (code ${code}); starting another`);
    setTimeout(() => thread.stopping || start(thread, db, file), RESTART_DELAY_MS).unref();
  });
}
