import type { Db, DbOrTx } from "@/db/client";
import {
  assertSectionVisible,
  sectionFilter,
  visibleSections,
  type Section,
  type Viewer,
} from "@/server/domain";
import { toFtsQuery } from "@/server/domain/search-query";
import { dueReminderCount, listInbox, pendingCounts, unassignedPendingInTeams, type InboxRow, type ListOrder, type ListStatus } from "@/server/repositories/inbox";
import { teamCount, teamIdsOf } from "@/server/repositories/teams";
import { unseenMentionCount } from "@/server/repositories/mentions";
import { readSettings } from "@/server/repositories/settings";
import { searchContacts, searchMessages } from "@/server/repositories/search";

export const PAGE_SIZE = 50;

export interface SectionCounts {
  sections: Section[];
  pending: Partial<Record<Section, number>>;
  /** The sum an agent cares about: what waits in the sections they see, without double counting. */
  total: number;
  /** The viewer's chats whose reminder came due, for the "reminder due" alert. */
  remindersDue: number;
  /** Chats whose private notes name the viewer and that they have not opened since (Mentions). */
  mentions: number;
}

/** The pending counter of every section the viewer may see, from one indexed query. */
export function sectionCounts(db: Db, viewer: Viewer): SectionCounts {
  const sections = visibleSections(viewer, readSettings(db).sharedInbox);
  const counts = pendingCounts(db, viewer.id);
  const teams = agentTeams(db, viewer);
  if (teams) counts.unassigned = unassignedPendingInTeams(db, teams);
  const pending = Object.fromEntries(sections.map((s) => [s, counts[s]])) as Partial<Record<Section, number>>;
  const total = sections.includes("all") ? counts.all : counts.mine + counts.unassigned;
  const mentions = unseenMentionCount(db, viewer.id, sections.includes("all"));
  return { sections, pending, total, remindersDue: dueReminderCount(db, viewer.id), mentions };
}

export interface ListInput {
  section: Section;
  /** Only this team's chats (the team filter). */
  teamId?: number | null;
  status: ListStatus;
  pendingOnly?: boolean;
  order?: ListOrder;
  cursor?: string | null;
  limit?: number;
}

export interface ListPage {
  rows: InboxRow[];
  nextCursor: string | null;
}

export function encodeCursor(row: Pick<InboxRow, "sortAt" | "id">): string {
  return `${row.sortAt}.${row.id}`;
}

export function decodeCursor(cursor: string | null | undefined): { sortAt: number; id: number } | undefined {
  if (!cursor) return undefined;
  const match = /^(-?\d{1,16})\.(\d{1,16})$/.exec(cursor);
  return match ? { sortAt: Number(match[1]), id: Number(match[2]) } : undefined;
}

/** A page of a section's chats in one status, by keyset: as fast on page 1,000 as on page 1. */
export function listSection(db: Db, viewer: Viewer, input: ListInput): ListPage {
  assertSectionVisible(input.section, viewer, readSettings(db).sharedInbox);
  const limit = Math.min(Math.max(input.limit ?? PAGE_SIZE, 1), 200);
  const rows = listInbox(db, {
    filter: sectionFilter(input.section, viewer),
    status: input.status,
    pendingOnly: Boolean(input.pendingOnly) && input.status === "open",
    order: input.order ?? (input.status === "closed" ? "desc" : "asc"),
    cursor: decodeCursor(input.cursor),
    limit: limit + 1,
    viewerId: viewer.id,
    teamIds: listTeams(db, viewer, input.section, input.teamId ?? null),
  });
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: page, nextCursor: more ? encodeCursor(page[page.length - 1]!) : null };
}

/** Contacts by name, phone or handle, and messages by words, among the chats the viewer may see. */
export function search(db: Db, viewer: Viewer, text: string, limit = 20) {
  const query = toFtsQuery(text);
  const restrictTo = viewer.role === "admin" || readSettings(db).sharedInbox ? null : viewer.id;
  return {
    contacts: searchContacts(db, query, restrictTo, limit),
    messages: searchMessages(db, query, restrictTo, limit),
  };
}

/**
 * For an agent, Unassigned means the unassigned chats of their teams (issue 13): their team ids, or null
 * when they are in every team (the common case after the migration, read from the maintained counters).
 */
export function agentTeams(db: DbOrTx, viewer: Viewer): number[] | null {
  if (viewer.role === "admin") return null;
  const mine = teamIdsOf(db, viewer.id);
  return mine.length === teamCount(db) ? null : mine;
}

function listTeams(db: Db, viewer: Viewer, section: Section, teamId: number | null): number[] | null {
  const mine = section === "unassigned" ? agentTeams(db, viewer) : null;
  if (teamId === null) return mine;
  return mine && !mine.includes(teamId) ? [] : [teamId];
}
