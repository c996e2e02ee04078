import { and, asc, eq, gt, inArray, isNull, lte, notInArray } from "drizzle-orm";
import { messages } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";
import type { MessageRow } from "./messages";

// What a web chat visitor sees of their conversation: their messages and the agents' replies, across
// all of their chats on the channel; never system events, internal call entries, the team's private notes
// or deleted messages.

export function visitorMessages(db: Db, contactId: number, channelId: number, afterId: number, limit: number): MessageRow[] {
  return db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.contactId, contactId),
        eq(messages.channelId, channelId),
        gt(messages.id, afterId),
        // System events are kind 'system'; a 'system'-authored text (a satisfaction survey) is meant for the visitor.
        notInArray(messages.kind, ["system", "call", "note"]),
        isNull(messages.deletedAt),
      ),
    )
    .orderBy(asc(messages.id))
    .limit(limit)
    .all();
}

/** Our replies the visitor's browser has fetched (delivered) or shown (read); status only moves forward. */
export function advanceVisitorReceipts(db: Db, ids: number[], status: "delivered" | "read"): void {
  if (!ids.length) return;
  const from: ("sent" | "delivered")[] = status === "read" ? ["sent", "delivered"] : ["sent"];
  db.update(messages)
    .set({ status })
    .where(and(inArray(messages.id, ids), eq(messages.direction, "out"), inArray(messages.status, from)))
    .run();
}

export function outboundUpTo(db: Db, contactId: number, channelId: number, maxId: number): number[] {
  return db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.contactId, contactId), eq(messages.channelId, channelId), eq(messages.direction, "out"), lte(messages.id, maxId), inArray(messages.status, ["sent", "delivered"])))
    .all()
    .map((r) => r.id);
}
