import type { ChatState } from "@/server/domain/chat-state";
import { DomainError, type DomainErrorCode } from "@/server/domain/errors";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

export function openChat(overrides: Partial<ChatState> = {}): ChatState {
  return {
    status: "open",
    assigneeId: null,
    openedAt: NOW - 3 * HOUR,
    remindAt: null,
    remindNote: null,
    reminderDue: false,
    awaitingReply: true,
    waitingSince: NOW - 2 * HOUR,
    lastInboundAt: NOW - HOUR,
    lastOutboundAt: null,
    lastMessageAt: NOW - HOUR,
    closedAt: null,
    closeReasonId: null,
    closedById: null,
    ...overrides,
  };
}

export function scheduledChat(overrides: Partial<ChatState> = {}): ChatState {
  return openChat({
    status: "scheduled",
    awaitingReply: false,
    waitingSince: null,
    lastOutboundAt: NOW - HOUR,
    remindAt: NOW + DAY,
    remindNote: "Call back about the invoice",
    ...overrides,
  });
}

export function closedChat(overrides: Partial<ChatState> = {}): ChatState {
  return openChat({
    status: "closed",
    awaitingReply: false,
    waitingSince: null,
    closedAt: NOW - 30 * MINUTE,
    closeReasonId: 1,
    closedById: 7,
    ...overrides,
  });
}

/** Runs fn and returns the DomainError it throws; fails the test when it doesn't throw one. */
export function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw new Error(`Expected a DomainError, got ${String(error)}`);
  }
  throw new Error("Expected a DomainError, but nothing was thrown");
}

export function expectDomainError(
  fn: () => unknown,
  code: DomainErrorCode,
  message?: string | RegExp,
): DomainError {
  const error = domainErrorOf(fn);
  if (error.code !== code) {
    throw new Error(`Expected ${code}, got ${error.code}: ${error.message}`);
  }
  if (message !== undefined) {
    const ok = typeof message === "string" ? error.message === message : message.test(error.message);
    if (!ok) throw new Error(`Unexpected message: ${error.message}`);
  }
  return error;
}
