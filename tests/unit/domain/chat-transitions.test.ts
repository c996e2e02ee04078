import { describe, expect, it } from "vitest";
import { assignChat } from "@/server/domain/chat-assignment";
import {
  acknowledgeReminder,
  cancelSchedule,
  closeChat,
  fireReminder,
  receiveInbound,
  recordOutbound,
  scheduleChat,
} from "@/server/domain/chat-lifecycle";
import type { ChatDecision, ChatState } from "@/server/domain/chat-state";
import { CHAT_TRANSITIONS, transition, type ChatEvent } from "@/server/domain/chat-transitions";
import { DomainError } from "@/server/domain/errors";
import { inactivityDecision } from "@/server/domain/inactivity";
import type { ChatStatus } from "@/server/domain/types";
import { closedChat, DAY, HOUR, NOW, openChat, scheduledChat } from "./fixtures";

// Written out independently of CHAT_TRANSITIONS: each cell is what running the event on a chat in
// that status must produce. "unchanged" = the event is accepted and changes nothing.
type Expected = ChatStatus | "unchanged" | "CONFLICT";
const EXPECTED: Record<ChatStatus, Record<ChatEvent, Expected>> = {
  open: {
    inbound: "open",
    outbound: "open",
    close: "closed",
    schedule: "scheduled",
    cancelSchedule: "CONFLICT",
    reminderDue: "unchanged",
    acknowledgeReminder: "open",
    assign: "open",
    transfer: "closed",
    inactivity: "closed",
  },
  scheduled: {
    inbound: "open",
    outbound: "scheduled",
    close: "closed",
    schedule: "scheduled",
    cancelSchedule: "open",
    reminderDue: "open",
    acknowledgeReminder: "unchanged",
    assign: "scheduled",
    transfer: "closed",
    inactivity: "closed",
  },
  closed: {
    inbound: "CONFLICT",
    outbound: "CONFLICT",
    close: "CONFLICT",
    schedule: "CONFLICT",
    cancelSchedule: "CONFLICT",
    reminderDue: "unchanged",
    acknowledgeReminder: "unchanged",
    assign: "CONFLICT",
    transfer: "CONFLICT",
    inactivity: "unchanged",
  },
};

// Chats in each status that pass every time-based guard, so only the status decides.
function fixture(status: ChatStatus, event: ChatEvent): ChatState {
  const assigneeId = event === "transfer" ? 7 : null;
  const old = { lastMessageAt: NOW - 10 * DAY, openedAt: NOW - 11 * DAY, assigneeId };
  if (status === "open") return openChat({ ...old, reminderDue: true, remindNote: "n" });
  if (status === "scheduled") return scheduledChat({ ...old, remindAt: NOW - 5 * DAY });
  return closedChat(old);
}

const target = { id: 9, name: "Bea", active: true, role: "agent" as const };

function run(event: ChatEvent, chat: ChatState): ChatDecision {
  switch (event) {
    case "inbound":
      return receiveInbound(chat, NOW);
    case "outbound":
      return recordOutbound(chat, NOW);
    case "close":
      return closeChat(chat, {
        reason: { id: 3, label: "Resolved", active: true, systemKey: null },
        byUserId: 7,
        at: NOW,
      });
    case "schedule":
      return scheduleChat(chat, { at: NOW + HOUR, note: null, now: NOW });
    case "cancelSchedule":
      return cancelSchedule(chat);
    case "reminderDue":
      return fireReminder(chat, NOW);
    case "acknowledgeReminder":
      return acknowledgeReminder(chat);
    case "assign":
    case "transfer": {
      const decision = assignChat(
        { ...chat, id: 1 },
        { target, actorId: 7, now: NOW, transferredReasonId: 90 },
      );
      return decision.type === "assign" ? decision.chat : decision.closing;
    }
    case "inactivity":
      return (
        inactivityDecision(chat, NOW, DAY, 91) ?? {
          changed: false,
          status: chat.status,
          patch: {},
          events: [],
        }
      );
  }
}

const statuses: ChatStatus[] = ["open", "scheduled", "closed"];
const events = Object.keys(EXPECTED.open) as ChatEvent[];

describe("chat transition table", () => {
  it("covers every status × event", () => {
    for (const status of statuses) {
      expect(Object.keys(CHAT_TRANSITIONS[status]).sort()).toEqual([...events].sort());
    }
  });

  for (const status of statuses) {
    for (const event of events) {
      const expected = EXPECTED[status][event];
      it(`${status} + ${event} → ${expected}`, () => {
        const chat = fixture(status, event);
        if (expected === "CONFLICT") {
          expect(() => run(event, chat)).toThrow(DomainError);
          expect(() => transition(status, event)).toThrow(DomainError);
          try {
            run(event, chat);
          } catch (error) {
            expect((error as DomainError).code).toBe("CONFLICT");
            expect((error as DomainError).message).toMatch(/closed|isn't scheduled/);
          }
          return;
        }
        const decision = run(event, chat);
        if (expected === "unchanged") {
          expect(decision.changed).toBe(false);
          expect(decision.patch).toEqual({});
          expect(decision.events).toEqual([]);
          expect(decision.status).toBe(status);
        } else {
          expect(decision.changed).toBe(true);
          expect(decision.status).toBe(expected);
          if (expected !== status) expect(decision.patch.status).toBe(expected);
          expect(typeof decision.patch.sortAt).toBe("number");
        }
      });
    }
  }
});
