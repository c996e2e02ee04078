import type { SystemEvent } from "./system-events";
import type { ChatStatus } from "./types";

/** The columns of `chats` the lifecycle rules read and write. Times are unix ms. */
export interface ChatState {
  status: ChatStatus;
  assigneeId: number | null;
  openedAt: number;
  remindAt: number | null;
  remindNote: string | null;
  /** The reminder came due and returned the chat to Open; cleared when an agent acknowledges it. */
  reminderDue: boolean;
  awaitingReply: boolean;
  /** When the oldest unanswered inbound message arrived; null when nothing awaits a reply. */
  waitingSince: number | null;
  lastInboundAt: number | null;
  lastOutboundAt: number | null;
  lastMessageAt: number | null;
  closedAt: number | null;
  closeReasonId: number | null;
  closedById: number | null;
}

/** Columns to write. Whenever it is non-empty it carries the recomputed `sortAt`. */
export type ChatPatch = Partial<ChatState> & { sortAt?: number };

export interface ChatDecision {
  /** False when the event changes nothing (e.g. a reminder job firing twice); patch and events are empty. */
  changed: boolean;
  /** The status after the patch is applied. */
  status: ChatStatus;
  patch: ChatPatch;
  /** System messages to record in this chat, in order. */
  events: SystemEvent[];
}

/** The list order key stored in chats.sortAt: what each section sorts its status by. */
export function sortAtFor(chat: ChatState): number {
  switch (chat.status) {
    case "open":
      return chat.waitingSince ?? chat.lastMessageAt ?? chat.openedAt;
    // remindAt / closedAt are always set in these states; the fallbacks only keep a malformed row sortable.
    case "scheduled":
      return chat.remindAt ?? chat.openedAt;
    case "closed":
      return chat.closedAt ?? chat.lastMessageAt ?? chat.openedAt;
  }
}

/** A chat that has just been opened and has seen no messages yet. */
export function newChat(openedAt: number, assigneeId: number | null = null): ChatState {
  return {
    status: "open",
    assigneeId,
    openedAt,
    remindAt: null,
    remindNote: null,
    reminderDue: false,
    awaitingReply: false,
    waitingSince: null,
    lastInboundAt: null,
    lastOutboundAt: null,
    lastMessageAt: null,
    closedAt: null,
    closeReasonId: null,
    closedById: null,
  };
}

/**
 * A contact's message lands in their active chat; when there is none (never wrote, or the last
 * chat was closed) the service opens a new one. Closed chats are history and never reopen.
 */
export function needsNewChat(chat: Pick<ChatState, "status"> | null | undefined): boolean {
  return !chat || chat.status === "closed";
}

export function applyDecision<T extends ChatState>(chat: T, decision: ChatDecision): T {
  if (!decision.changed) return chat;
  const { sortAt: _sortAt, ...fields } = decision.patch;
  return { ...chat, ...fields };
}

export function unchanged(chat: ChatState): ChatDecision {
  return { changed: false, status: chat.status, patch: {}, events: [] };
}

/** Builds a decision from the fields that change, adding the sortAt of the resulting state. */
export function decide(
  chat: ChatState,
  fields: Partial<ChatState>,
  events: SystemEvent[] = [],
): ChatDecision {
  const next: ChatState = { ...chat, ...fields };
  return {
    changed: true,
    status: next.status,
    patch: { ...fields, sortAt: sortAtFor(next) },
    events,
  };
}

/** Message timestamps come from providers and webhooks can arrive out of order; never move backwards. */
export function latest(current: number | null, at: number): number {
  return current === null ? at : Math.max(current, at);
}
