import { closingFields } from "./chat-lifecycle";
import { transition } from "./chat-transitions";
import { decide, type ChatDecision, type ChatState } from "./chat-state";
import type { CloseReasonRef } from "./system-events";

/**
 * Should the inactivity job close this chat? Null when not (or when the period is null: never).
 *
 * A chat is inactive once nothing has happened for the whole period (>=). The last thing that
 * happened is the latest message, or the opening when there are none — and, for a chat with a
 * reminder, the reminder's time: an agent who scheduled a follow-up in a week has not abandoned the
 * chat, and a reminder that fires only to be closed for inactivity a minute later is useless. So a
 * scheduled chat is never closed before its reminder is due, and not until a full period after it.
 */
export function inactivityDecision(
  chat: ChatState,
  now: number,
  inactivityMs: number | null,
  inactivityReasonId: number,
): ChatDecision | null {
  if (inactivityMs === null || !(inactivityMs > 0)) return null;
  const status = transition(chat.status, "inactivity");
  if (!status) return null;
  if (chat.status === "scheduled" && (chat.remindAt === null || chat.remindAt > now)) return null;

  const lastActivity = Math.max(chat.lastMessageAt ?? chat.openedAt, chat.remindAt ?? -Infinity);
  if (now - lastActivity < inactivityMs) return null;

  const reason: CloseReasonRef = { id: inactivityReasonId, systemKey: "inactivity" };
  return decide(chat, closingFields(reason, null, now), [{ type: "closed", reason, by: null }]);
}
