import type { Db } from "@/db/client";
import { reportAgentScope } from "@/server/domain/report-scope";
import { heatmap, median, percentile, perDay, resolveRange, sortNumbers, type DayFigures, type RangePreset, type ReportRange } from "@/server/domain/report-stats";
import type { Viewer } from "@/server/domain/types";
import { listChannels } from "@/server/repositories/channels";
import { listCloseReasons, type CloseReasonRow } from "@/server/repositories/close-reasons";
import { closedChats, csatComments, teamOptions, currentLoad, iterateExportRows, openedChats, responseWaits, type CsatComment, type ExportRow, type ReportFilter } from "@/server/repositories/reports";
import { csatScore, type CsatScore } from "@/server/domain/csat";
import { edgeRows, EVERYONE, foldRollups, splitDays } from "@/server/domain/report-rollup";
import { rollupRows } from "@/server/repositories/report-rollup";
import { listUsers } from "@/server/repositories/users";

export interface ReportQuery {
  range: RangePreset;
  /** "YYYY-MM-DD" in the viewer's zone, for a custom range. */
  from?: string;
  to?: string;
  channelId?: number;
  agentId?: number;
  closeReasonId?: number;
  teamId?: number;
  /** Times inside the teams' opening hours rather than wall-clock. */
  business?: boolean;
}

export interface ReportViewer extends Viewer {
  timeZone: string;
}

export interface AgentFigures {
  id: number;
  name: string;
  handled: number;
  medianFirstResponseMs: number | null;
  medianResolutionMs: number | null;
  csat: CsatScore;
  load: number;
}

export interface Report {
  range: ReportRange;
  timeZone: string;
  /** The agent the figures are limited to (always the viewer for an agent). */
  agentId: number | undefined;
  headline: {
    opened: number;
    closed: number;
    medianFirstResponseMs: number | null;
    p90FirstResponseMs: number | null;
    medianResponseMs: number | null;
    medianResolutionMs: number | null;
    csat: CsatScore;
  };
  csatComments: CsatComment[];
  days: DayFigures[];
  heatmap: number[][];
  agents: AgentFigures[];
  closeReasons: { reason: Pick<CloseReasonRow, "id" | "label" | "systemKey" | "builtinKey"> | null; count: number }[];
  options: {
    channels: { id: number; name: string }[];
    teams: { id: number; name: string }[];
    agents: { id: number; name: string }[];
    closeReasons: Pick<CloseReasonRow, "id" | "label" | "systemKey" | "builtinKey">[];
  };
}

/** The filter a query names for this viewer, with the agent scope enforced. */
export function reportFilter(viewer: ReportViewer, q: ReportQuery, now: number): { range: ReportRange; filter: ReportFilter } {
  const range = resolveRange(q.range, now, viewer.timeZone, q.from, q.to);
  const agentId = reportAgentScope(viewer, q.agentId);
  return { range, filter: { from: range.from, to: range.to, channelId: q.channelId, agentId, closeReasonId: q.closeReasonId, teamId: q.teamId, business: q.business } };
}

/** Ranges with at most this many chats opened and closed are read exactly from chat_metrics (cheap there). */
const EXACT_UP_TO = 2000;
const DAY_MS = 86_400_000;

/** What both ways of reading a range give: the headline with its raw ratings (scored once, in buildReport). */
interface Figures extends Omit<Report["headline"], "csat"> {
  ratings: number[];
  days: DayFigures[];
  heatmap: number[][];
  reasons: Map<number | null, number>;
  agents: Map<number, { handled: number; medianFirstResponseMs: number | null; medianResolutionMs: number | null; ratings: number[] }>;
}

/** The figures from every chat of the range (chat_metrics, response_waits): exact, and costly for long ranges. */
function exactFigures(db: Db, filter: ReportFilter, range: ReportRange, timeZone: string): Figures {
  const opened = openedChats(db, filter);
  const closed = closedChats(db, filter);
  const resolved = closed.filter((c) => !c.transferred);
  const firstResponses = sortNumbers(opened.flatMap((c) => (c.firstResponseMs === null ? [] : [c.firstResponseMs])));
  const waits = responseWaits(db, filter);
  const reasons = new Map<number | null, number>();
  for (const c of closed) reasons.set(c.closeReasonId, (reasons.get(c.closeReasonId) ?? 0) + 1);
  const agents: Figures["agents"] = new Map();
  for (const id of new Set([...opened, ...resolved].flatMap((c) => (c.assigneeId === null ? [] : [c.assigneeId])))) {
    const mine = opened.filter((c) => c.assigneeId === id);
    const mineResolved = resolved.filter((c) => c.assigneeId === id);
    agents.set(id, {
      handled: mine.length,
      medianFirstResponseMs: median(sortNumbers(mine.flatMap((c) => (c.firstResponseMs === null ? [] : [c.firstResponseMs])))),
      medianResolutionMs: median(sortNumbers(mineResolved.map((c) => c.resolutionMs))),
      ratings: ratingsOf(mineResolved),
    });
  }
  return {
    opened: opened.length,
    closed: resolved.length,
    medianFirstResponseMs: median(firstResponses),
    p90FirstResponseMs: percentile(firstResponses, 0.9),
    medianResponseMs: median(waits),
    medianResolutionMs: median(sortNumbers(resolved.map((c) => c.resolutionMs))),
    ratings: ratingsOf(resolved),
    days: perDay(opened, range, timeZone),
    heatmap: heatmap(opened.map((c) => c.openedAt), timeZone),
    reasons,
    agents,
  };
}

