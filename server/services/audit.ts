import type { Db } from "@/db/client";
import { assertCan, type Viewer } from "@/server/domain";
import { listAudit } from "@/server/repositories/audit";
import { listUsers } from "@/server/repositories/users";

export interface AuditView {
  id: number;
  at: number;
  action: string;
  targetType: string;
  targetId: string | null;
  details: unknown;
  actorId: number | null;
  /** Null when the CLI or the system acted (no signed-in user). */
  actorName: string | null;
}

/**
 * One page of the audit log, newest first, by keyset (`before` an id) so pages stay stable while
 * new entries arrive. `nextBefore` is set only when an older page exists.
 */
export function auditPage(
  db: Db,
  viewer: Pick<Viewer, "role">,
  opts: { before?: number; limit: number },
): { entries: AuditView[]; nextBefore: number | null } {
  assertCan(viewer, "readAuditLog");
  // One row more than shown tells whether an older page exists without a count query.
  const rows = listAudit(db, { before: opts.before, limit: opts.limit + 1 });
  const names = new Map(listUsers(db).map((u) => [u.id, u.name]));
  const shown = rows.slice(0, opts.limit);
  return {
    entries: shown.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      details: r.details,
      actorId: r.actorId,
      actorName: r.actorId == null ? null : (names.get(r.actorId) ?? `#${r.actorId}`),
    })),
    nextBefore: rows.length > opts.limit ? (shown.at(-1)?.id ?? null) : null,
  };
}
