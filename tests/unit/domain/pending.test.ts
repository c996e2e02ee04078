import { describe, expect, it } from "vitest";
import { isPending, waitingFor } from "@/server/domain/pending";
import { closedChat, HOUR, NOW, openChat, scheduledChat } from "./fixtures";

describe("isPending", () => {
  it("is an open chat awaiting a reply", () => {
    expect(isPending(openChat({ awaitingReply: true }))).toBe(true);
    expect(isPending(openChat({ awaitingReply: false }))).toBe(false);
  });

  it("excludes scheduled chats even when the customer wrote last", () => {
    expect(isPending(scheduledChat({ awaitingReply: true }))).toBe(false);
  });

  it("excludes closed chats", () => {
    expect(isPending(closedChat({ awaitingReply: true }))).toBe(false);
  });
});

describe("waitingFor", () => {
  it("measures from the oldest unanswered message", () => {
    expect(waitingFor(openChat({ awaitingReply: true, waitingSince: NOW - HOUR }), NOW)).toBe(HOUR);
    expect(waitingFor(scheduledChat({ awaitingReply: true, waitingSince: NOW - HOUR }), NOW)).toBeNull();
    expect(waitingFor(openChat({ awaitingReply: false, waitingSince: null }), NOW)).toBeNull();
  });
});
