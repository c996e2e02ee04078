import { and, eq, ne, sql } from "drizzle-orm";
import { contactIdentities, contacts } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";
import { preparedQuery } from "./prepared";
import { insertRow, updateRowById } from "./row-writes";
import { indexContact } from "./search-index";

export type ContactRow = typeof contacts.$inferSelect;

export function findContact(db: Db, id: number): ContactRow | undefined {
  return preparedQuery(db, "contacts.byId", (db) => db.select().from(contacts).where(eq(contacts.id, sql.placeholder("id"))).prepare()).get({ id });
}

export function findIdentity(db: Db, channelId: number, externalId: string) {
  return preparedQuery(db, "contactIdentities.byExternalId", (db) =>
    db
      .select()
      .from(contactIdentities)
      .where(and(eq(contactIdentities.channelId, sql.placeholder("channelId")), eq(contactIdentities.externalId, sql.placeholder("externalId"))))
      .prepare(),
  ).get({ channelId, externalId });
}

/** The identity messages to this contact go out through on a channel. */
export function identityForContact(db: Db, contactId: number, channelId: number) {
  return db
    .select()
    .from(contactIdentities)
    .where(and(eq(contactIdentities.contactId, contactId), eq(contactIdentities.channelId, channelId)))
    .get();
}

export function insertContact(db: Db, row: typeof contacts.$inferInsert): ContactRow {
  const contact = insertRow(db, contacts, row);
  indexContact(db, contact);
  return contact;
}

export function updateContact(db: Db, id: number, patch: Partial<typeof contacts.$inferInsert>): void {
  // Prepared once per connection and set of columns: the bot saves answers into contacts mid-filing.
  updateRowById(db, contacts, id, patch);
}

/**
 * Sets the name only when it differs, so an unchanged name costs no write (nor a full-text reindex). Read
 * first: an UPDATE of contacts fires the search-index trigger machinery even when no row changes, and that
 * flushes the index's pending terms (see search-index.ts) — on nearly every message, as providers repeat
 * the profile name. A name an agent gave the contact (name_locked) is kept.
 */
export function renameContact(db: Db, id: number, name: string): void {
  const current = preparedQuery(db, "contacts.name", (db) =>
    db.select({ name: contacts.name, locked: contacts.nameLocked }).from(contacts).where(eq(contacts.id, sql.placeholder("id"))).prepare(),
  ).get({ id });
  if (!current || current.locked || current.name === name) return;
  preparedQuery(db, "contacts.rename", (db) =>
    db
      .update(contacts)
      .set({ name: sql.placeholder("name") as unknown as string })
      .where(and(eq(contacts.id, sql.placeholder("id")), ne(contacts.name, sql.placeholder("name"))))
      .prepare(),
  ).run({ id, name });
}

export function insertIdentity(db: Db, row: typeof contactIdentities.$inferInsert) {
  return insertRow(db, contactIdentities, row);
}

/** Removes the contact; identities, chats, messages and attachments go with it (ON DELETE CASCADE). */
export function deleteContactRow(db: Db, id: number): void {
  db.delete(contacts).where(eq(contacts.id, id)).run();
}

export function countIdentitiesOfContact(db: Db, contactId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(contactIdentities).where(eq(contactIdentities.contactId, contactId)).get()?.n ?? 0;
}
