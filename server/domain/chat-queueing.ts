import { closingFields } from "./chat-lifecycle";
import { transition } from "./chat-transitions";
import { decide, newChat, sortAtFor, type ChatDecision, type ChatState } from "./chat-state";
import { conflict } from "./errors";
import type { SystemEvent } from "./system-events";

// Assign → a team: the chat goes back to that team's queue. Like a transfer to a person, an assigned chat is
// not emptied in place: it closes as "Transferred" and a new unassigned chat opens in the team, carrying what
// the customer waits for; an unassigned chat simply changes queue.

export type QueueDecision =
  | { type: "requeue"; chat: ChatDecision }
  | { type: "transfer"; closing: ChatDecision; opening: { fields: ChatState & { sortAt: number; transferredFromId: number }; events: SystemEvent[] } };

export function queueChat(
  chat: ChatState & { id: number; teamId: number | null },
  input: { teamId: number; teamName: string; actorId: number; now: number; transferredReasonId: number },
): QueueDecision {
  const { teamId, actorId, now } = input;
  const status = transition(chat.status, chat.assigneeId === null ? "assign" : "transfer");
  if (!status) throw new Error("assign and transfer are never ignored");
  const queued: SystemEvent = { type: "queued", teamId, teamName: input.teamName, by: actorId };
  if (chat.assigneeId === null) {
    if (chat.teamId === teamId) {
      throw conflict(`This chat is already waiting in ${input.teamName}'s queue.`, { key: "error.queue.same", params: { name: input.teamName } });
    }
    return { type: "requeue", chat: decide(chat, {}, [queued]) };
  }
  const closing = decide(chat, closingFields({ id: input.transferredReasonId, systemKey: "transferred" }, actorId, now), [
    queued,
    { type: "closed", reason: { id: input.transferredReasonId, systemKey: "transferred" }, by: actorId },
  ]);
  const opened: ChatState = {
    ...newChat(now, null),
    awaitingReply: chat.awaitingReply,
    waitingSince: chat.waitingSince,
    lastInboundAt: chat.lastInboundAt,
    lastOutboundAt: chat.lastOutboundAt,
    lastMessageAt: chat.lastMessageAt,
  };
  return { type: "transfer", closing, opening: { fields: { ...opened, sortAt: sortAtFor(opened), transferredFromId: chat.id }, events: [queued] } };
}
