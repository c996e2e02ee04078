import { localDayEnd, localDayStart } from "@/server/domain/time-zone";
import type { AuditCursor, AuditFilters } from "@/server/services/audit";
import type { StatusParams } from "../status";

// The audit page's whole state lives in its URL (a GET form writes it), so filters work without JavaScript
// and a filtered page can be reloaded or linked. Values that make no sense are ignored, never an error page.

/** The filter form's fields as the URL holds them ("" when unset). */
export interface AuditParams {
  actor: string;
  action: string;
  from: string;
  to: string;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export function readAuditParams(params: StatusParams): AuditParams {
  return { actor: first(params.actor), action: first(params.action), from: first(params.from), to: first(params.to) };
}

/** "1796134094516_42": the last entry shown, by (at, id). */
export function cursorParam(cursor: AuditCursor): string {
  return `${cursor.at}_${cursor.id}`;
}

export function parseCursor(value: string): AuditCursor | undefined {
  const m = /^(\d{1,15})_(\d{1,15})$/.exec(value);
  if (!m) return undefined;
  const [at, id] = [Number(m[1]), Number(m[2])];
  return id > 0 ? { at, id } : undefined;
}

/** The service's filters: dates are whole days in the viewer's time zone, the "to" day included. */
export function auditFilters(p: AuditParams, timeZone: string): AuditFilters {
  const filters: AuditFilters = {};
  if (p.actor === "system") filters.actor = "system";
  else if (/^\d{1,15}$/.test(p.actor) && Number(p.actor) > 0) filters.actor = Number(p.actor);
  if (p.action && p.action.length <= 64) filters.action = p.action;
  const from = p.from ? localDayStart(p.from, timeZone) : null;
  if (from !== null) filters.from = from;
  const to = p.to ? localDayEnd(p.to, timeZone) : null;
  if (to !== null) filters.to = to;
  return filters;
}

/** The page's address with these filters, and `before` for an older page. */
export function auditHref(p: AuditParams, before?: AuditCursor): string {
  const query = new URLSearchParams();
  for (const key of ["actor", "action", "from", "to"] as const) if (p[key]) query.set(key, p[key]);
  if (before) query.set("before", cursorParam(before));
  const search = query.toString();
  return search ? `/admin/audit?${search}` : "/admin/audit";
}
