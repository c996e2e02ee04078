import { asc, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { inboundQueue } from "@/db/schema";
import { insertRow, statement, updateRowById } from "./row-writes";

export type InboundQueueRow = typeof inboundQueue.$inferSelect;

/** One prepared single-row insert: this is all a webhook waits for. */
export function enqueueInbound(db: DbOrTx, events: string, receivedAt: number): number {
  return insertRow(db, inboundQueue, { events, receivedAt }).id;
}

/** The oldest deliveries that are due, in arrival order. */
export function dueInbound(db: DbOrTx, now: number, limit: number): InboundQueueRow[] {
  return db.select().from(inboundQueue).where(lte(inboundQueue.nextAttemptAt, now)).orderBy(asc(inboundQueue.id)).limit(limit).all();
}

/** Whether any delivery is due: a read, so an idle tick never takes the write lock. */
export function hasDueInbound(db: DbOrTx, now: number): boolean {
  return statement(db, "inbound_queue.has_due", () => "SELECT 1 FROM inbound_queue WHERE next_attempt_at <= ? LIMIT 1").get(now) !== undefined;
}

/** Prepared once per connection: filing deletes one row per delivery. */
export function deleteInbound(db: DbOrTx, id: number): void {
  statement(db, "inbound_queue.delete", () => "DELETE FROM inbound_queue WHERE id = ?").run(id);
}

export function postponeInbound(db: DbOrTx, id: number, attempts: number, nextAttemptAt: number, lastError: string): void {
  updateRowById(db, inboundQueue, id, { attempts, nextAttemptAt, lastError });
}

/** How many deliveries wait, how many of them have failed at least once, and the latest failure. */
export function inboundHealth(db: DbOrTx): { waiting: number; failing: number; lastError: string | null; maxAttempts: number } {
  const row = statement(
    db,
    "inbound_queue.health",
    () => "SELECT count(*) AS waiting, count(last_error) AS failing, max(attempts) AS maxAttempts, (SELECT last_error FROM inbound_queue WHERE last_error IS NOT NULL ORDER BY id DESC LIMIT 1) AS lastError FROM inbound_queue",
  ).get() as { waiting: number; failing: number; lastError: string | null; maxAttempts: number | null };
  return { ...row, maxAttempts: row.maxAttempts ?? 0 };
}
