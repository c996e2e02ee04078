import type { ChatState } from "./chat-state";

/**
 * A chat is pending when the customer is waiting for an answer and the chat is Open.
 * A Scheduled chat is deliberately deferred by an agent, so it is not pending even if the last
 * message is the customer's; it counts again once the reminder returns it to Open, or at once
 * when the customer writes (which also returns it to Open).
 */
export function isPending(chat: Pick<ChatState, "status" | "awaitingReply">): boolean {
  return chat.status === "open" && chat.awaitingReply;
}

/** How long the customer of a pending chat has been waiting, in ms; null when not pending. */
export function waitingFor(
  chat: Pick<ChatState, "status" | "awaitingReply" | "waitingSince">,
  now: number,
): number | null {
  if (!isPending(chat) || chat.waitingSince === null) return null;
  return Math.max(0, now - chat.waitingSince);
}
