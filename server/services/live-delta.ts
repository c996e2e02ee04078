import type { Db } from "@/db/client";
import {
  assertSectionVisible,
  canSeeChat,
  openChatEffect,
  replyWindow,
  sectionFilter,
  touchesList,
  type ListView,
  type Section,
  type Viewer,
} from "@/server/domain";
import { translator, type Locale } from "@/server/i18n/locale";
import { findChat } from "@/server/repositories/chats";
import { hasUnseenMentions } from "@/server/repositories/mentions";
import type { ListOrder, ListStatus } from "@/server/repositories/inbox";
import { attachmentsOfMessages, messagesOfChatByIds } from "@/server/repositories/messages";
import { shownAttachment, shownMessage, type ShownAttachment, type ShownMessage } from "./shown-message";
import { readSettings } from "@/server/repositories/settings";
import { agentTeams, listSection, sectionCounts, type SectionCounts } from "./inbox";
import { chatRowItem, type ChatRowItem } from "./inbox-items";
import { changesSince, latestSeq } from "./live-feed";
import { queueCounts, type QueueCount } from "./routing/overview";

// The inbox's live updates: what one viewer's screen needs since the change sequence number it last
// applied. Nothing (a 304) when nothing they see moved; otherwise only the parts that did — counters, the
// list's order with the rows that changed, the open chat's new or changed messages — or a flag asking the
// browser to render a part again when a delta cannot describe it.

export interface DeltaRequest {
  since: number;
  /** The list the viewer shows; absent while they look at search results. */
  list?: { section: Section; status: ListStatus; pendingOnly?: boolean; order?: ListOrder; cursor?: string | null; teamId?: number | null; full?: boolean };
  /** The chat open beside it, and whether its composer is shown (false while the 24-hour window is closed). */
  chat?: { id: number; windowOpen: boolean };
  /** The counters the viewer shows (countsFingerprint), so unchanged counters are not sent again. */
  counts?: string;
}

export interface ListDelta {
  /** The list's chat ids in order: the whole page as it is now. */
  ids: number[];
  /** The rows that changed since the viewer's sequence (all of them when `complete`). */
  rows: ChatRowItem[];
  complete: boolean;
  nextCursor: string | null;
}

export interface PollIntervals {
  visibleMs: number;
  hiddenMs: number;
}

export type DeltaAnswer =
  | { unchanged: true; seq: number }
  | {
      unchanged: false;
      seq: number;
      intervals: PollIntervals;
      /** Who may see what changed (a setting, a role, someone's name): render the page again. */
      refresh?: true;
      counts?: LiveCounts & { fingerprint: string };
      list?: ListDelta;
      chat?: { refresh: true } | { messages: ShownMessage[]; attachments: ShownAttachment[] };
    };

/** The counters a viewer's inbox shows: the sections' and, for teams (issue 13), each queue's waiting chats and oldest. */
export type LiveCounts = SectionCounts & { queues: QueueCount[] };

export function countsFingerprint(c: LiveCounts): string {
  const queues = c.queues.map((q) => `${q.teamId}:${q.waiting}:${q.oldestQueuedAt ?? ""}`).join(",");
  return `${c.sections.map((s) => `${s}:${c.pending[s] ?? 0}`).join(",")}|${c.total}|${c.remindersDue}|${c.mentions}|${queues}`;
}

export function liveCounts(db: Db, viewer: Viewer): LiveCounts {
  return { ...sectionCounts(db, viewer), queues: queueCounts(db, viewer) };
}

/** Hidden tabs poll less often, but still poll: the count in the tab title matters most in the background. */
export function pollIntervals(pollIntervalSeconds: number): PollIntervals {
  const visibleMs = Math.max(2, pollIntervalSeconds) * 1000;
  return { visibleMs, hiddenMs: Math.max(30_000, visibleMs * 4) };
}

/** The sequence number a page render starts from: read before the render reads anything else. */
export function currentSeq(db: Db): number {
  return latestSeq(db);
}

// Viewers with the same list view (and language, zone) at the same sequence share one computed page. Per
// connection: a sequence number means something only in its own database.
type ListPageCache = Map<string, { ids: number[]; items: Map<number, ChatRowItem>; nextCursor: string | null }>;
const listCaches = new WeakMap<Db["$client"], ListPageCache>();
const LIST_CACHE_MAX = 500;

