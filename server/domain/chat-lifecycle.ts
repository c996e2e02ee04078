import { transition } from "./chat-transitions";
import {
  decide,
  latest,
  unchanged,
  type ChatDecision,
  type ChatState,
} from "./chat-state";
import { badRequest } from "./errors";
import type { CloseReasonRef } from "./system-events";
import { formatCount, graphemeCount } from "./text";

// One function per event. Each asks CHAT_TRANSITIONS whether the event is allowed in the chat's
// status, then returns the patch and the system messages; the service writes both.

export const REMIND_NOTE_MAX = 500;

export function receiveInbound(chat: ChatState, at: number): ChatDecision {
  const status = transition(chat.status, "inbound");
  if (!status) return unchanged(chat);
  const wasScheduled = chat.status === "scheduled";
  return decide(
    chat,
    {
      status,
      awaitingReply: true,
      waitingSince: chat.waitingSince ?? at,
      lastInboundAt: latest(chat.lastInboundAt, at),
      lastMessageAt: latest(chat.lastMessageAt, at),
      ...(wasScheduled ? { remindAt: null, remindNote: null, reminderDue: false } : {}),
    },
    wasScheduled ? [{ type: "unscheduled", cause: "inbound" }] : [],
  );
}

/**
 * An agent's or a bot's message went out. It answers whatever was waiting, so the chat stops
 * being pending. It does not acknowledge a due reminder: an automatic away message must not make
 * an agent's reminder disappear.
 */
export function recordOutbound(chat: ChatState, at: number): ChatDecision {
  const status = transition(chat.status, "outbound");
  if (!status) return unchanged(chat);
  return decide(chat, {
    status,
    awaitingReply: false,
    waitingSince: null,
    lastOutboundAt: latest(chat.lastOutboundAt, at),
    lastMessageAt: latest(chat.lastMessageAt, at),
  });
}

/** A reason as an agent picks it from the list. */
export interface CloseReasonChoice extends CloseReasonRef {
  label: string;
  active: boolean;
}

export function closeChat(
  chat: ChatState,
  input: { reason: CloseReasonChoice; byUserId: number | null; at: number },
): ChatDecision {
  const status = transition(chat.status, "close");
  if (!status) return unchanged(chat);
  const { reason } = input;
  // The system reasons describe what the system did; an agent choosing one would make reports lie.
  if (reason.systemKey !== null) {
    throw badRequest(`“${reason.label}” is used by the system and can't be chosen when closing a chat.`, {
      key: "error.reason.system",
      params: { label: reason.label },
    });
  }
  if (!reason.active) {
    throw badRequest(`The close reason “${reason.label}” has been archived; choose another one.`, {
      key: "error.reason.archived",
      params: { label: reason.label },
    });
  }
  return decide(chat, closingFields(reason, input.byUserId, input.at), [
    { type: "closed", reason: { id: reason.id, systemKey: null }, by: input.byUserId },
  ]);
}

/** The fields every close writes, whoever closes. Shared with transfer and inactivity. */
export function closingFields(
  reason: CloseReasonRef,
  byUserId: number | null,
  at: number,
): Partial<ChatState> {
  return {
    status: "closed",
    closedAt: at,
    closeReasonId: reason.id,
    closedById: byUserId,
    remindAt: null,
    remindNote: null,
    reminderDue: false,
    awaitingReply: false,
    waitingSince: null,
  };
}

/** Defer a chat until `at`. Rescheduling a scheduled chat replaces its reminder. Never closes. */
export function scheduleChat(
  chat: ChatState,
  input: { at: number; note?: string | null; now: number },
): ChatDecision {
  const status = transition(chat.status, "schedule");
  if (!status) return unchanged(chat);
  const { at, now } = input;
  if (!Number.isFinite(at)) throw badRequest("The reminder time is not a valid date.", { key: "error.remind.invalid" });
  if (at <= now) {
    throw badRequest(
      `The reminder time must be in the future; ${new Date(at).toISOString()} has already passed.`,
      { key: "error.remind.past" },
    );
  }
  const note = input.note?.trim() || null;
  if (note !== null) {
    const length = graphemeCount(note);
    if (length > REMIND_NOTE_MAX) {
      throw badRequest(
        `Reminder notes are limited to ${formatCount(REMIND_NOTE_MAX)} characters; this one has ${formatCount(length)}.`,
        { key: "error.remind.noteLength", params: { max: REMIND_NOTE_MAX, count: length } },
      );
    }
  }
  return decide(chat, { status, remindAt: at, remindNote: note, reminderDue: false }, [
    { type: "scheduled", at },
  ]);
}

export function cancelSchedule(chat: ChatState): ChatDecision {
  const status = transition(chat.status, "cancelSchedule");
  if (!status) return unchanged(chat);
  return decide(chat, { status, remindAt: null, remindNote: null, reminderDue: false }, [
    { type: "unscheduled", cause: "cancelled" },
  ]);
}

/**
 * The reminder job's decision: a scheduled chat whose time has come goes back to Open, flagged.
 * remindAt and the note stay so the agent can see what they meant to do and when; sortAt stops
 * using remindAt once the chat is open. Safe to call repeatedly and on chats that are not due.
 */
export function fireReminder(chat: ChatState, now: number): ChatDecision {
  const status = transition(chat.status, "reminderDue");
  if (!status) return unchanged(chat);
  // A scheduled chat without a time can't come due by itself; treat it as due rather than strand it.
  if (chat.remindAt !== null && chat.remindAt > now) return unchanged(chat);
  return decide(chat, { status, reminderDue: true, remindAt: chat.remindAt ?? now }, [
    { type: "reminder_due" },
  ]);
}

export function acknowledgeReminder(chat: ChatState): ChatDecision {
  const status = transition(chat.status, "acknowledgeReminder");
  if (!status || !chat.reminderDue) return unchanged(chat);
  return decide(chat, { status, reminderDue: false, remindAt: null, remindNote: null });
}
