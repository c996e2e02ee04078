import { describe, expect, it } from "vitest";
import { assertWithinLimit, limitFor, type LimitSpec } from "@/server/domain/message-limits";
import { expectDomainError } from "./fixtures";

const whatsapp: LimitSpec = { channelType: "whatsapp", purpose: "reply" };
const instagram: LimitSpec = { channelType: "instagram", purpose: "reply" };

describe("limitFor", () => {
  it.each<[LimitSpec, number]>([
    [whatsapp, 4096],
    [instagram, 1000],
    [{ channelType: "webchat", purpose: "reply" }, 4096],
    [{ channelType: "zenvia", zenviaChannel: "whatsapp", purpose: "reply" }, 4096],
    [{ channelType: "zenvia", zenviaChannel: "instagram", purpose: "reply" }, 1000],
    [{ channelType: "zenvia", purpose: "reply" }, 1000],
    [{ channelType: "whatsapp", purpose: "template" }, 1024],
    [{ channelType: "whatsapp", purpose: "quick_reply" }, 60000],
    [{ channelType: "instagram", purpose: "quick_reply" }, 60000],
    [{ channelType: "whatsapp", purpose: "bot" }, 1024],
    [{ channelType: "webchat", purpose: "bot" }, 1024],
    [{ channelType: "instagram", purpose: "bot" }, 1000],
  ])("%o → %i", (spec, expected) => {
    expect(limitFor(spec)).toBe(expected);
  });
});

describe("assertWithinLimit", () => {
  it("accepts exactly 4,096 skin-toned thumbs up on WhatsApp and refuses 4,097", () => {
    expect(() => assertWithinLimit("👍🏽".repeat(4096), whatsapp)).not.toThrow();
    expectDomainError(
      () => assertWithinLimit("👍🏽".repeat(4097), whatsapp),
      "BAD_REQUEST",
      "WhatsApp replies are limited to 4,096 characters; this one has 4,097.",
    );
  });

  it("counts a decomposed é as one character", () => {
    const decomposed = "e\u0301";
    expect(() => assertWithinLimit(decomposed.repeat(1000), instagram)).not.toThrow();
    expectDomainError(
      () => assertWithinLimit(decomposed.repeat(1000) + "!", instagram),
      "BAD_REQUEST",
      "Instagram replies are limited to 1,000 characters; this one has 1,001.",
    );
  });

  it("counts flags as one character", () => {
    expect(() => assertWithinLimit("🇧🇷".repeat(1000), instagram)).not.toThrow();
    expectDomainError(() => assertWithinLimit("🇧🇷".repeat(1001), instagram), "BAD_REQUEST");
  });

  it("names the Zenvia sub-channel and the purpose", () => {
    expectDomainError(
      () =>
        assertWithinLimit("x".repeat(1001), {
          channelType: "zenvia",
          zenviaChannel: "instagram",
          purpose: "reply",
        }),
      "BAD_REQUEST",
      "Zenvia (Instagram) replies are limited to 1,000 characters; this one has 1,001.",
    );
    expectDomainError(
      () => assertWithinLimit("x".repeat(1025), { channelType: "whatsapp", purpose: "template" }),
      "BAD_REQUEST",
      "Template bodies are limited to 1,024 characters; this one has 1,025.",
    );
    expectDomainError(
      () => assertWithinLimit("x".repeat(60001), { channelType: "webchat", purpose: "quick_reply" }),
      "BAD_REQUEST",
      "Quick replies are limited to 60,000 characters; this one has 60,001.",
    );
    expectDomainError(
      () => assertWithinLimit("x".repeat(1025), { channelType: "webchat", purpose: "bot" }),
      "BAD_REQUEST",
      "Automatic messages on Web chat are limited to 1,024 characters; this one has 1,025.",
    );
  });

  it("accepts text at the limit without slowing down on long texts", () => {
    const started = performance.now();
    expect(() =>
      assertWithinLimit("x".repeat(60000), { channelType: "webchat", purpose: "quick_reply" }),
    ).not.toThrow();
    expectDomainError(
      () => assertWithinLimit("é ".repeat(30001), { channelType: "webchat", purpose: "quick_reply" }),
      "BAD_REQUEST",
      /this one has 60,002\./,
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("rejects empty and whitespace-only text", () => {
    expectDomainError(() => assertWithinLimit("", whatsapp), "BAD_REQUEST", /empty/);
    expectDomainError(() => assertWithinLimit(" \n\t", whatsapp), "BAD_REQUEST", /empty/);
  });
});
