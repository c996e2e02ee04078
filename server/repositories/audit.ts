import { auditLog } from "@/db/schema";
import type { DbOrTx as Db } from "@/db/client";
import { desc, lt } from "drizzle-orm";

export interface AuditEntry {
  actorId: number | null;
  action: string;
  targetType: string;
  targetId?: string | number | null;
  details?: Record<string, unknown>;
}

export function writeAudit(db: Db, entry: AuditEntry, at: number): void {
  db.insert(auditLog)
    .values({
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId == null ? null : String(entry.targetId),
      at,
      details: entry.details ?? null,
    })
    .run();
}

export function listAudit(db: Db, opts: { before?: number; limit: number }) {
  const q = db.select().from(auditLog);
  return (opts.before ? q.where(lt(auditLog.id, opts.before)) : q).orderBy(desc(auditLog.id)).limit(opts.limit).all();
}
