import Link from "next/link";
import { getDb } from "@/db/client";
import { auditPage } from "@/server/services/audit";
import { AdminFrame } from "../admin-frame";
import { formatDetails, formatTime } from "../format";
import { requireAdmin } from "../require-admin";
import type { StatusParams } from "../status";
import { captionClass, secondaryButtonClass, tableClass, tdClass, thClass } from "../styles";

const PAGE_SIZE = 50;

export default async function AuditPage({ searchParams }: { searchParams: Promise<StatusParams> }) {
  const { user, locale, t } = await requireAdmin();
  const params = await searchParams;
  const before = Number(params.before);
  const { entries, nextBefore } = auditPage(getDb(), user, {
    before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
    limit: PAGE_SIZE,
  });
  return (
    <AdminFrame t={t} current="audit" title={t("admin.audit.title")} params={params}>
      <p className="text-sm text-slate-600">{t("admin.audit.timeZone", { zone: user.timeZone })}</p>
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
            {entries.map((e) => (
              <tr key={e.id}>
                <td className={`${tdClass} whitespace-nowrap`}>
                  <time dateTime={new Date(e.at).toISOString()}>{formatTime(e.at, locale, user.timeZone)}</time>
                </td>
                <td className={tdClass}>{e.actorName ?? t("admin.audit.system")}</td>
                <td className={`${tdClass} font-mono`}>{e.action}</td>
                <td className={`${tdClass} font-mono`}>
                  {e.targetType}
                  {e.targetId != null && ` #${e.targetId}`}
                </td>
                <td className={`${tdClass} break-all text-slate-700`}>{formatDetails(e.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label={t("admin.audit.pages")} className="flex gap-2">
        {params.before && (
          <Link href="/admin/audit" className={secondaryButtonClass}>{t("admin.audit.newest")}</Link>
        )}
        {nextBefore && (
          <Link href={`/admin/audit?before=${nextBefore}`} className={secondaryButtonClass} rel="next">{t("admin.audit.older")}</Link>
        )}
      </nav>
    </AdminFrame>
  );
}