/**
 * The figures from the rollups (report_rollup): counts exact, medians and p90 within the bins' error
 * (server/domain/report-rollup.ts). They hold everyone's and each agent's figures, so a channel, team or
 * close-reason filter reads the chats instead; so does a range with few chats, where that is exact and cheap.
 */
function rollupFigures(db: Db, filter: ReportFilter, range: ReportRange, timeZone: string): Figures {
  const scope = filter.agentId ?? EVERYONE;
  const business = filter.business === true;
  const split = splitDays(range.from, range.to);
  const rows = rollupRows(db, scope, business, { first: Math.floor(range.from / DAY_MS), last: Math.floor((range.to - 1) / DAY_MS), ...split });
  for (const part of split.partial) {
    const edge = { ...filter, from: part.from, to: part.to };
    rows.push(...edgeRows(scope, { closed: closedChats(db, edge), waits: responseWaits(db, edge) }));
  }
  const f = foldRollups(rows, scope, range, timeZone);
  return {
    opened: f.opened,
    closed: f.closed,
    medianFirstResponseMs: f.firstResponse.percentile(0.5),
    p90FirstResponseMs: f.firstResponse.percentile(0.9),
    medianResponseMs: f.waits.percentile(0.5),
    medianResolutionMs: f.resolution.percentile(0.5),
    ratings: f.ratings,
    days: f.days,
    heatmap: f.heatmap,
    reasons: f.reasons,
    agents: new Map(
      [...f.agents].map(([id, a]) => [id, { handled: a.handled, medianFirstResponseMs: a.firstResponse.percentile(0.5), medianResolutionMs: a.resolution.percentile(0.5), ratings: a.ratings }]),
    ),
  };
}

/**
 * The reports page's figures. Chats count in the range they opened in (volume, first response, heatmap,
 * per agent) or closed in (closed, resolution, reasons); a transfer hands a chat on rather than closing it,
 * so it counts among the reasons but not as closed nor in resolution times. Replies count when answered.
 * `exactUpTo` (tests) moves the line between reading the chats and reading the rollups.
 */
export function buildReport(db: Db, viewer: ReportViewer, q: ReportQuery, now: number, opts: { exactUpTo?: number } = {}): Report {
  const { range, filter } = reportFilter(viewer, q, now);
  const rolled = filter.channelId === undefined && filter.teamId === undefined && filter.closeReasonId === undefined ? rollupFigures(db, filter, range, viewer.timeZone) : null;
  const figures = rolled && rolled.opened + rolled.closed > (opts.exactUpTo ?? EXACT_UP_TO) ? rolled : exactFigures(db, filter, range, viewer.timeZone);

  const users = listUsers(db);
  const reasons = listCloseReasons(db).map(({ id, label, systemKey, builtinKey }) => ({ id, label, systemKey, builtinKey }));
  const load = currentLoad(db);
  const visibleAgents = users.filter((u) => (filter.agentId === undefined ? u.active || load.has(u.id) : u.id === filter.agentId));
  const agents = visibleAgents
    .map((u) => {
      const a = figures.agents.get(u.id);
      return {
        id: u.id,
        name: u.name,
        handled: a?.handled ?? 0,
        medianFirstResponseMs: a?.medianFirstResponseMs ?? null,
        medianResolutionMs: a?.medianResolutionMs ?? null,
        csat: csatScore(a?.ratings ?? []),
        load: load.get(u.id) ?? 0,
      };
    })
    .filter((a) => a.handled > 0 || a.load > 0 || a.id === filter.agentId);

  return {
    range,
    timeZone: viewer.timeZone,
    agentId: filter.agentId,
    headline: {
      opened: figures.opened,
      closed: figures.closed,
      medianFirstResponseMs: figures.medianFirstResponseMs,
      p90FirstResponseMs: figures.p90FirstResponseMs,
      medianResponseMs: figures.medianResponseMs,
      medianResolutionMs: figures.medianResolutionMs,
      csat: csatScore(figures.ratings),
    },
    csatComments: csatComments(db, filter, 5),
    days: figures.days,
    heatmap: figures.heatmap,
    agents,
    closeReasons: [...figures.reasons]
      .map(([id, count]) => ({ reason: reasons.find((r) => r.id === id) ?? null, count }))
      .sort((a, b) => b.count - a.count),
    options: {
      channels: listChannels(db).map((c) => ({ id: c.id, name: c.name })),
      teams: teamOptions(db),
      agents: viewer.role === "admin" ? users.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name })) : [{ id: viewer.id, name: users.find((u) => u.id === viewer.id)?.name ?? "" }],
      closeReasons: reasons,
    },
  };
}

const ratingsOf = (rows: { csatRating: number | null }[]): number[] => rows.flatMap((c) => (c.csatRating === null ? [] : [c.csatRating]));

/** The per-chat rows of the filtered range, one at a time, under the same scope as the page. */
export function exportRows(db: Db, viewer: ReportViewer, q: ReportQuery, now: number): { range: ReportRange; rows: IterableIterator<ExportRow>; reasons: Map<number, Pick<CloseReasonRow, "label" | "systemKey" | "builtinKey">> } {
  const { range, filter } = reportFilter(viewer, q, now);
  return { range, rows: iterateExportRows(db, filter), reasons: new Map(listCloseReasons(db).map((r) => [r.id, r])) };
}
