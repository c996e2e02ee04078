import { and, asc, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { attachments, messages } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";
import { preparedQuery } from "./prepared";
import { insertRow } from "./row-writes";
import { indexMessage } from "./search-index";

export type MessageRow = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;
export type AttachmentRow = typeof attachments.$inferSelect;

export function insertMessage(db: Db, row: NewMessage): MessageRow {
  const message = insertRow(db, messages, row);
  indexMessage(db, message.id, message.kind, message.body);
  return message;
}

export function findMessage(db: Db, id: number): MessageRow | undefined {
  return db.select().from(messages).where(eq(messages.id, id)).get();
}

export function findByProviderId(db: Db, channelId: number, providerMessageId: string): MessageRow | undefined {
  return preparedQuery(db, "messages.byProviderId", (db) =>
    db
      .select()
      .from(messages)
      .where(and(eq(messages.channelId, sql.placeholder("channelId")), eq(messages.providerMessageId, sql.placeholder("providerMessageId"))))
      .prepare(),
  ).get({ channelId, providerMessageId });
}

export function updateMessage(db: Db, id: number, patch: Partial<NewMessage>): void {
  db.update(messages).set(patch).where(eq(messages.id, id)).run();
}

/** A page of a chat's messages in order; `after` fetches what is new since the last poll. */
export function messagesOfChat(db: Db, chatId: number, opts: { after?: number; before?: number; limit: number }): MessageRow[] {
  const chat = eq(messages.chatId, sql.placeholder("chatId"));
  const limit = sql.placeholder("limit");
  if (opts.after !== undefined) {
    return preparedQuery(db, "messages.ofChatAfter", (db) =>
      db.select().from(messages).where(and(chat, gt(messages.id, sql.placeholder("id")))).orderBy(asc(messages.id)).limit(limit).prepare(),
    ).all({ chatId, id: opts.after, limit: opts.limit });
  }
  const newest =
    opts.before !== undefined
      ? preparedQuery(db, "messages.ofChatBefore", (db) =>
          db.select().from(messages).where(and(chat, lt(messages.id, sql.placeholder("id")))).orderBy(desc(messages.id)).limit(limit).prepare(),
        ).all({ chatId, id: opts.before, limit: opts.limit })
      : preparedQuery(db, "messages.ofChat", (db) => db.select().from(messages).where(chat).orderBy(desc(messages.id)).limit(limit).prepare()).all({ chatId, limit: opts.limit });
  return newest.reverse();
}

export function insertAttachment(db: Db, row: typeof attachments.$inferInsert): AttachmentRow {
  return insertRow(db, attachments, row);
}

export function attachmentsOfMessages(db: Db, messageIds: number[]): AttachmentRow[] {
  if (!messageIds.length) return [];
  // One statement for any number of ids (a JSON array), so it is prepared once instead of per list length.
  return preparedQuery(db, "attachments.ofMessages", (db) =>
    db
      .select()
      .from(attachments)
      .where(inArray(attachments.messageId, sql`(SELECT value FROM json_each(${sql.placeholder("ids")}))`))
      .orderBy(asc(attachments.id))
      .prepare(),
  ).all({ ids: JSON.stringify(messageIds) });
}

export function findAttachment(db: Db, id: number): AttachmentRow | undefined {
  return db.select().from(attachments).where(eq(attachments.id, id)).get();
}

export function deleteAttachmentsOfMessage(db: Db, messageId: number): AttachmentRow[] {
  return db.delete(attachments).where(eq(attachments.messageId, messageId)).returning().all();
}

export function messageIdsOfContact(db: Db, contactId: number): number[] {
  return db.select({ id: messages.id }).from(messages).where(eq(messages.contactId, contactId)).all().map((m) => m.id);
}

/** Deletes the attachment rows of all of the contact's messages at once (a subquery, no id list to bind). */
export function deleteAttachmentsOfContact(db: Db, contactId: number): AttachmentRow[] {
  const ofContact = db.select({ id: messages.id }).from(messages).where(eq(messages.contactId, contactId));
  return db.delete(attachments).where(inArray(attachments.messageId, ofContact)).returning().all();
}

/** The messages with these ids that belong to the chat, in order (the live update of an open chat). */
export function messagesOfChatByIds(db: Db, chatId: number, ids: number[]): MessageRow[] {
  if (!ids.length) return [];
  return preparedQuery(db, "messages.ofChatByIds", (db) =>
    db
      .select()
      .from(messages)
      .where(and(eq(messages.chatId, sql.placeholder("chatId")), inArray(messages.id, sql`(SELECT value FROM json_each(${sql.placeholder("ids")}))`)))
      .orderBy(asc(messages.id))
      .prepare(),
  ).all({ chatId, ids: JSON.stringify(ids) });
}
