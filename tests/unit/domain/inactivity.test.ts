import { describe, expect, it } from "vitest";
import { inactivityDecision } from "@/server/domain/inactivity";
import { closedChat, DAY, HOUR, NOW, openChat, scheduledChat } from "./fixtures";

const REASON = 91;

describe("inactivityDecision", () => {
  it("never closes when the period is null (or not positive)", () => {
    const chat = openChat({ lastMessageAt: NOW - 365 * DAY });
    expect(inactivityDecision(chat, NOW, null, REASON)).toBeNull();
    expect(inactivityDecision(chat, NOW, 0, REASON)).toBeNull();
  });

  it("closes an open chat once a full period has passed since the last message", () => {
    expect(inactivityDecision(openChat({ lastMessageAt: NOW - DAY + 1 }), NOW, DAY, REASON)).toBeNull();
    const decision = inactivityDecision(openChat({ lastMessageAt: NOW - DAY }), NOW, DAY, REASON);
    expect(decision?.status).toBe("closed");
    expect(decision?.patch).toMatchObject({
      status: "closed",
      closeReasonId: REASON,
      closedById: null,
      closedAt: NOW,
      awaitingReply: false,
    });
    expect(decision?.events).toEqual([
      { type: "closed", reason: { id: REASON, systemKey: "inactivity" }, by: null },
    ]);
  });

  it("uses the opening time when there are no messages", () => {
    const chat = openChat({ lastMessageAt: null, openedAt: NOW - 2 * DAY });
    expect(inactivityDecision(chat, NOW, DAY, REASON)?.status).toBe("closed");
    expect(inactivityDecision({ ...chat, openedAt: NOW - HOUR }, NOW, DAY, REASON)).toBeNull();
  });

  it("ignores closed chats", () => {
    expect(inactivityDecision(closedChat({ lastMessageAt: 0 }), NOW, DAY, REASON)).toBeNull();
  });

  it("never closes a scheduled chat before its reminder is due", () => {
    const chat = scheduledChat({ lastMessageAt: NOW - 30 * DAY, remindAt: NOW + 1 });
    expect(inactivityDecision(chat, NOW, DAY, REASON)).toBeNull();
  });

  it("closes a scheduled chat only a full period after its reminder came due", () => {
    const chat = scheduledChat({ lastMessageAt: NOW - 30 * DAY, remindAt: NOW - HOUR });
    expect(inactivityDecision(chat, NOW, DAY, REASON)).toBeNull();
    const overdue = { ...chat, remindAt: NOW - DAY };
    expect(inactivityDecision(overdue, NOW, DAY, REASON)?.status).toBe("closed");
    expect(inactivityDecision(overdue, NOW, DAY, REASON)?.patch.remindAt).toBeNull();
  });

  it("gives an open chat whose reminder just fired a full period too", () => {
    const fired = openChat({ lastMessageAt: NOW - 30 * DAY, reminderDue: true, remindAt: NOW - HOUR });
    expect(inactivityDecision(fired, NOW, DAY, REASON)).toBeNull();
    expect(inactivityDecision(fired, NOW + DAY, DAY, REASON)?.status).toBe("closed");
  });

  it("counts recent messages on a scheduled chat as activity", () => {
    const chat = scheduledChat({ lastMessageAt: NOW - HOUR, remindAt: NOW - 2 * DAY });
    expect(inactivityDecision(chat, NOW, DAY, REASON)).toBeNull();
  });
});
