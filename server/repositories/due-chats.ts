import { and, eq, isNotNull, lte, ne, sql } from "drizzle-orm";
import { chats } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";
import type { ChatRow } from "./chats";

/** Scheduled chats whose reminder time has come (partial index chats_remind_idx). */
export function dueReminders(db: Db, now: number, limit: number): ChatRow[] {
  // Literals, not bound values, in the conditions that match a partial index (see findActiveChat).
  return db.select().from(chats).where(and(eq(chats.status, sql`'scheduled'`), lte(chats.remindAt, now))).limit(limit).all();
}

/**
 * Active chats with no message since `before` (partial index chats_activity_idx). Scheduled chats whose
 * reminder is still ahead are left out here, so they cannot crowd real candidates out of the batch.
 */
export function inactiveCandidates(db: Db, before: number, now: number, limit: number): ChatRow[] {
  return db
    .select()
    .from(chats)
    .where(
      and(
        ne(chats.status, sql`'closed'`),
        isNotNull(chats.lastMessageAt),
        lte(chats.lastMessageAt, before),
        sql`NOT (${chats.status} = 'scheduled' AND ${chats.remindAt} > ${now})`,
      ),
    )
    .orderBy(chats.lastMessageAt)
    .limit(limit)
    .all();
}
