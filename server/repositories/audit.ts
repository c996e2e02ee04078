import { auditLog } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";
import { and, desc, eq, gte, isNull, lt, sql, type SQL } from "drizzle-orm";
import { insertRow } from "./row-writes";

export interface AuditEntry {
  actorId: number | null;
  action: string;
  targetType: string;
  targetId?: string | number | null;
  details?: Record<string, unknown>;
}

export function writeAudit(db: Db, entry: AuditEntry, at: number): void {
  // A prepared statement per connection: automatic assignment writes one for each chat it places while filing.
  insertRow(db, auditLog, {
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId == null ? null : String(entry.targetId),
    at,
    details: entry.details ?? null,
  });
}

export interface AuditQuery {
  /** A user's id, or "system" for entries without one (the CLI, background jobs). */
  actor?: number | "system";
  action?: string;
  /** Unix ms, inclusive. */
  from?: number;
  /** Unix ms, exclusive. */
  to?: number;
  /** The last entry of the previous page: the page holds what is strictly older by (at, id). */
  before?: { at: number; id: number };
  limit: number;
}

export function listAudit(db: Db, q: AuditQuery) {
  return auditQuery(db, q).all();
}

/** Newest first by (at, id); each filter narrows one of the (actor_id, at), (action, at) or (at) indexes. */
export function auditQuery(db: Db, q: AuditQuery) {
  const where: (SQL | undefined)[] = [
    q.actor === "system" ? isNull(auditLog.actorId) : q.actor !== undefined ? eq(auditLog.actorId, q.actor) : undefined,
    q.action !== undefined ? eq(auditLog.action, q.action) : undefined,
    q.from !== undefined ? gte(auditLog.at, q.from) : undefined,
    q.to !== undefined ? lt(auditLog.at, q.to) : undefined,
    q.before ? sql`(${auditLog.at}, ${auditLog.id}) < (${q.before.at}, ${q.before.id})` : undefined,
  ];
  return db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(q.limit);
}
