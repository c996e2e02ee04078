import { closingFields } from "../chat-lifecycle";
import { decide, unchanged, type ChatDecision, type ChatState } from "../chat-state";
import { transition } from "../chat-transitions";
import type { CloseReasonRef } from "../system-events";
import type { BotAnswer } from "./engine";

// What the bot's outcomes do to the chat, as lifecycle decisions the service writes like any other.

const HOUR_MS = 3_600_000;

/**
 * The bot greets a chat that has just opened and nobody owns: a contact new to us, or one back after the
 * channel's "returning after N hours" (never for a contact writing again within that time).
 */
export function botStarts(input: { openedChat: boolean; assigneeId: number | null; previousActivityAt: number | null; returningAfterHours: number | null }, now: number): boolean {
  if (!input.openedChat || input.assigneeId !== null) return false;
  if (input.previousActivityAt === null) return true;
  return input.returningAfterHours !== null && now - input.previousActivityAt >= input.returningAfterHours * HOUR_MS;
}

/**
 * Handing the chat to people: it waits for a reply again (pending for agents) since the contact's latest
 * message, though the bot's own messages answered it meanwhile.
 */
export function handOffDecision(chat: ChatState, at: number): ChatDecision {
  if (chat.status !== "open") return unchanged(chat);
  return decide(chat, { awaitingReply: true, waitingSince: chat.waitingSince ?? chat.lastInboundAt ?? at });
}

/** The bot closes the chat (a close step, or no reply), by nobody, with the reason given. */
export function botCloseDecision(chat: ChatState, reason: CloseReasonRef, at: number): ChatDecision {
  const status = transition(chat.status, "close");
  if (!status) return unchanged(chat);
  return decide(chat, closingFields(reason, null, at), [{ type: "closed", reason, by: null }]);
}

/** The note agents read on hand-off: each answer under what was asked. */
export function handoffNoteText(heading: string, answers: readonly BotAnswer[], noAnswers: string): string {
  const lines = answers.map((a) => `• ${oneLine(a.question)}: ${oneLine(a.value)}`);
  return [heading, ...(lines.length ? lines : [noAnswers])].join("\n");
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}
