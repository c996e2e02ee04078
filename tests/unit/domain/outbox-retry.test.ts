import { describe, expect, it } from "vitest";
import { outboxOutcome, OUTBOX_MAX_ATTEMPTS, retryDelay } from "@/server/domain/outbox-retry";

describe("outbox retry rule", () => {
  it("doubles from 5 s and caps at 15 minutes", () => {
    expect([1, 2, 3, 4, 8, 9, 12, 40].map(retryDelay)).toEqual([5_000, 10_000, 20_000, 40_000, 640_000, 900_000, 900_000, 900_000]);
  });

  it("sends, retries, or fails with the provider's reason", () => {
    expect(outboxOutcome({ ok: true, providerMessageId: "w1" }, 1, 0)).toEqual({ status: "sent", providerMessageId: "w1" });
    expect(outboxOutcome({ ok: false, retryable: true, reason: "HTTP 503" }, 2, 100)).toEqual({ status: "queued", nextAttemptAt: 10_100, reason: "HTTP 503" });
    expect(outboxOutcome({ ok: false, retryable: false, reason: "HTTP 400 131047" }, 1, 0)).toEqual({ status: "failed", reason: "HTTP 400 131047" });
    expect(outboxOutcome({ ok: false, retryable: true, reason: "HTTP 503" }, OUTBOX_MAX_ATTEMPTS, 0)).toEqual({ status: "failed", reason: "Gave up after 12 attempts: HTTP 503" });
  });
});
