import type { Db, DbOrTx } from "@/db/client";
import type { InboundEvent } from "@/server/channels/types";
import { listChannels, type ChannelRow } from "@/server/repositories/channels";
import { deleteInbound, dueInbound, hasDueInbound, enqueueInbound, inboundHealth, postponeInbound, type InboundQueueRow } from "@/server/repositories/inbound-queue";
import { inSavepoint } from "@/server/repositories/savepoint";
import { ingestMessageInTx, ingestStatusInTx } from "./ingest";
import { withKeptLoads } from "./routing/batch-loads";

// Accepting a provider's delivery and filing it are two steps. Accepting is one insert into inbound_queue
// (what the webhook waits for); filing — contact, chat, message, lifecycle, search index — runs right after
// in batches of deliveries, one transaction per batch. Batching is what makes filing cheap (a commit and the
// search index's segment writes are shared); a delivery whose filing fails makes its batch go again one
// delivery at a time, and is rolled back alone and kept with its error for a later attempt: nothing
// accepted is lost.

export interface RoutedEvent {
  channel: ChannelRow;
  event: InboundEvent;
}

interface QueuedEvent {
  channelId: number;
  event: InboundEvent;
}

/** Stores a delivery's events for filing. Durable once this returns (its own transaction). */
export function acceptInbound(db: Db, routed: RoutedEvent[], now: number): { accepted: number } {
  if (routed.length === 0) return { accepted: 0 };
  const queued: QueuedEvent[] = routed.map(({ channel, event }) => ({ channelId: channel.id, event }));
  enqueueInbound(db, JSON.stringify(queued), now);
  return { accepted: routed.length };
}

export interface FilingReceipt {
  stored: number;
  duplicates: number;
  statuses: number;
  /** Attachments are waiting to be downloaded. */
  pendingMedia: boolean;
}

/** Files one delivery's events into contacts, chats and messages, inside the caller's transaction. */
export function fileEventsInTx(tx: DbOrTx, routed: RoutedEvent[], now: number): FilingReceipt {
  const receipt = { stored: 0, duplicates: 0, statuses: 0, pendingMedia: false };
  for (const { channel, event } of routed) {
    if (event.type === "status") {
      ingestStatusInTx(tx, channel, event);
      receipt.statuses += 1;
      continue;
    }
    const result = ingestMessageInTx(tx, channel, event, now);
    if (result.duplicate) receipt.duplicates += 1;
    else {
      receipt.stored += 1;
      if (event.media?.length) receipt.pendingMedia = true;
    }
  }
  return receipt;
}

export interface BatchReport extends FilingReceipt {
  deliveries: number;
  /** Deliveries whose filing failed this time; they stay queued and are retried later. */
  failed: number;
  /** Events for channels removed or deactivated since they were accepted: dropped. */
  ignored: number;
  /** More deliveries were due than this batch took. */
  more: boolean;
}

export const FILING_BATCH = 100;
// Filing runs in the server's event loop, between webhook answers and page renders: a batch stops taking
// deliveries once it has run this long, so a burst never holds the loop much longer (a full batch of 100
// took 20–25 ms). The first delivery is always filed, so a batch always makes progress.
export const FILING_BUDGET_MS = 8;
const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 15 * 60_000;

/** Files the oldest due deliveries (at most `limit`) in one immediate transaction. */
export function fileInboundBatch(db: Db, now: number, limit = FILING_BATCH, budgetMs = FILING_BUDGET_MS): BatchReport {
  try {
    // Optimistic: the whole batch at once. A savepoint per delivery would cost more than the rest of
    // filing (RELEASE measured 75 µs each), for failures that should never happen.
    // Routing keeps agents' loads across the batch's distributions (not in the retry below, whose savepoints roll back parts).
    return withKeptLoads(db, () => fileBatch(db, now, limit, budgetMs, (_tx, fileRow) => fileRow()));
  } catch (err) {
    console.warn("[inbound] a delivery in this batch could not be filed; filing them one by one:", err instanceof Error ? err.message : err);
    // Everything was rolled back. Again, each delivery alone: the failing one is kept for later.
    return fileBatch(db, now, limit, budgetMs, (tx, fileRow, row, report) => {
      try {
        inSavepoint(db, fileRow);
      } catch (cause) {
        report.failed += 1;
        const attempts = row.attempts + 1;
        const delay = Math.min(RETRY_BASE_MS * 2 ** (attempts - 1), RETRY_MAX_MS);
        postponeInbound(tx, row.id, attempts, now + delay, cause instanceof Error ? cause.message : String(cause));
        console.error(`[inbound] delivery #${row.id} could not be filed (attempt ${attempts}); retrying in ${delay / 1000} s:`, cause);
      }
    });
  }
}

type Unit = (tx: DbOrTx, fileRow: () => void, row: InboundQueueRow, report: BatchReport) => void;

function emptyReport(): BatchReport {
  return { deliveries: 0, stored: 0, duplicates: 0, statuses: 0, pendingMedia: false, failed: 0, ignored: 0, more: false };
}

function fileBatch(db: Db, now: number, limit: number, budgetMs: number, unit: Unit): BatchReport {
  // The periodic tick finds the queue empty almost always; a delivery accepted after this look is kicked by its own answer.
  if (!hasDueInbound(db, now)) return emptyReport();
  return db.transaction(
    (tx) => {
      const report = emptyReport();
      const rows = dueInbound(tx, now, limit + 1);
      report.more = rows.length > limit;
      const channels = new Map(listChannels(tx).map((c) => [c.id, c]));
      const started = performance.now();
      for (const row of rows.slice(0, limit)) {
        if (report.deliveries > 0 && performance.now() - started >= budgetMs) {
          report.more = true;
          break;
        }
        report.deliveries += 1;
        unit(tx, () => {
          const routed: RoutedEvent[] = [];
          let ignored = 0;
          for (const { channelId, event } of JSON.parse(row.events) as QueuedEvent[]) {
            const channel = channels.get(channelId);
            if (channel?.active) routed.push({ channel, event });
            else ignored += 1;
          }
          // Filed as of when it was accepted: a backlog filed later keeps the customer's waiting time.
          const r = fileEventsInTx(tx, routed, row.receivedAt);
          deleteInbound(tx, row.id);
          report.ignored += ignored;
          report.stored += r.stored;
          report.duplicates += r.duplicates;
          report.statuses += r.statuses;
          report.pendingMedia ||= r.pendingMedia;
        }, row, report);
      }
      return report;
    },
    { behavior: "immediate" },
  );
}

/** For administrators: what is waiting to be filed, and whether filing is failing (the channels page). */
export function inboundQueueHealth(db: Db) {
  return inboundHealth(db);
}

/** Files everything that is due now, batch after batch (start-up catch-up, the CLI, tests). */
export function fileAllDueInbound(db: Db, now: number): BatchReport {
  const total = emptyReport();
  for (;;) {
    const r = fileInboundBatch(db, now);
    for (const k of ["deliveries", "stored", "duplicates", "statuses", "failed", "ignored"] as const) total[k] += r[k];
    total.pendingMedia ||= r.pendingMedia;
    // Failed deliveries are postponed, so they are not due again in this loop.
    if (!r.more) return total;
  }
}
