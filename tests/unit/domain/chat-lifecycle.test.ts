import { describe, expect, it } from "vitest";
import {
  acknowledgeReminder,
  cancelSchedule,
  closeChat,
  fireReminder,
  receiveInbound,
  recordOutbound,
  REMIND_NOTE_MAX,
  scheduleChat,
} from "@/server/domain/chat-lifecycle";
import {
  applyDecision,
  needsNewChat,
  newChat,
  sortAtFor,
} from "@/server/domain/chat-state";
import { closedChat, DAY, expectDomainError, HOUR, MINUTE, NOW, openChat, scheduledChat } from "./fixtures";

const resolved = { id: 3, label: "Resolved", active: true, systemKey: null };

describe("receiveInbound", () => {
  it("keeps an open chat open and marks it awaiting a reply", () => {
    const chat = openChat({ awaitingReply: false, waitingSince: null, lastInboundAt: NOW - DAY });
    const decision = receiveInbound(chat, NOW);
    expect(decision.status).toBe("open");
    expect(decision.patch).toMatchObject({
      status: "open",
      awaitingReply: true,
      waitingSince: NOW,
      lastInboundAt: NOW,
      lastMessageAt: NOW,
      sortAt: NOW,
    });
    expect(decision.events).toEqual([]);
  });

  it("keeps waitingSince at the oldest unanswered message", () => {
    const chat = openChat({ awaitingReply: true, waitingSince: NOW - 2 * HOUR });
    const decision = receiveInbound(chat, NOW);
    expect(decision.patch.waitingSince).toBe(NOW - 2 * HOUR);
    expect(decision.patch.sortAt).toBe(NOW - 2 * HOUR);
  });

  it("returns a scheduled chat to Open at once and clears the reminder", () => {
    const chat = scheduledChat({ remindAt: NOW + DAY, remindNote: "call back" });
    const decision = receiveInbound(chat, NOW);
    expect(decision.status).toBe("open");
    expect(decision.patch).toMatchObject({
      status: "open",
      remindAt: null,
      remindNote: null,
      reminderDue: false,
      awaitingReply: true,
      waitingSince: NOW,
    });
    expect(decision.events).toEqual([{ type: "unscheduled", cause: "inbound" }]);
  });

  it("leaves a due reminder on an open chat for the agent to acknowledge", () => {
    const chat = openChat({ reminderDue: true, remindNote: "n", remindAt: NOW - HOUR });
    const decision = receiveInbound(chat, NOW);
    expect(decision.patch).not.toHaveProperty("reminderDue");
    expect(applyDecision(chat, decision).reminderDue).toBe(true);
  });

  it("never moves lastInboundAt backwards when a webhook arrives late", () => {
    const chat = openChat({ lastInboundAt: NOW, lastMessageAt: NOW });
    const decision = receiveInbound(chat, NOW - MINUTE);
    expect(decision.patch.lastInboundAt).toBe(NOW);
    expect(decision.patch.lastMessageAt).toBe(NOW);
  });

  it("is refused on a closed chat, which needs a new chat instead", () => {
    expectDomainError(() => receiveInbound(closedChat(), NOW), "CONFLICT", /new chat/);
    expect(needsNewChat(closedChat())).toBe(true);
    expect(needsNewChat(null)).toBe(true);
    expect(needsNewChat(undefined)).toBe(true);
    expect(needsNewChat(openChat())).toBe(false);
    expect(needsNewChat(scheduledChat())).toBe(false);
  });
});

describe("recordOutbound", () => {
  it("answers the waiting customer", () => {
    const chat = openChat({ awaitingReply: true, waitingSince: NOW - HOUR, lastMessageAt: NOW - HOUR });
    const decision = recordOutbound(chat, NOW);
    expect(decision.patch).toMatchObject({
      status: "open",
      awaitingReply: false,
      waitingSince: null,
      lastOutboundAt: NOW,
      lastMessageAt: NOW,
      sortAt: NOW,
    });
  });

  it("keeps a scheduled chat scheduled and its order key on the reminder", () => {
    const chat = scheduledChat({ awaitingReply: true, waitingSince: NOW - HOUR });
    const decision = recordOutbound(chat, NOW);
    expect(decision.status).toBe("scheduled");
    expect(decision.patch.awaitingReply).toBe(false);
    expect(decision.patch.sortAt).toBe(chat.remindAt);
  });

  it("does not acknowledge a due reminder", () => {
    const chat = openChat({ reminderDue: true });
    expect(applyDecision(chat, recordOutbound(chat, NOW)).reminderDue).toBe(true);
  });

  it("is refused on a closed chat", () => {
    expectDomainError(() => recordOutbound(closedChat(), NOW), "CONFLICT", /^This chat is closed;/);
  });
});