function listPage(db: Db, viewer: Viewer & { locale: Locale; timeZone: string }, list: NonNullable<DeltaRequest["list"]>, seq: number, now: number) {
  // Rows carry the viewer's own mention marks: someone with unseen mentions gets a page of their own.
  const personal = list.section === "mine" || list.section === "teammates" || hasUnseenMentions(db, viewer.id);
  // An agent's Unassigned holds their teams' chats only (issue 13): the teams are part of what the page is.
  const teams = `${list.section === "unassigned" ? (agentTeams(db, viewer)?.join(",") ?? "") : ""}|${list.teamId ?? ""}`;
  const key = `${seq}|${list.section}|${personal ? viewer.id : ""}|${list.status}|${list.pendingOnly ? 1 : 0}|${list.order ?? ""}|${list.cursor ?? ""}|${viewer.locale}|${viewer.timeZone}|${teams}`;
  let listCache = listCaches.get(db.$client);
  if (!listCache) listCaches.set(db.$client, (listCache = new Map()));
  const hit = listCache.get(key);
  if (hit) return hit;
  const page = listSection(db, viewer, { section: list.section, status: list.status, pendingOnly: list.pendingOnly, order: list.order, cursor: list.cursor, teamId: list.teamId ?? null });
  const t = translator(viewer.locale);
  const value = {
    ids: page.rows.map((r) => r.id),
    items: new Map(page.rows.map((r) => [r.id, chatRowItem(r, now, viewer.locale, viewer.timeZone, t)])),
    nextCursor: page.nextCursor,
  };
  if (listCache.size >= LIST_CACHE_MAX) listCache.clear();
  listCache.set(key, value);
  return value;
}

export function liveDelta(db: Db, viewer: Viewer & { locale: Locale; timeZone: string }, req: DeltaRequest, now: number): DeltaAnswer {
  const { latest, changes } = changesSince(db, req.since);
  const forced = Boolean(req.list?.full);
  if (changes !== null && !changes.length && !forced) return { unchanged: true, seq: latest };

  const settings = readSettings(db);
  const base = { unchanged: false as const, seq: latest, intervals: pollIntervals(settings.pollIntervalSeconds) };
  if (changes?.some((c) => c.kind === "structure")) return { ...base, refresh: true };
  // Past the floor, the forgotten changes may include who may see what (a section now hidden, a chat the pane
  // refused now visible), which no delta describes: the page renders again.
  if (changes === null) return { ...base, refresh: true };
  const answer: Extract<DeltaAnswer, { unchanged: false }> = { ...base };

  const counts = liveCounts(db, viewer);
  const fingerprint = countsFingerprint(counts);
  if (fingerprint !== req.counts) answer.counts = { ...counts, fingerprint };

  if (req.list) {
    assertSectionVisible(req.list.section, viewer, settings.sharedInbox);
    const view: ListView = { filter: sectionFilter(req.list.section, viewer), status: req.list.status, pendingOnly: Boolean(req.list.pendingOnly) && req.list.status === "open" };
    if (changes === null || forced || touchesList(view, changes)) {
      const page = listPage(db, viewer, req.list, latest, now);
      const complete = changes === null || forced;
      const changed = complete ? null : new Set(changes.map((c) => c.chatId));
      const rows = page.ids.filter((id) => changed === null || changed.has(id)).map((id) => page.items.get(id)!);
      answer.list = { ids: page.ids, rows, complete, nextCursor: page.nextCursor };
    }
  }

  if (req.chat) {
    const effect = changes === null ? ({ kind: "rerender" } as const) : openChatEffect(req.chat.id, changes);
    if (effect.kind === "rerender") answer.chat = { refresh: true };
    else if (effect.kind === "messages") {
      const chat = findChat(db, req.chat.id);
      // A contact writing again reopens a closed 24-hour window: the composer must replace the templates.
      const reopened = Boolean(chat) && effect.rowChanged && !req.chat.windowOpen && replyWindow(chat!.lastInboundAt, now).open;
      if (!chat || !canSeeChat(viewer, chat, settings.sharedInbox) || reopened) answer.chat = { refresh: true };
      else if (effect.ids.length) {
        const messages = messagesOfChatByIds(db, req.chat.id, effect.ids);
        answer.chat = { messages: messages.map(shownMessage), attachments: attachmentsOfMessages(db, messages.map((m) => m.id)).map(shownAttachment) };
      }
    }
  }

  if (!answer.counts && !answer.list && !answer.chat) return { unchanged: true, seq: latest };
  return answer;
}
