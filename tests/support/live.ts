import { applyDelta, type LiveState } from "@/app/(app)/inbox/_live/live-state";
import type { Db } from "@/db/client";
import { replyWindow, type Section } from "@/server/domain";
import { isDomainError } from "@/server/domain/errors";
import { translator, type Locale } from "@/server/i18n/locale";
import type { ListOrder, ListStatus } from "@/server/repositories/inbox";
import { chatView } from "@/server/services/chat-view";
import { listSection } from "@/server/services/inbox";
import { chatRowItem } from "@/server/services/inbox-items";
import { countsFingerprint, currentSeq, liveCounts, liveDelta, type DeltaAnswer, type DeltaRequest } from "@/server/services/live-delta";
import type { PublicUser } from "@/server/services/users";

// An open inbox tab as the live updates see it: rendered the way the page renders it, polled and patched
// the way the browser does (applyDelta with its followups), and compared with a fresh render.

export interface ListView {
  section: Section;
  status: ListStatus;
  pendingOnly?: boolean;
  order?: ListOrder;
  cursor?: string | null;
}

/** What the URL of a tab says: the list it shows and the chat open beside it. */
export interface Screen {
  user: PublicUser;
  locale: Locale;
  list: ListView | null;
  chatId: number | null;
}

export interface Rendered {
  state: LiveState;
  /** Whether the pane offers the composer as far as the 24-hour window goes; the poll sends it. */
  windowOpen: boolean;
  /** The section the page fell back to when the URL's is hidden from the viewer (as page.tsx does). */
  list: ListView | null;
}

const viewerOf = (screen: Screen) => ({ ...screen.user, locale: screen.locale });

/** A page render: the sequence number first, then everything it shows. */
export function renderScreen(db: Db, screen: Screen, now: number): Rendered {
  const seq = currentSeq(db);
  const counts = liveCounts(db, screen.user);
  let list: ListView | null = screen.list;
  if (list && !counts.sections.includes(list.section)) list = { ...list, section: "mine" };
  let listState: LiveState["list"] = null;
  if (list) {
    const page = listSection(db, screen.user, list);
    const t = translator(screen.locale);
    listState = {
      ids: page.rows.map((r) => r.id),
      rows: Object.fromEntries(page.rows.map((r) => [r.id, chatRowItem(r, now, screen.locale, screen.user.timeZone, t)])),
      nextCursor: page.nextCursor,
    };
  }
  let chat: LiveState["chat"] = null;
  let windowOpen = false;
  if (screen.chatId !== null) {
    try {
      const view = chatView(db, screen.user, screen.chatId, { limit: 1000 });
      chat = { id: view.chat.id, messages: view.messages, attachments: view.attachments };
      // As page.tsx: a closed chat offers templates whatever the window, so only an open one's window counts.
      windowOpen = view.chat.status === "closed" || view.channel.type === "webchat" || replyWindow(view.chat.lastInboundAt, now).open;
    } catch (err) {
      // The page shows why in the pane (a refused or vanished chat) and patches nothing there.
      if (!isDomainError(err) || (err.code !== "FORBIDDEN" && err.code !== "NOT_FOUND")) throw err;
    }
  }
  return { state: { seq, counts: { ...counts, fingerprint: countsFingerprint(counts) }, list: listState, chat }, windowOpen, list };
}

export function deltaRequest(list: ListView | null, rendered: Pick<Rendered, "state" | "windowOpen">, full = false): DeltaRequest & { locale?: Locale } {
  const { state } = rendered;
  return {
    since: state.seq,
    ...(list ? { list: { ...list, ...(full ? { full: true } : {}) } } : {}),
    ...(state.chat ? { chat: { id: state.chat.id, windowOpen: rendered.windowOpen } } : {}),
    counts: state.counts.fingerprint,
  };
}

/** One browser tab: its screen, its patched state, and the answers it polled. */
export class LiveTab {
  rendered: Rendered;
  refreshes = 0;
  listFetches = 0;

  constructor(
    readonly screen: Screen,
    db: Db,
    readonly now: number,
  ) {
    this.rendered = renderScreen(db, screen, now);
    this.screen.list = this.rendered.list;
  }

  get state(): LiveState {
    return this.rendered.state;
  }

  request(full = false): DeltaRequest {
    return deltaRequest(this.screen.list, this.rendered, full);
  }

  poll(db: Db, full = false): DeltaAnswer {
    return liveDelta(db, viewerOf(this.screen), this.request(full), this.now);
  }

  render(db: Db): void {
    this.rendered = renderScreen(db, this.screen, this.now);
    this.screen.list = this.rendered.list;
  }

  /**
   * Applies an answer as the browser does: patch, then render again or fetch the whole list when asked.
   * `loseListFetch`: the answer to that fetch never arrives (the browser tries again on its next poll).
   */
  apply(db: Db, answer: DeltaAnswer, opts: { loseListFetch?: boolean } = {}, depth = 0): void {
    const { state, followups } = applyDelta(this.rendered.state, answer);
    this.rendered = { ...this.rendered, state };
    if (followups.refresh) {
      this.refreshes += 1;
      this.render(db);
    } else if (followups.fetchList) {
      if (depth > 3) throw new Error("fetchList keeps asking for the list again");
      this.listFetches += 1;
      const whole = this.poll(db, true);
      if (!opts.loseListFetch) this.apply(db, whole, opts, depth + 1);
    }
  }

  /** Polls and applies the answer. */
  sync(db: Db): DeltaAnswer {
    const answer = this.poll(db);
    this.apply(db, answer);
    return answer;
  }
}

/**
 * What a tab shows, for comparing a patched state with a fresh render: counters, the list's rows in order,
 * the open chat's messages and files as the pane displays them (the delivery bookkeeping the pane does not
 * show, such as attempts and leases, is left out), and whether the composer is offered.
 */
export function shown(rendered: Rendered) {
  const { state } = rendered;
  return {
    seq: state.seq,
    counts: state.counts,
    list: state.list && { rows: state.list.ids.map((id) => state.list!.rows[id] ?? { missing: id }), nextCursor: state.list.nextCursor },
    chat: state.chat && {
      id: state.chat.id,
      windowOpen: rendered.windowOpen,
      messages: state.chat.messages.map((m) => ({
        id: m.id,
        direction: m.direction,
        authorKind: m.authorKind,
        authorId: m.authorId,
        kind: m.kind,
        body: m.body,
        payload: m.payload,
        status: m.status,
        statusReason: m.statusReason,
        createdAt: m.createdAt,
        deletedAt: m.deletedAt,
      })),
      attachments: [...state.chat.attachments]
        .sort((a, b) => a.id - b.id)
        .map((a) => ({ id: a.id, messageId: a.messageId, fileName: a.fileName, mimeType: a.mimeType, size: a.size, status: a.status })),
    },
  };
}
