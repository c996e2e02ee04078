import type { Db } from "@/db/client";
import { fileInboundBatch } from "@/server/services/inbound-queue";
import { kickMediaDownloads } from "./kick";

// Files accepted webhook deliveries into chats (services/inbound-queue.ts) as soon as they are accepted:
// a webhook answer calls fileInboundSoon, which runs batch after batch on later turns of the event loop
// until the queue is empty, so answering webhooks and filing them interleave. Unlike the other jobs this
// runs with CHARLA_JOBS=off too: filing what providers delivered is not optional.
// The state is process-wide (globalThis): the front server and Next's bundle each load this module.

const global = globalThis as unknown as { charlaInbound?: { running: boolean; again: boolean; delegate?: () => void; pause?: number } };
const state = (global.charlaInbound ??= { running: false, again: false });

function run(db: Db): void {
  // Closed since the kick (a test's database, a server shutting down): the periodic tick or the next start files it.
  if (!db.$client.open) {
    state.running = false;
    return;
  }
  try {
    state.again = false;
    const started = performance.now();
    const report = fileInboundBatch(db, Date.now());
    if (report.pendingMedia) kickMediaDownloads();
    if (report.more || state.again) {
      // A batch that emptied the queue is followed at once by another when kicks came meanwhile (a steady
      // stream of webhooks): that one pauses too.
      if (state.pause) setTimeout(run, (performance.now() - started) * state.pause, db);
      else setImmediate(run, db);
      return;
    }
  } catch (err) {
    // The deliveries stay queued; the periodic tick tries again.
    console.error("[inbound] filing failed:", err);
  }
  state.running = false;
}

/** Files the inbound queue on a later turn of the event loop (after the caller's answer is on its way). */
export function fileInboundSoon(db: Db): void {
  if (state.delegate) {
    state.delegate();
    return;
  }
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  setImmediate(run, db);
}

/** Retries postponed deliveries and covers a kick lost to a crash between accepting and filing. */
export function startInboundFiling(db: Db, everyMs = 2_000): void {
  setInterval(() => fileInboundSoon(db), everyMs).unref();
}

/** Before a batch that follows another at once, wait `ratio` times as long as that one took (job-thread.ts). */
export function pauseBetweenBatches(ratio: number): void {
  state.pause = ratio;
}

/**
 * In a worker of a cluster that does not file (server/http/front/cluster.ts): each kick goes to the one
 * worker that does, so deliveries are filed by one process only. In the one that files, each kick goes to
 * its job thread (job-thread-host.ts); undefined files in this loop again.
 */
export function delegateInboundFiling(kick: (() => void) | undefined): void {
  state.delegate = kick;
}
