import { and, asc, eq, sql } from "drizzle-orm";
import { channels } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";
import { preparedQuery } from "./prepared";

export type ChannelRow = typeof channels.$inferSelect;

export function insertChannel(db: Db, row: typeof channels.$inferInsert): ChannelRow {
  return db.insert(channels).values(row).returning().get();
}

export function updateChannel(db: Db, id: number, patch: Partial<typeof channels.$inferInsert>): ChannelRow | undefined {
  return db.update(channels).set(patch).where(eq(channels.id, id)).returning().get();
}

/** Prepared once per connection: every Meta webhook routes its events through this list. */
export function listChannels(db: Db): ChannelRow[] {
  return preparedQuery(db, "channels.all", (db) => db.select().from(channels).orderBy(asc(channels.id)).prepare()).all();
}

export function findChannel(db: Db, id: number): ChannelRow | undefined {
  return preparedQuery(db, "channels.byId", (db) => db.select().from(channels).where(eq(channels.id, sql.placeholder("id"))).prepare()).get({ id });
}

export function findChannelByExternalId(db: Db, type: ChannelRow["type"], externalId: string): ChannelRow | undefined {
  return db
    .select()
    .from(channels)
    .where(and(eq(channels.type, type), eq(channels.externalId, externalId)))
    .get();
}
