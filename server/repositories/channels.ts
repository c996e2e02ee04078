import { and, asc, eq } from "drizzle-orm";
import { channels } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";

export type ChannelRow = typeof channels.$inferSelect;

export function insertChannel(db: Db, row: typeof channels.$inferInsert): ChannelRow {
  return db.insert(channels).values(row).returning().get();
}

export function updateChannel(db: Db, id: number, patch: Partial<typeof channels.$inferInsert>): ChannelRow | undefined {
  return db.update(channels).set(patch).where(eq(channels.id, id)).returning().get();
}

export function listChannels(db: Db): ChannelRow[] {
  return db.select().from(channels).orderBy(asc(channels.id)).all();
}

export function findChannel(db: Db, id: number): ChannelRow | undefined {
  return db.select().from(channels).where(eq(channels.id, id)).get();
}

export function findChannelByExternalId(db: Db, type: ChannelRow["type"], externalId: string): ChannelRow | undefined {
  return db
    .select()
    .from(channels)
    .where(and(eq(channels.type, type), eq(channels.externalId, externalId)))
    .get();
}
