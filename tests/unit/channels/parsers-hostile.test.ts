import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInstagramWebhook } from "@/server/channels/instagram/parse";
import { WebhookError, type InboundEvent } from "@/server/channels/types";
import { parseWebchatMessage } from "@/server/channels/webchat/parse";
import { parseWhatsAppWebhook } from "@/server/channels/whatsapp/parse";
import { parseZenviaWebhook } from "@/server/channels/zenvia/parse";
import { hostileJson, RUNS, webhookFixtures } from "../../support/hostile";

// Whatever a provider (or anyone pretending to be one) posts, a parser either returns well-formed
// events or throws WebhookError with a 4xx — never a TypeError that would become a 500.

function refusedCleanly(error: unknown): void {
  expect(error).toBeInstanceOf(WebhookError);
  const status = (error as WebhookError).status;
  expect(status >= 400 && status < 500).toBe(true);
  expect((error as Error).message.length).toBeGreaterThan(0);
}

/** What storage relies on: ids are non-empty strings, kinds and statuses are known words. */
function wellFormed(event: InboundEvent): void {
  expect(typeof event.providerMessageId).toBe("string");
  expect(event.providerMessageId.length).toBeGreaterThan(0);
  expect(typeof event.timestamp).toBe("number");
  if (event.type === "message") {
    expect(typeof event.contact.externalId).toBe("string");
    expect(event.contact.externalId.length).toBeGreaterThan(0);
    expect(["in", "out"]).toContain(event.direction);
    if (event.body !== undefined) expect(typeof event.body).toBe("string");
    for (const key of ["name", "phone", "handle"] as const) if (event.contact[key] !== undefined) expect(typeof event.contact[key]).toBe("string");
  } else {
    expect(["sent", "delivered", "read", "failed"]).toContain(event.status);
  }
}

const parsers = {
  whatsapp: parseWhatsAppWebhook,
  instagram: parseInstagramWebhook,
  zenvia: parseZenviaWebhook,
} as const;

describe.each(Object.entries(parsers))("%s parser under hostile input", (provider, parse) => {
  const fixtures = webhookFixtures(provider as keyof typeof parsers);

  it(`returns well-formed events or a 4xx WebhookError (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileJson(fixtures), (json) => {
        let events: InboundEvent[];
        try {
          events = parse(json);
        } catch (error) {
          refusedCleanly(error);
          return;
        }
        expect(Array.isArray(events)).toBe(true);
        events.forEach(wellFormed);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("web chat parser under hostile input", () => {
  const valid = [{ visitorId: "visitor-12345678", clientMessageId: "msg-12345678", name: "Ana", text: "Oi" }];
  it(`returns a message or a 400 WebhookError (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileJson(valid), (json) => {
        try {
          wellFormed(parseWebchatMessage(json, 7, 1_000));
        } catch (error) {
          refusedCleanly(error);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