describe("closeChat", () => {
  it("closes an open chat and clears what was pending", () => {
    const chat = openChat({ assigneeId: 7, reminderDue: true, remindNote: "x", remindAt: NOW - HOUR });
    const decision = closeChat(chat, { reason: resolved, byUserId: 7, at: NOW });
    expect(decision.status).toBe("closed");
    expect(decision.patch).toEqual({
      status: "closed",
      closedAt: NOW,
      closeReasonId: 3,
      closedById: 7,
      remindAt: null,
      remindNote: null,
      reminderDue: false,
      awaitingReply: false,
      waitingSince: null,
      sortAt: NOW,
    });
    expect(decision.events).toEqual([
      { type: "closed", reason: { id: 3, systemKey: null }, by: 7 },
    ]);
  });

  it("closes a scheduled chat and drops its reminder", () => {
    const decision = closeChat(scheduledChat(), { reason: resolved, byUserId: null, at: NOW });
    expect(decision.patch).toMatchObject({ status: "closed", remindAt: null, closedById: null });
  });

  it("refuses to close twice", () => {
    expectDomainError(
      () => closeChat(closedChat(), { reason: resolved, byUserId: 7, at: NOW }),
      "CONFLICT",
      "This chat is already closed.",
    );
  });

  it("refuses system and archived reasons", () => {
    expectDomainError(
      () =>
        closeChat(openChat(), {
          reason: { id: 1, label: "Transferred", active: true, systemKey: "transferred" },
          byUserId: 7,
          at: NOW,
        }),
      "BAD_REQUEST",
      /“Transferred” is used by the system/,
    );
    expectDomainError(
      () =>
        closeChat(openChat(), {
          reason: { id: 4, label: "Spam", active: false, systemKey: null },
          byUserId: 7,
          at: NOW,
        }),
      "BAD_REQUEST",
      /“Spam” has been archived/,
    );
  });
});

describe("scheduleChat", () => {
  it("schedules an open chat with a trimmed note", () => {
    const chat = openChat({ reminderDue: true });
    const at = NOW + 2 * HOUR;
    const decision = scheduleChat(chat, { at, note: "  follow up  ", now: NOW });
    expect(decision.patch).toEqual({
      status: "scheduled",
      remindAt: at,
      remindNote: "follow up",
      reminderDue: false,
      sortAt: at,
    });
    expect(decision.events).toEqual([{ type: "scheduled", at }]);
  });

  it("reschedules a scheduled chat", () => {
    const decision = scheduleChat(scheduledChat(), { at: NOW + 3 * DAY, note: "", now: NOW });
    expect(decision.status).toBe("scheduled");
    expect(decision.patch.remindAt).toBe(NOW + 3 * DAY);
    expect(decision.patch.remindNote).toBeNull();
  });

  it("never closes and keeps awaitingReply as it was", () => {
    const decision = scheduleChat(openChat({ awaitingReply: true }), { at: NOW + 1, now: NOW });
    expect(decision.status).toBe("scheduled");
    expect(decision.patch).not.toHaveProperty("awaitingReply");
    expect(decision.patch).not.toHaveProperty("closedAt");
  });

  it("requires a time strictly in the future", () => {
    expectDomainError(
      () => scheduleChat(openChat(), { at: NOW, now: NOW }),
      "BAD_REQUEST",
      `The reminder time must be in the future; ${new Date(NOW).toISOString()} has already passed.`,
    );
    expectDomainError(() => scheduleChat(openChat(), { at: NOW - 1, now: NOW }), "BAD_REQUEST");
    expectDomainError(() => scheduleChat(openChat(), { at: Number.NaN, now: NOW }), "BAD_REQUEST");
    expect(scheduleChat(openChat(), { at: NOW + 1, now: NOW }).changed).toBe(true);
  });

  it("limits the note to 500 characters as people count them", () => {
    const at = NOW + HOUR;
    expect(scheduleChat(openChat(), { at, now: NOW, note: "👍🏽".repeat(REMIND_NOTE_MAX) }).changed).toBe(true);
    expectDomainError(
      () => scheduleChat(openChat(), { at, now: NOW, note: "a".repeat(501) }),
      "BAD_REQUEST",
      "Reminder notes are limited to 500 characters; this one has 501.",
    );
  });

  it("is refused on a closed chat", () => {
    expectDomainError(() => scheduleChat(closedChat(), { at: NOW + HOUR, now: NOW }), "CONFLICT");
  });
});

