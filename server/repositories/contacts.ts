import { and, eq } from "drizzle-orm";
import { contactIdentities, contacts } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";

export type ContactRow = typeof contacts.$inferSelect;

export function findContact(db: Db, id: number): ContactRow | undefined {
  return db.select().from(contacts).where(eq(contacts.id, id)).get();
}

export function findIdentity(db: Db, channelId: number, externalId: string) {
  return db
    .select()
    .from(contactIdentities)
    .where(and(eq(contactIdentities.channelId, channelId), eq(contactIdentities.externalId, externalId)))
    .get();
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
  return db.insert(contacts).values(row).returning().get();
}

export function updateContact(db: Db, id: number, patch: Partial<typeof contacts.$inferInsert>): void {
  db.update(contacts).set(patch).where(eq(contacts.id, id)).run();
}

export function insertIdentity(db: Db, row: typeof contactIdentities.$inferInsert) {
  return db.insert(contactIdentities).values(row).returning().get();
}
