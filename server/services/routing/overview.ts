import type { DbOrTx } from "@/db/client";
import { isOpenAt, type Schedule } from "@/server/domain/business-hours";
import { capacityOf, effectiveAvailability, type Availability, type DistributionMode } from "@/server/domain/routing";
import type { Viewer } from "@/server/domain/types";
import { listChannels } from "@/server/repositories/channels";
import { perDataVersion } from "@/server/repositories/data-version";
import { findTeam, listTeams, loadOf, memberLoads, pendingOfferOf, queueSummaries, teamIdsOf } from "@/server/repositories/teams";
import { findUserById } from "@/server/repositories/users";

// What the admin screens, the inbox's queue view and the CLI show about teams: who is in each, available or
// not, with their load ("3 / 5"), whether the team is open now, and how long its oldest waiting chat has waited.

export interface MemberView {
  id: number;
  name: string;
  /** What they chose. */
  chosen: Availability;
  /** What counts now (offline without a recent poll). */
  availability: Availability;
  load: number;
  capacity: number;
}

export interface TeamView {
  id: number;
  name: string;
  isDefault: boolean;
  mode: DistributionMode;
  capacity: number;
  offerSeconds: number;
  schedule: Schedule | null;
  awayMessage: string | null;
  greeting: string | null;
  openNow: boolean;
  waiting: number;
  oldestQueuedAt: number | null;
  members: MemberView[];
  channelIds: number[];
}

/** The teams a viewer sees: every team for administrators (null), the teams they are in for an agent. */
function teamsSeenBy(db: DbOrTx, viewer: Viewer): Set<number> | null {
  return viewer.role === "admin" ? null : new Set(teamIdsOf(db, viewer.id));
}

/** Administrators see every team; an agent sees the teams they are in. */
export function teamsOverview(db: DbOrTx, viewer: Viewer, now: number): TeamView[] {
  const mine = teamsSeenBy(db, viewer);
  const queues = new Map(queueSummaries(db).map((q) => [q.teamId, q]));
  const channels = listChannels(db);
  return listTeams(db)
    .filter((team) => !mine || mine.has(team.id))
    .map((team) => {
      const defaultTeamChannels = team.isDefault ? channels.filter((c) => c.teamId === null).map((c) => c.id) : [];
      return {
        id: team.id,
        name: team.name,
        isDefault: team.isDefault,
        mode: team.mode,
        capacity: team.capacity,
        offerSeconds: team.offerSeconds,
        schedule: team.schedule ?? null,
        awayMessage: team.awayMessage,
        greeting: team.greeting,
        openNow: isOpenAt(team.schedule ?? null, now),
        waiting: queues.get(team.id)?.waiting ?? 0,
        oldestQueuedAt: queues.get(team.id)?.oldestQueuedAt ?? null,
        members: memberLoads(db, team.id).map((m) => ({
          id: m.userId,
          name: m.name,
          chosen: m.availability,
          availability: effectiveAvailability(m.availability, m.lastSeenAt, now),
          load: m.open + m.offered,
          capacity: capacityOf(m.capacityOverride, team.capacity),
        })),
        channelIds: [...channels.filter((c) => c.teamId === team.id).map((c) => c.id), ...defaultTeamChannels],
      };
    });
}

/**
 * The inbox's queue view: the viewer's teams (every team for administrators) and whether each is open now.
 * Its figures come from queueCounts; every inbox page renders it, so it reads no loads or queues of its own.
 */
export function queueLinks(db: DbOrTx, viewer: Viewer, now: number): Array<{ id: number; name: string; openNow: boolean }> {
  const mine = teamsSeenBy(db, viewer);
  return listTeams(db)
    .filter((team) => !mine || mine.has(team.id))
    .map((team) => ({ id: team.id, name: team.name, openNow: isOpenAt(team.schedule ?? null, now) }));
}

/** A queue's live figures: what the inbox's queue view shows and live updates carry (live-delta.ts). */
export interface QueueCount {
  teamId: number;
  waiting: number;
  oldestQueuedAt: number | null;
}

/** The non-empty queues of the viewer's teams (every team for administrators); a team not listed has none waiting. */
export function queueCounts(db: DbOrTx, viewer: Viewer): QueueCount[] {
  const mine = teamsSeenBy(db, viewer);
  // Every open inbox's poll reads it (live-delta.ts): once per state of the database, shared.
  return perDataVersion(db, "queue-summaries", () => queueSummaries(db))
    .filter((q) => !mine || mine.has(q.teamId))
    .map((q) => ({ teamId: q.teamId, waiting: q.waiting, oldestQueuedAt: q.oldestQueuedAt }))
    .sort((a, b) => a.teamId - b.teamId);
}

export interface MyRouting {
  chosen: Availability;
  availability: Availability;
  load: number;
  /** The smallest capacity among their teams (their own when set); null when in no team. */
  capacity: number | null;
  teams: Array<{ id: number; name: string; openNow: boolean }>;
}

/** The header's control and the inbox's "my load". */
export function myRouting(db: DbOrTx, userId: number, now: number): MyRouting {
  // Rendered in the header of every page: only this person's row and teams, never the whole queue.
  const user = findUserById(db, userId)!;
  const mine = new Set(teamIdsOf(db, userId));
  const teams = listTeams(db).filter((t) => mine.has(t.id));
  const capacities = teams.map((t) => capacityOf(user.capacity, t.capacity));
  return {
    chosen: user.availability,
    availability: effectiveAvailability(user.availability, user.lastSeenAt, now),
    load: loadOf(db, userId),
    capacity: capacities.length ? Math.min(...capacities) : user.capacity,
    teams: teams.map((t) => ({ id: t.id, name: t.name, openNow: isOpenAt(t.schedule ?? null, now) })),
  };
}

export interface ChatRoutingView {
  team: { id: number; name: string } | null;
  offer: { userId: number; name: string; expiresAt: number } | null;
  teams: Array<{ id: number; name: string }>;
}

/** What the chat pane shows about routing: the chat's team, its pending offer, the teams it can be sent to. */
export function chatRoutingView(db: DbOrTx, chat: { id: number; teamId: number | null; assigneeId: number | null; status: string }): ChatRoutingView {
  const team = chat.teamId !== null ? findTeam(db, chat.teamId) : undefined;
  const offer = chat.assigneeId === null && chat.status !== "closed" ? pendingOfferOf(db, chat.id) : undefined;
  const offeredTo = offer ? findUserById(db, offer.userId) : undefined;
  return {
    team: team ? { id: team.id, name: team.name } : null,
    offer: offer && offeredTo ? { userId: offer.userId, name: offeredTo.name, expiresAt: offer.expiresAt } : null,
    teams: listTeams(db).map((t) => ({ id: t.id, name: t.name })),
  };
}

/** Each channel with the team its new chats go to (null: the default team), for the teams screen. */
export function channelTeams(db: DbOrTx): Array<{ id: number; name: string; teamId: number | null }> {
  return listChannels(db).map((c) => ({ id: c.id, name: c.name, teamId: c.teamId }));
}