describe("cancelSchedule", () => {
  it("returns a scheduled chat to open without its reminder", () => {
    const chat = scheduledChat({ awaitingReply: true, waitingSince: NOW - HOUR });
    const decision = cancelSchedule(chat);
    expect(decision.patch).toEqual({
      status: "open",
      remindAt: null,
      remindNote: null,
      reminderDue: false,
      sortAt: NOW - HOUR,
    });
    expect(decision.events).toEqual([{ type: "unscheduled", cause: "cancelled" }]);
  });

  it("is refused when the chat isn't scheduled", () => {
    expectDomainError(() => cancelSchedule(openChat()), "CONFLICT", /isn't scheduled/);
    expectDomainError(() => cancelSchedule(closedChat()), "CONFLICT", /closed/);
  });
});

describe("fireReminder", () => {
  it("returns a due scheduled chat to Open, flagged, keeping the note and time", () => {
    const chat = scheduledChat({ remindAt: NOW, remindNote: "call back" });
    const decision = fireReminder(chat, NOW);
    expect(decision.patch).toMatchObject({ status: "open", reminderDue: true, remindAt: NOW });
    expect(decision.patch).not.toHaveProperty("remindNote");
    expect(decision.events).toEqual([{ type: "reminder_due" }]);
    const after = applyDecision(chat, decision);
    expect(after.remindNote).toBe("call back");
    // Open chats sort by waiting time, not by the reminder.
    expect(decision.patch.sortAt).toBe(sortAtFor(after));
    expect(decision.patch.sortAt).toBe(chat.lastMessageAt);
  });

  it("does nothing before the reminder is due", () => {
    const decision = fireReminder(scheduledChat({ remindAt: NOW + 1 }), NOW);
    expect(decision.changed).toBe(false);
  });

  it("is idempotent", () => {
    const chat = scheduledChat({ remindAt: NOW - MINUTE });
    const once = applyDecision(chat, fireReminder(chat, NOW));
    const twice = fireReminder(once, NOW + MINUTE);
    expect(once.status).toBe("open");
    expect(twice.changed).toBe(false);
    expect(applyDecision(once, twice)).toEqual(once);
  });

  it("ignores closed chats", () => {
    expect(fireReminder(closedChat(), NOW).changed).toBe(false);
  });

  it("treats a scheduled chat without a time as due rather than leaving it stuck", () => {
    const decision = fireReminder(scheduledChat({ remindAt: null }), NOW);
    expect(decision.patch).toMatchObject({ status: "open", reminderDue: true, remindAt: NOW });
  });
});

describe("acknowledgeReminder", () => {
  it("clears the flag and the reminder", () => {
    const chat = openChat({ reminderDue: true, remindAt: NOW - HOUR, remindNote: "n" });
    const decision = acknowledgeReminder(chat);
    expect(decision.patch).toMatchObject({ reminderDue: false, remindAt: null, remindNote: null });
    expect(decision.status).toBe("open");
  });

  it("does nothing when there is nothing to acknowledge", () => {
    expect(acknowledgeReminder(openChat({ reminderDue: false })).changed).toBe(false);
    expect(acknowledgeReminder(scheduledChat()).changed).toBe(false);
    expect(acknowledgeReminder(closedChat()).changed).toBe(false);
  });
});

describe("sortAtFor", () => {
  it("orders open chats by waiting time, then last message, then opening", () => {
    expect(sortAtFor(openChat({ waitingSince: 5, lastMessageAt: 6, openedAt: 1 }))).toBe(5);
    expect(sortAtFor(openChat({ waitingSince: null, lastMessageAt: 6, openedAt: 1 }))).toBe(6);
    expect(sortAtFor(openChat({ waitingSince: null, lastMessageAt: null, openedAt: 1 }))).toBe(1);
  });

  it("orders scheduled chats by reminder and closed chats by close time", () => {
    expect(sortAtFor(scheduledChat({ remindAt: 42, waitingSince: 5 }))).toBe(42);
    expect(sortAtFor(closedChat({ closedAt: 77, lastMessageAt: 6 }))).toBe(77);
  });
});

describe("newChat and a full conversation", () => {
  it("goes from first message to close with consistent state", () => {
    let chat = newChat(NOW, null);
    expect(sortAtFor(chat)).toBe(NOW);
    chat = applyDecision(chat, receiveInbound(chat, NOW + 1));
    chat = applyDecision(chat, receiveInbound(chat, NOW + 2));
    expect(chat).toMatchObject({ awaitingReply: true, waitingSince: NOW + 1, lastInboundAt: NOW + 2 });
    chat = applyDecision(chat, recordOutbound(chat, NOW + 3));
    chat = applyDecision(chat, scheduleChat(chat, { at: NOW + DAY, now: NOW + 4 }));
    chat = applyDecision(chat, fireReminder(chat, NOW + DAY));
    expect(chat).toMatchObject({ status: "open", reminderDue: true, awaitingReply: false });
    chat = applyDecision(chat, closeChat(chat, { reason: resolved, byUserId: 2, at: NOW + DAY + 5 }));
    expect(chat).toMatchObject({ status: "closed", closedAt: NOW + DAY + 5, reminderDue: false });
  });
});
