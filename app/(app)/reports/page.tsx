import { serverApi } from "@/server/api/caller";
import { requireUser } from "@/server/auth/session";
import { closeReasonLabel } from "@/server/i18n/close-reasons";
import { requestLocale } from "@/server/i18n/request";
import type { Report } from "@/server/services/reports";
import { buttonClass, captionClass, labelClass, secondaryButtonClass, smallInputClass, tableClass, tdClass, thClass } from "../admin/styles";
import { Heatmap, VolumeChart } from "./charts";
import { formatSpan } from "./format";
import { readReportParams, reportSearch } from "./query";

type Params = Record<string, string | string[] | undefined>;

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireUser();
  const { locale, t } = await requestLocale(user.locale);
  const query = readReportParams(await searchParams);
  let report: Report;
  try {
    report = await (await serverApi()).reports.get(query);
  } catch (error) {
    if ((error as { code?: string }).code !== "FORBIDDEN") throw error;
    return (
      <div className="p-6">
        <h1 className="text-xl font-semibold">{t("reports.title")}</h1>
        <p role="alert" data-testid="reports-refused" className="mt-4 text-red-800">{t("error.reports.othersFigures")}</p>
      </div>
    );
  }
  const span = (ms: number | null) => formatSpan(ms, locale, t("reports.none"));
  const weekdays = Array.from({ length: 7 }, (_, d) => new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" }).format(Date.UTC(2026, 0, 4 + d)));
  const csatText = (c: Report["headline"]["csat"]) =>
    c.percent === null ? t("reports.csat.none") : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(c.percent)} % · ${t("reports.csat.responses", { count: c.responses })}`;
  const reasonName = (r: Report["closeReasons"][number]["reason"]) => (r ? closeReasonLabel(t, r) : t("reports.reasons.none"));
  const h = report.headline;
  const figures: [string, string, string][] = [
    ["opened", t("reports.opened"), String(h.opened)],
    ["closed", t("reports.closed"), String(h.closed)],
    ["first-median", t("reports.firstResponse.median"), span(h.medianFirstResponseMs)],
    ["first-p90", t("reports.firstResponse.p90"), span(h.p90FirstResponseMs)],
    ["response-median", t("reports.response.median"), span(h.medianResponseMs)],
    ["resolution-median", t("reports.resolution.median"), span(h.medianResolutionMs)],
    ["csat", t("reports.csat"), csatText(h.csat)],
  ];
  const days = report.range.days;
  return (
    <div className="h-full overflow-y-auto p-6">
      <div className="mx-auto max-w-5xl space-y-8">
        <header>
          <h1 className="text-xl font-semibold">{t("reports.title")}</h1>
          <p className="text-sm text-slate-600" data-testid="reports-period">
            {user.role === "admin" && report.agentId === undefined ? t("reports.scope.all") : t("reports.scope.own")} ·{" "}
            {t("reports.period", { from: days[0]!, to: days[days.length - 1]!, zone: report.timeZone })}
          </p>
        </header>

        {/* GET: the filters land in the URL, so they work without JavaScript and survive reload and links. */}
        <form method="get" action="/reports" role="search" aria-label={t("reports.title")} data-testid="reports-filters" className="flex flex-wrap items-end gap-3">
          <label className={labelClass}>
            {t("reports.range")}
            <select name="range" defaultValue={query.range} className={`${smallInputClass} mt-1 block`}>
              {(["today", "7d", "30d", "custom"] as const).map((r) => (
                <option key={r} value={r}>{t(`reports.range.${r}`)}</option>
              ))}
            </select>
          </label>
          <label className={labelClass}>
            {t("reports.from")}
            <input type="date" name="from" defaultValue={query.from ?? (query.range === "custom" ? days[0] : "")} className={`${smallInputClass} mt-1 block`} />
          </label>
          <label className={labelClass}>
            {t("reports.to")}
            <input type="date" name="to" defaultValue={query.to ?? (query.range === "custom" ? days[days.length - 1] : "")} className={`${smallInputClass} mt-1 block`} />
          </label>
          <label className={labelClass}>
            {t("reports.channel")}
            <select name="channel" defaultValue={query.channelId ?? ""} className={`${smallInputClass} mt-1 block`}>
              <option value="">{t("reports.any")}</option>
              {report.options.channels.map((c) => (
                <option key={c.id} value={c.id}>{c.name}</option>
              ))}
            </select>
          </label>
          {report.options.teams.length > 1 && (
            <label className={labelClass}>
              {t("reports.team")}
              <select name="team" defaultValue={query.teamId ?? ""} className={`${smallInputClass} mt-1 block`}>
                <option value="">{t("reports.any")}</option>
                {report.options.teams.map((team) => (
                  <option key={team.id} value={team.id}>{team.name}</option>
                ))}
              </select>
            </label>
          )}
          {user.role === "admin" && (
            <label className={labelClass}>
              {t("reports.agent")}
              <select name="agent" defaultValue={query.agentId ?? ""} className={`${smallInputClass} mt-1 block`}>
                <option value="">{t("reports.any")}</option>
                {report.options.agents.map((a) => (
                  <option key={a.id} value={a.id}>{a.name}</option>
                ))}
              </select>
            </label>
          )}
          <label className={labelClass}>
            {t("reports.closeReason")}
            <select name="reason" defaultValue={query.closeReasonId ?? ""} className={`${smallInputClass} mt-1 block`}>
              <option value="">{t("reports.any")}</option>
              {report.options.closeReasons.map((r) => (
                <option key={r.id} value={r.id}>{closeReasonLabel(t, r)}</option>
              ))}
            </select>
          </label>
          <label className={labelClass}>
            {t("reports.time")}
            <select name="time" defaultValue={query.business ? "business" : ""} className={`${smallInputClass} mt-1 block`}>
              <option value="">{t("reports.time.wall")}</option>
              <option value="business">{t("reports.time.business")}</option>
            </select>
          </label>
          <button type="submit" className={buttonClass}>{t("reports.apply")}</button>
          <a href={`/reports/export?${reportSearch(query)}`} className={secondaryButtonClass} data-testid="reports-export" download>
            {t("reports.export")}
          </a>
        </form>

        <section aria-label={t("reports.title")}>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3" data-testid="reports-headline">
            {figures.map(([id, label, value]) => (
              <div key={id} className="rounded-lg bg-white p-4 ring-1 ring-slate-200" data-testid={`figure-${id}`}>
                <dt className="text-sm text-slate-600">{label}</dt>
                <dd className="text-2xl font-semibold">{value}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-2 text-xs text-slate-600" data-testid="reports-hint">{t(query.business ? "reports.time.note" : "reports.hint")}</p>
        </section>

        <section className="space-y-3">
          <h2 className="text-lg font-semibold">{t("reports.volume.title")}</h2>
          <VolumeChart days={report.days} title={t("reports.volume.title")} desc={t("reports.volume.desc")} />
          <details>
            <summary className="cursor-pointer text-sm">{t("reports.table")}</summary>
            <table className={tableClass} data-testid="volume-table">
              <caption className="sr-only">{t("reports.volume.title")}</caption>
              <thead>
                <tr><th className={thClass}>{t("reports.day")}</th><th className={thClass}>{t("reports.opened")}</th><th className={thClass}>{t("reports.firstResponse.median")}</th></tr>
              </thead>
              <tbody>
                {report.days.map((d) => (
                  <tr key={d.day}><td className={tdClass}>{d.day}</td><td className={tdClass}>{d.opened}</td><td className={tdClass}>{span(d.medianFirstResponseMs)}</td></tr>
                ))}
              </tbody>
            </table>
          </details>
        </section>

        <section className="space-y-3">
          <h2 className="text-lg font-semibold">{t("reports.heatmap.title")}</h2>
          <Heatmap grid={report.heatmap} weekdays={weekdays} title={t("reports.heatmap.title")} desc={t("reports.heatmap.desc")} cell={(day, hour, count) => t("reports.heatmap.cell", { day, hour, count })} />
          <details>
            <summary className="cursor-pointer text-sm">{t("reports.table")}</summary>
            <div className="overflow-x-auto">
              <table className={`${tableClass} text-xs`} data-testid="heatmap-table">
                <caption className="sr-only">{t("reports.heatmap.title")}</caption>
                <thead>
                  <tr><th className={thClass}>{t("reports.weekday")}</th>{Array.from({ length: 24 }, (_, hh) => <th key={hh} className={thClass} scope="col">{hh}</th>)}</tr>
                </thead>
                <tbody>
                  {report.heatmap.map((row, d) => (
                    <tr key={d}><th scope="row" className={thClass}>{weekdays[d]}</th>{row.map((n, hh) => <td key={hh} className={tdClass}>{n}</td>)}</tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </section>

        <section>
          <table className={tableClass} data-testid="agents-table">
            <caption className={captionClass}>{t("reports.agents.title")}</caption>
            <thead>
              <tr>
                <th className={thClass}>{t("reports.agent")}</th>
                <th className={thClass}>{t("reports.agents.handled")}</th>
                <th className={thClass}>{t("reports.firstResponse.median")}</th>
                <th className={thClass}>{t("reports.resolution.median")}</th>
                <th className={thClass}>{t("reports.csat")}</th>
                <th className={thClass}>{t("reports.agents.load")}</th>
              </tr>
            </thead>
            <tbody>
              {report.agents.map((a) => (
                <tr key={a.id} data-testid={`agent-row-${a.id}`}>
                  <th scope="row" className={tdClass}>{a.name}</th>
                  <td className={tdClass}>{a.handled}</td>
                  <td className={tdClass}>{span(a.medianFirstResponseMs)}</td>
                  <td className={tdClass}>{span(a.medianResolutionMs)}</td>
                  <td className={tdClass}>{csatText(a.csat)}</td>
                  <td className={tdClass}>{a.load}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        {report.csatComments.length > 0 && (
          <section data-testid="csat-comments">
            <h2 className="text-lg font-semibold">{t("reports.csat.comments")}</h2>
            <ul className="mt-2 space-y-2">
              {report.csatComments.map((c) => (
                <li key={c.chatId} className="rounded-lg bg-white p-3 text-sm ring-1 ring-slate-200">
                  <p>
                    <span className="font-semibold">{c.rating}/5</span> · {c.contactName}
                  </p>
                  <blockquote className="mt-1 whitespace-pre-wrap text-slate-700">{c.comment}</blockquote>
                </li>
              ))}
            </ul>
          </section>
        )}

        <section>
          <table className={tableClass} data-testid="reasons-table">
            <caption className={captionClass}>{t("reports.reasons.title")}</caption>
            <thead>
              <tr><th className={thClass}>{t("reports.closeReason")}</th><th className={thClass}>{t("reports.reasons.count")}</th></tr>
            </thead>
            <tbody>
              {report.closeReasons.length === 0 && (
                <tr><td className={tdClass} colSpan={2}>{t("reports.empty")}</td></tr>
              )}
              {report.closeReasons.map((r) => (
                <tr key={r.reason?.id ?? 0}><td className={tdClass}>{reasonName(r.reason)}</td><td className={tdClass}>{r.count}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
