import { describe, expect, it } from "vitest";
import { assignChat, type AssignTarget } from "@/server/domain/chat-assignment";
import type { ChatState } from "@/server/domain/chat-state";
import { closedChat, expectDomainError, HOUR, NOW, openChat, scheduledChat } from "./fixtures";

const bea: AssignTarget = { id: 9, name: "Bea", active: true, role: "agent" };
const input = { target: bea, actorId: 1, now: NOW, transferredReasonId: 90 };
const withId = (chat: ChatState) => ({ ...chat, id: 55 });

describe("assignChat on an unassigned chat", () => {
  it("assigns in place and closes nothing", () => {
    const decision = assignChat(withId(openChat({ assigneeId: null })), input);
    expect(decision.type).toBe("assign");
    if (decision.type !== "assign") return;
    expect(decision.chat.status).toBe("open");
    expect(decision.chat.patch).toMatchObject({ assigneeId: 9 });
    expect(decision.chat.patch).not.toHaveProperty("status");
    expect(decision.chat.patch).not.toHaveProperty("closedAt");
    expect(decision.chat.events).toEqual([{ type: "assigned", to: 9, by: 1 }]);
  });

  it("keeps a scheduled chat scheduled", () => {
    const decision = assignChat(withId(scheduledChat({ assigneeId: null })), input);
    expect(decision.type === "assign" && decision.chat.status).toBe("scheduled");
  });
});

describe("assignChat on an assigned chat (transfer)", () => {
  const chat = withId(
    openChat({
      assigneeId: 4,
      awaitingReply: true,
      waitingSince: NOW - 2 * HOUR,
      lastInboundAt: NOW - HOUR,
      lastOutboundAt: NOW - 3 * HOUR,
      lastMessageAt: NOW - HOUR,
      reminderDue: true,
      remindNote: "n",
    }),
  );
  const decision = assignChat(chat, input);

  it("closes the old chat with the system reason 'transferred'", () => {
    expect(decision.type).toBe("transfer");
    if (decision.type !== "transfer") return;
    expect(decision.closing.status).toBe("closed");
    expect(decision.closing.patch).toMatchObject({
      status: "closed",
      closeReasonId: 90,
      closedById: 1,
      closedAt: NOW,
      awaitingReply: false,
      sortAt: NOW,
    });
    expect(decision.closing.events).toEqual([
      { type: "transferred", from: 4, to: 9, by: 1 },
      { type: "closed", reason: { id: 90, systemKey: "transferred" }, by: 1 },
    ]);
  });

  it("opens a linked chat for the new assignee carrying the conversation over", () => {
    if (decision.type !== "transfer") throw new Error("expected a transfer");
    expect(decision.opening.fields).toEqual({
      status: "open",
      assigneeId: 9,
      openedAt: NOW,
      remindAt: null,
      remindNote: null,
      reminderDue: false,
      awaitingReply: true,
      waitingSince: NOW - 2 * HOUR,
      lastInboundAt: NOW - HOUR,
      lastOutboundAt: NOW - 3 * HOUR,
      lastMessageAt: NOW - HOUR,
      closedAt: null,
      closeReasonId: null,
      closedById: null,
      sortAt: NOW - 2 * HOUR,
      transferredFromId: 55,
    });
    expect(decision.opening.events).toEqual([{ type: "transferred", from: 4, to: 9, by: 1 }]);
  });

  it("opens the new chat even when the old one was scheduled", () => {
    const scheduled = assignChat(withId(scheduledChat({ assigneeId: 4 })), input);
    if (scheduled.type !== "transfer") throw new Error("expected a transfer");
    expect(scheduled.closing.patch.remindAt).toBeNull();
    expect(scheduled.opening.fields.status).toBe("open");
    expect(scheduled.opening.fields.remindAt).toBeNull();
  });
});

describe("assignChat refusals", () => {
  it("refuses a deactivated target", () => {
    expectDomainError(
      () => assignChat(withId(openChat()), { ...input, target: { ...bea, active: false } }),
      "BAD_REQUEST",
      "Bea is deactivated and can't be assigned chats.",
    );
  });

  it("refuses the current assignee", () => {
    expectDomainError(
      () => assignChat(withId(openChat({ assigneeId: 9 })), input),
      "CONFLICT",
      "This chat is already assigned to Bea.",
    );
  });

  it("refuses closed chats, assigned or not", () => {
    expectDomainError(() => assignChat(withId(closedChat({ assigneeId: null })), input), "CONFLICT", /closed/);
    expectDomainError(() => assignChat(withId(closedChat({ assigneeId: 4 })), input), "CONFLICT", /closed/);
  });
});
