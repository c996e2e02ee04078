import Link from "next/link";
import { getDb } from "@/db/client";
import { auditActions } from "@/server/domain/audit-details";
import { auditActors, auditPage } from "@/server/services/audit";
import { TimeZoneNote } from "../../_time-zone/zone-note";
import { AdminFrame } from "../admin-frame";
import { formatTime } from "../format";
import { requireAdmin } from "../require-admin";
import type { StatusParams } from "../status";
import { captionClass, labelClass, secondaryButtonClass, smallInputClass, tableClass, tdClass, thClass, buttonClass } from "../styles";
import { auditActionLabel, describeAuditEntry } from "./describe";
import { auditFilters, auditHref, parseCursor, readAuditParams } from "./query";

const PAGE_SIZE = 50;

export default async function AuditPage({ searchParams }: { searchParams: Promise<StatusParams> }) {
  const { user, locale, t } = await requireAdmin();
  const params = await searchParams;
  const state = readAuditParams(params);
  const before = parseCursor(typeof params.before === "string" ? params.before : "");
  const { entries, nextCursor, names } = auditPage(getDb(), user, { ...auditFilters(state, user.timeZone), before, limit: PAGE_SIZE });
  const people = auditActors(getDb(), user);
  const ctx = { t, locale, timeZone: user.timeZone };
  const actions = [...auditActions, ...(state.action && !(auditActions as readonly string[]).includes(state.action) ? [state.action] : [])]
    .map((code) => ({ code, label: auditActionLabel(code, t) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  const filtered = Boolean(state.actor || state.action || state.from || state.to);
  return (
    <AdminFrame t={t} current="audit" title={t("admin.audit.title")} params={params}>
      <p className="text-sm text-slate-600">{t("admin.audit.timeZone", { zone: user.timeZone })}</p>
      {/* GET: the filters land in the URL, so they work without JavaScript and survive reload and links. */}
      <form method="get" action="/admin/audit" role="search" aria-label={t("admin.audit.filters")} data-testid="audit-filters" className="flex flex-wrap items-end gap-3">
        <label className={labelClass}>
          {t("admin.audit.filter.actor")}
          <select name="actor" defaultValue={state.actor} className={`${smallInputClass} mt-1 block`}>
            <option value="">{t("admin.audit.filter.anyone")}</option>
            <option value="system">{t("admin.audit.system")}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>{p.active ? p.name : t("admin.audit.filter.inactive", { name: p.name })}</option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          {t("admin.audit.filter.action")}
          <select name="action" defaultValue={state.action} className={`${smallInputClass} mt-1 block`}>
            <option value="">{t("admin.audit.filter.anyAction")}</option>
            {actions.map((a) => (
              <option key={a.code} value={a.code}>{a.label}</option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          {t("admin.audit.filter.from")}
          <input type="date" name="from" defaultValue={state.from} aria-describedby="audit-dates-zone" className={`${smallInputClass} mt-1 block`} />
        </label>
        <label className={labelClass}>
          {t("admin.audit.filter.to")}
          <input type="date" name="to" defaultValue={state.to} aria-describedby="audit-dates-zone" className={`${smallInputClass} mt-1 block`} />
        </label>
        <button type="submit" className={buttonClass}>{t("admin.audit.filter.apply")}</button>
        {filtered && <Link href="/admin/audit" className={secondaryButtonClass}>{t("admin.audit.filter.clear")}</Link>}
        <div className="basis-full">
          <TimeZoneNote id="audit-dates-zone" t={t} />
        </div>
      </form>
      <div className="overflow-x-auto">
        <table className={tableClass} data-testid="audit-table">
          <caption className={captionClass}>{t("admin.audit.caption")}</caption>
          <thead>
            <tr>
              <th scope="col" className={thClass}>{t("admin.audit.col.time")}</th>
              <th scope="col" className={thClass}>{t("admin.audit.col.actor")}</th>
              <th scope="col" className={thClass}>{t("admin.audit.col.action")}</th>
              <th scope="col" className={thClass}>{t("admin.audit.col.target")}</th>
              <th scope="col" className={thClass}>{t("admin.audit.col.details")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.length === 0 && (
              <tr>
                <td colSpan={5} className={`${tdClass} text-slate-600`}>{t("admin.common.empty")}</td>
              </tr>
            )}
            {entries.map((e) => {
              const text = describeAuditEntry(e, names, ctx);
              return (
                <tr key={e.id} data-action={e.action}>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    <time dateTime={new Date(e.at).toISOString()}>{formatTime(e.at, locale, user.timeZone)}</time>
                  </td>
                  <td className={tdClass}>{text.actor}</td>
                  <td className={tdClass}>{text.action}</td>
                  <td className={tdClass}>{text.target}</td>
                  <td className={`${tdClass} break-words text-slate-700`}>{text.details}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <nav aria-label={t("admin.audit.pages")} className="flex gap-2">
        {before && (
          <Link href={auditHref(state)} className={secondaryButtonClass}>{t("admin.audit.newest")}</Link>
        )}
        {nextCursor && (
          <Link href={auditHref(state, nextCursor)} className={secondaryButtonClass} rel="next">{t("admin.audit.older")}</Link>
        )}
      </nav>
    </AdminFrame>
  );
}
