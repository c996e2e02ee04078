import { closingFields } from "./chat-lifecycle";
import { transition } from "./chat-transitions";
import { decide, newChat, sortAtFor, type ChatDecision, type ChatState } from "./chat-state";
import { badRequest, conflict } from "./errors";
import type { CloseReasonRef, SystemEvent } from "./system-events";
import type { Role } from "./types";

// An unassigned chat is simply given to someone. An assigned chat is never handed over in place:
// it closes (reason "transferred") and a new chat opens for the new assignee, so each chat's
// history and metrics belong to one agent.

export interface AssignTarget {
  id: number;
  name: string;
  active: boolean;
  role: Role;
}

export interface OpenedChat {
  /** Columns for the new row; the service copies contactId and channelId from the old chat. */
  fields: ChatState & { sortAt: number; transferredFromId: number };
  events: SystemEvent[];
}

export type AssignDecision =
  | { type: "assign"; chat: ChatDecision }
  /** Write both in one transaction: the old chat's close and the new chat's insert. */
  | { type: "transfer"; closing: ChatDecision; opening: OpenedChat };

export function assignChat(
  chat: ChatState & { id: number },
  input: {
    target: AssignTarget;
    actorId: number | null;
    now: number;
    /** The id of the close reason whose systemKey is 'transferred'. */
    transferredReasonId: number;
  },
): AssignDecision {
  const { target, actorId, now } = input;
  const previous = chat.assigneeId;
  const status = transition(chat.status, previous === null ? "assign" : "transfer");
  if (!status) throw new Error("assign and transfer are never ignored");
  if (!target.active) {
    throw badRequest(`${target.name} is deactivated and can't be assigned chats.`, { key: "error.assign.inactive", params: { name: target.name } });
  }
  if (previous === target.id) {
    throw conflict(`This chat is already assigned to ${target.name}.`, { key: "error.assign.same", params: { name: target.name } });
  }

  if (previous === null) {
    return {
      type: "assign",
      chat: decide(chat, { assigneeId: target.id }, [
        { type: "assigned", to: target.id, by: actorId },
      ]),
    };
  }

  const transferred: SystemEvent = { type: "transferred", from: previous, to: target.id, by: actorId };
  const reason: CloseReasonRef = { id: input.transferredReasonId, systemKey: "transferred" };
  const closing = decide(chat, closingFields(reason, actorId, now), [
    transferred,
    { type: "closed", reason, by: actorId },
  ]);

  // The conversation continues, so what the customer is waiting for and the reply window carry
  // over. A reminder does not: it was the previous agent's plan, and the new one should see the chat now.
  const opened: ChatState = {
    ...newChat(now, target.id),
    awaitingReply: chat.awaitingReply,
    waitingSince: chat.waitingSince,
    lastInboundAt: chat.lastInboundAt,
    lastOutboundAt: chat.lastOutboundAt,
    lastMessageAt: chat.lastMessageAt,
  };
  return {
    type: "transfer",
    closing,
    opening: {
      fields: { ...opened, sortAt: sortAtFor(opened), transferredFromId: chat.id },
      events: [transferred],
    },
  };
}
