import type { Db } from "@/db/client";
import { reportAgentScope } from "@/server/domain/report-scope";
import { heatmap, median, percentile, perDay, resolveRange, sortNumbers, type DayFigures, type RangePreset, type ReportRange } from "@/server/domain/report-stats";
import type { Viewer } from "@/server/domain/types";
import { listChannels } from "@/server/repositories/channels";
import { listCloseReasons, type CloseReasonRow } from "@/server/repositories/close-reasons";
import { closedChats, csatComments, teamOptions, currentLoad, iterateExportRows, openedChats, responseWaits, type CsatComment, type ExportRow, type ReportFilter } from "@/server/repositories/reports";
import { csatScore, type CsatScore } from "@/server/domain/csat";
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

/**
 * The reports page's figures. Chats count in the range they opened in (volume, first response, heatmap,
 * per agent) or closed in (closed, resolution, reasons); a transfer hands a chat on rather than closing it,
 * so it counts among the reasons but not as closed nor in resolution times. Replies count when answered.
 */
export function buildReport(db: Db, viewer: ReportViewer, q: ReportQuery, now: number): Report {
  const { range, filter } = reportFilter(viewer, q, now);
  const opened = openedChats(db, filter);
  const closed = closedChats(db, filter);
  const resolved = closed.filter((c) => !c.transferred);
  const firstResponses = sortNumbers(opened.flatMap((c) => (c.firstResponseMs === null ? [] : [c.firstResponseMs])));
  const waits = responseWaits(db, filter);

  const users = listUsers(db);
  const reasons = listCloseReasons(db).map(({ id, label, systemKey, builtinKey }) => ({ id, label, systemKey, builtinKey }));
  const load = currentLoad(db);
  const visibleAgents = users.filter((u) => (filter.agentId === undefined ? u.active || load.has(u.id) : u.id === filter.agentId));
  const agents = visibleAgents
    .map((u) => {
      const mine = opened.filter((c) => c.assigneeId === u.id);
      return {
        id: u.id,
        name: u.name,
        handled: mine.length,
        medianFirstResponseMs: median(sortNumbers(mine.flatMap((c) => (c.firstResponseMs === null ? [] : [c.firstResponseMs])))),
        medianResolutionMs: median(sortNumbers(resolved.filter((c) => c.assigneeId === u.id).map((c) => c.resolutionMs))),
        csat: csatScore(ratingsOf(resolved.filter((c) => c.assigneeId === u.id))),
        load: load.get(u.id) ?? 0,
      };
    })
    .filter((a) => a.handled > 0 || a.load > 0 || a.id === filter.agentId);

  const byReason = new Map<number | null, number>();
  for (const c of closed) byReason.set(c.closeReasonId, (byReason.get(c.closeReasonId) ?? 0) + 1);

  return {
    range,
    timeZone: viewer.timeZone,
    agentId: filter.agentId,
    headline: {
      opened: opened.length,
      closed: resolved.length,
      medianFirstResponseMs: median(firstResponses),
      p90FirstResponseMs: percentile(firstResponses, 0.9),
      medianResponseMs: median(waits),
      medianResolutionMs: median(sortNumbers(resolved.map((c) => c.resolutionMs))),
      csat: csatScore(ratingsOf(resolved)),
    },
    csatComments: csatComments(db, filter, 5),
    days: perDay(opened, range, viewer.timeZone),
    heatmap: heatmap(opened.map((c) => c.openedAt), viewer.timeZone),
    agents,
    closeReasons: [...byReason]
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
