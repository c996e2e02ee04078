import { and, asc, eq, isNull, lte, or } from "drizzle-orm";
import { attachments, messages } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";
import type { AttachmentRow } from "./messages";

// Inbound attachments waiting to be downloaded (status "pending").

const due = (now: number) => and(eq(attachments.status, "pending"), or(isNull(attachments.nextAttemptAt), lte(attachments.nextAttemptAt, now)));

export function duePendingAttachmentIds(db: Db, now: number, limit: number): number[] {
  return db.select({ id: attachments.id }).from(attachments).where(due(now)).orderBy(asc(attachments.id)).limit(limit).all().map((r) => r.id);
}

/** Claims one for a download (hidden from others for `leaseMs`); with the channel of its message. */
export function claimAttachment(db: Db, id: number, now: number, leaseMs: number): (AttachmentRow & { channelId: number }) | undefined {
  const row = db
    .select({ attachment: attachments, channelId: messages.channelId })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .where(and(eq(attachments.id, id), due(now)))
    .get();
  if (!row) return undefined;
  const patch = { attempts: row.attachment.attempts + 1, nextAttemptAt: now + leaseMs };
  db.update(attachments).set(patch).where(eq(attachments.id, id)).run();
  return { ...row.attachment, ...patch, channelId: row.channelId };
}

export function updateAttachment(db: Db, id: number, patch: Partial<typeof attachments.$inferInsert>): void {
  db.update(attachments).set(patch).where(eq(attachments.id, id)).run();
}
