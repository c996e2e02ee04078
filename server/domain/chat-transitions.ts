import { DomainError, type DomainErrorCode } from "./errors";
import type { ChatStatus } from "./types";

// Every status × event pair, in one place. The event functions in chat-lifecycle.ts look their
// status up here before computing a patch, so what is allowed can be read (and tested) without
// reading the code around it. Time-based guards (is the reminder due yet?) stay in those functions.

export type ChatEvent =
  | "inbound"
  | "outbound"
  | "close"
  | "schedule"
  | "cancelSchedule"
  | "reminderDue"
  | "acknowledgeReminder"
  /** Give an unassigned chat to someone; the chat keeps its status. */
  | "assign"
  /** Move an assigned chat to someone else: this chat closes and a new one opens for them. */
  | "transfer"
  | "inactivity";

export interface Refusal {
  refuse: DomainErrorCode;
  message: string;
}

/** A next status; "ignore" when the event is harmless and changes nothing (idempotent jobs); or a refusal. */
export type Transition = ChatStatus | "ignore" | Refusal;

const refuse = (code: DomainErrorCode, message: string): Refusal => ({ refuse: code, message });

export const CHAT_TRANSITIONS = {
  open: {
    inbound: "open",
    outbound: "open",
    close: "closed",
    schedule: "scheduled",
    cancelSchedule: refuse("CONFLICT", "This chat isn't scheduled, so there is no reminder to cancel."),
    reminderDue: "ignore",
    acknowledgeReminder: "open",
    assign: "open",
    transfer: "closed",
    inactivity: "closed",
  },
  scheduled: {
    // A customer writing is more urgent than any reminder an agent set.
    inbound: "open",
    outbound: "scheduled",
    close: "closed",
    schedule: "scheduled",
    cancelSchedule: "open",
    reminderDue: "open",
    acknowledgeReminder: "ignore",
    assign: "scheduled",
    transfer: "closed",
    inactivity: "closed",
  },
  closed: {
    inbound: refuse(
      "CONFLICT",
      "This chat is closed; a new message from the contact starts a new chat instead.",
    ),
    outbound: refuse(
      "CONFLICT",
      "This chat is closed; start a new chat with the contact to send another message.",
    ),
    close: refuse("CONFLICT", "This chat is already closed."),
    schedule: refuse("CONFLICT", "This chat is closed, so it can't be scheduled."),
    cancelSchedule: refuse("CONFLICT", "This chat is closed, so there is no reminder to cancel."),
    // The reminder and inactivity jobs can race with an agent closing the chat; losing that race is fine.
    reminderDue: "ignore",
    acknowledgeReminder: "ignore",
    assign: refuse("CONFLICT", "This chat is closed, so it can't be assigned."),
    transfer: refuse("CONFLICT", "This chat is closed, so it can't be transferred."),
    inactivity: "ignore",
  },
} as const satisfies Record<ChatStatus, Record<ChatEvent, Transition>>;

/** The next status for `event`, null when the event is to be ignored; throws the refusal. */
export function transition(status: ChatStatus, event: ChatEvent): ChatStatus | null {
  const outcome: Transition = CHAT_TRANSITIONS[status][event];
  if (outcome === "ignore") return null;
  if (typeof outcome === "object") {
    throw new DomainError(outcome.refuse, outcome.message, { key: `error.transition.${status}.${event}` });
  }
  return outcome;
}
