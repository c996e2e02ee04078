import type { ReasonKey } from "@/server/i18n/close-reasons";
import type { Db } from "@/db/client";
import { assertCan, type Viewer } from "@/server/domain";
import { auditNamedIds } from "@/server/domain/audit-details";
import { listAudit, type AuditQuery } from "@/server/repositories/audit";
import { listChannels } from "@/server/repositories/channels";
import { listCloseReasons } from "@/server/repositories/close-reasons";
import { listUsers } from "@/server/repositories/users";

export interface AuditView {
  id: number;
  at: number;
  action: string;
  targetType: string;
  targetId: string | null;
  details: unknown;
  actorId: number | null;
  /** Null when the CLI or the system acted (no signed-in user); "#4" for a user who no longer exists. */
  actorName: string | null;
}

/** Names of the people, close reasons and channels a page mentions, by id; an id missing here is unknown. */
export interface AuditNames {
  users: Record<number, string>;
  reasons: Record<number, { label: string; systemKey: ReasonKey | null; builtinKey: ReasonKey | null }>;
  channels: Record<number, string>;
}

export type AuditCursor = { at: number; id: number };
export type AuditFilters = Pick<AuditQuery, "actor" | "action" | "from" | "to">;

/**
 * One page of the audit log, newest first by (at, id), filtered, by keyset (`before` the last entry shown)
 * so pages stay stable while new entries arrive. `nextCursor` is set only when an older page exists.
 */
export function auditPage(
  db: Db,
  viewer: Pick<Viewer, "role">,
  opts: AuditFilters & { before?: AuditCursor; limit: number },
): { entries: AuditView[]; nextCursor: AuditCursor | null; names: AuditNames } {
  assertCan(viewer, "readAuditLog");
  // One row more than shown tells whether an older page exists without a count query.
  const rows = listAudit(db, { ...opts, limit: opts.limit + 1 });
  const shown = rows.slice(0, opts.limit);
  const names = namesFor(db, shown);
  const last = shown.at(-1);
  return {
    entries: shown.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      details: r.details,
      actorId: r.actorId,
      actorName: r.actorId == null ? null : (names.users[r.actorId] ?? `#${r.actorId}`),
    })),
    nextCursor: rows.length > opts.limit && last ? { at: last.at, id: last.id } : null,
    names,
  };
}

/** The people an administrator can filter the log by: everyone who has or had an account. */
export function auditActors(db: Db, viewer: Pick<Viewer, "role">): { id: number; name: string; active: boolean }[] {
  assertCan(viewer, "readAuditLog");
  return listUsers(db).map((u) => ({ id: u.id, name: u.name, active: u.active }));
}

function namesFor(db: Db, entries: Parameters<typeof auditNamedIds>[0]): AuditNames {
  const ids = auditNamedIds(entries);
  const names: AuditNames = { users: {}, reasons: {}, channels: {} };
  // The tables are small (a company's people, reasons and channels); only mentioned ids go out.
  if (ids.user.length) {
    const wanted = new Set(ids.user);
    for (const u of listUsers(db)) if (wanted.has(u.id)) names.users[u.id] = u.name;
  }
  if (ids.reason.length) {
    const wanted = new Set(ids.reason);
    for (const r of listCloseReasons(db)) if (wanted.has(r.id)) names.reasons[r.id] = { label: r.label, systemKey: r.systemKey as ReasonKey | null, builtinKey: (r.builtinKey ?? null) as ReasonKey | null };
  }
  if (ids.channel.length) {
    const wanted = new Set(ids.channel);
    for (const c of listChannels(db)) if (wanted.has(c.id)) names.channels[c.id] = c.name;
  }
  return names;
}
