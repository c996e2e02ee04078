import type { ReportQuery } from "@/server/services/reports";

type Params = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
const idOf = (v: string | string[] | undefined) => {
  const s = one(v);
  return s && /^\d{1,9}$/.test(s) && Number(s) > 0 ? Number(s) : undefined;
};
const dayOf = (v: string | string[] | undefined) => {
  const s = one(v);
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined;
};

/** The URL's report state (a GET form writes it): anything malformed is left out rather than refused. */
export function readReportParams(params: Params | URLSearchParams): ReportQuery {
  const get = (k: string) => (params instanceof URLSearchParams ? (params.get(k) ?? undefined) : params[k]);
  const range = one(get("range"));
  return {
    range: range === "today" || range === "30d" || range === "custom" ? range : "7d",
    from: dayOf(get("from")),
    to: dayOf(get("to")),
    channelId: idOf(get("channel")),
    agentId: idOf(get("agent")),
    closeReasonId: idOf(get("reason")),
    teamId: idOf(get("team")),
    ...(one(get("time")) === "business" ? { business: true } : {}),
  };
}

/** The same state as a query string, for the CSV link. */
export function reportSearch(q: ReportQuery): string {
  const s = new URLSearchParams({ range: q.range });
  if (q.from) s.set("from", q.from);
  if (q.to) s.set("to", q.to);
  if (q.channelId) s.set("channel", String(q.channelId));
  if (q.agentId) s.set("agent", String(q.agentId));
  if (q.closeReasonId) s.set("reason", String(q.closeReasonId));
  if (q.teamId) s.set("team", String(q.teamId));
  if (q.business) s.set("time", "business");
  return s.toString();
}
