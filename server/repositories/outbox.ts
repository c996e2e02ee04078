import { and, asc, eq, isNotNull, isNull, lt, lte, sql } from "drizzle-orm";
import { messages } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";
import type { MessageRow } from "./messages";

// The outbox is the messages table itself: outbound rows with status "queued". Claiming pushes
// next_attempt_at past a lease and sets sending_since, so no other dispatcher picks the row up.

const due = (now: number) =>
  // Literals where the partial index messages_outbox_idx is matched (see findActiveChat in chats.ts).
  and(eq(messages.status, sql`'queued'`), eq(messages.direction, sql`'out'`), lte(messages.nextAttemptAt, now), isNull(messages.sendingSince));

export function dueOutboxIds(db: Db, now: number, limit: number): number[] {
  return db.select({ id: messages.id }).from(messages).where(due(now)).orderBy(asc(messages.nextAttemptAt), asc(messages.id)).limit(limit).all().map((r) => r.id);
}

/** Marks one due message as in flight; undefined when another dispatcher got there first. */
export function claimOutboxMessage(db: Db, id: number, now: number, leaseMs: number): MessageRow | undefined {
  const row = db.select().from(messages).where(and(eq(messages.id, id), due(now))).get();
  if (!row) return undefined;
  const patch = { attempts: row.attempts + 1, nextAttemptAt: now + leaseMs, sendingSince: now };
  db.update(messages).set(patch).where(eq(messages.id, id)).run();
  return { ...row, ...patch };
}

/** Messages whose send was in flight when a dispatcher stopped (`startedBefore` bounds how old). */
export function inFlightOutbox(db: Db, startedBefore: number): MessageRow[] {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.status, "queued"), isNotNull(messages.sendingSince), lt(messages.sendingSince, startedBefore)))
    .all();
}

export function deleteMessageRow(db: Db, id: number): void {
  db.delete(messages).where(eq(messages.id, id)).run();
}

/** Settles messages left in flight: failed with `reason`, for a person to retry. */
export function failInFlight(db: Db, ids: number[], reason: string): void {
  for (const id of ids) {
    db.update(messages)
      .set({ status: "failed", statusReason: reason, sendingSince: null, nextAttemptAt: null })
      .where(and(eq(messages.id, id), eq(messages.status, "queued"), isNotNull(messages.sendingSince)))
      .run();
  }
}
