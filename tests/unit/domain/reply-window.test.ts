import { describe, expect, it } from "vitest";
import { assertCanSendFreeText, REPLY_WINDOW_MS, replyWindow } from "@/server/domain/reply-window";
import type { ChannelRef, OutboundKind } from "@/server/domain/types";
import { expectDomainError, HOUR, NOW } from "./fixtures";

const LAST = NOW - 30 * HOUR;
const CLOSES = LAST + 24 * HOUR;

describe("replyWindow", () => {
  it("is 24 hours", () => {
    expect(REPLY_WINDOW_MS).toBe(86_400_000);
  });

  it("is open 1 ms before 24 h and closed at exactly 24 h and after", () => {
    expect(replyWindow(LAST, CLOSES - 1)).toEqual({ open: true, closesAt: CLOSES });
    expect(replyWindow(LAST, CLOSES)).toEqual({ open: false, closesAt: CLOSES });
    expect(replyWindow(LAST, CLOSES + 1)).toEqual({ open: false, closesAt: CLOSES });
  });

  it("is open right after the contact writes", () => {
    expect(replyWindow(NOW, NOW).open).toBe(true);
  });

  it("is closed when the contact never wrote", () => {
    expect(replyWindow(null, NOW)).toEqual({ open: false, closesAt: null });
  });
});

describe("assertCanSendFreeText", () => {
  const whatsapp: ChannelRef = { type: "whatsapp" };
  const instagram: ChannelRef = { type: "instagram" };
  const send = (channel: ChannelRef, now: number, kind: OutboundKind = "text", last: number | null = LAST) =>
    () => assertCanSendFreeText(channel, last, now, kind);

  it("allows WhatsApp free text up to 1 ms before the window closes", () => {
    expect(send(whatsapp, CLOSES - 1)).not.toThrow();
    expect(send(whatsapp, CLOSES - 1, "image")).not.toThrow();
  });

  it("refuses WhatsApp free text at exactly 24 h, saying only a template can be sent", () => {
    expectDomainError(send(whatsapp, CLOSES), "PRECONDITION_FAILED", /only allows sending a template/);
    expectDomainError(send(whatsapp, CLOSES + 1, "audio"), "PRECONDITION_FAILED", /template/);
    expectDomainError(send(whatsapp, NOW, "text", null), "PRECONDITION_FAILED", /only a template/);
  });

  it("always allows WhatsApp templates", () => {
    expect(send(whatsapp, CLOSES + 1_000_000, "template")).not.toThrow();
    expect(send(whatsapp, NOW, "template", null)).not.toThrow();
  });

  it("refuses Instagram after 24 h, saying the window has closed", () => {
    expect(send(instagram, CLOSES - 1)).not.toThrow();
    expectDomainError(send(instagram, CLOSES), "PRECONDITION_FAILED", /^Instagram's 24-hour window has closed/);
    expectDomainError(send(instagram, NOW, "text", null), "PRECONDITION_FAILED", /Instagram/);
  });

  it("has no templates on Instagram", () => {
    expectDomainError(send(instagram, CLOSES - 1, "template"), "BAD_REQUEST", /no message templates/);
  });

  it("applies the sub-channel's rules on Zenvia", () => {
    const zw: ChannelRef = { type: "zenvia", zenviaChannel: "whatsapp" };
    const zi: ChannelRef = { type: "zenvia", zenviaChannel: "instagram" };
    expect(send(zw, CLOSES - 1)).not.toThrow();
    expectDomainError(send(zw, CLOSES), "PRECONDITION_FAILED", /template/);
    expect(send(zw, CLOSES, "template")).not.toThrow();
    expectDomainError(send(zi, CLOSES), "PRECONDITION_FAILED", /Instagram/);
    expectDomainError(send({ type: "zenvia" }, CLOSES), "PRECONDITION_FAILED");
  });

  it("has no window on web chat", () => {
    expect(send({ type: "webchat" }, CLOSES + 10 * HOUR)).not.toThrow();
    expect(send({ type: "webchat" }, NOW, "text", null)).not.toThrow();
  });
});
