import { describe, expect, it } from "vitest";
import { channelAdapters, getChannelAdapter, headerValue } from "@/server/channels/registry";
import { ZENVIA_SECRET_HEADER } from "@/server/channels/signature";
import { WebhookError } from "@/server/channels/types";
import { fakeFetch, fixture, fixtureText } from "./fixtures";

const BODY = '{"object":"whatsapp_business_account","entry":[]}';
const SIG = "sha256=c84a394cc475525991e78ff16e430b02e47f953877d2af0ade26956ce6f384dc";

describe("channel registry", () => {
  it("has an adapter for every channel type", () => {
    expect(Object.keys(channelAdapters).sort()).toEqual(["instagram", "webchat", "whatsapp", "zenvia"]);
    for (const [type, adapter] of Object.entries(channelAdapters)) expect(adapter.type).toBe(type);
    expect(getChannelAdapter("zenvia")).toBe(channelAdapters.zenvia);
  });

  it("Meta adapters verify X-Hub-Signature-256 from Headers or a plain object", () => {
    const secrets = { appSecret: "test-app-secret", accessToken: "t", verifyToken: "vt" };
    for (const type of ["whatsapp", "instagram"] as const) {
      const a = channelAdapters[type];
      expect(a.verify({ rawBody: BODY, headers: new Headers({ "X-Hub-Signature-256": SIG }) }, secrets)).toBe(true);
      expect(a.verify({ rawBody: Buffer.from(BODY), headers: { "x-hub-signature-256": SIG } }, secrets)).toBe(true);
      expect(a.verify({ rawBody: `${BODY} `, headers: { "x-hub-signature-256": SIG } }, secrets)).toBe(false);
      expect(a.verify({ rawBody: BODY, headers: {} }, secrets)).toBe(false);
      expect(a.verify({ rawBody: BODY, headers: { "x-hub-signature-256": SIG } }, {})).toBe(false);
      const qs = new URLSearchParams({ "hub.mode": "subscribe", "hub.verify_token": "vt", "hub.challenge": "42" });
      expect(a.handshake?.(qs, secrets)).toBe("42");
      expect(a.handshake?.(qs, { verifyToken: "other" })).toBeNull();
    }
  });

  it("Zenvia verifies its secret header", () => {
    const a = channelAdapters.zenvia;
    const secrets = { apiToken: "t", webhookSecret: "canal-7-segredo" };
    expect(a.verify({ rawBody: "{}", headers: { [ZENVIA_SECRET_HEADER]: "canal-7-segredo" } }, secrets)).toBe(true);
    expect(a.verify({ rawBody: "{}", headers: { "X-Charla-Webhook-Secret": ["canal-7-segredo"] } }, secrets)).toBe(true);
    expect(a.verify({ rawBody: "{}", headers: { [ZENVIA_SECRET_HEADER]: "errado" } }, secrets)).toBe(false);
    expect(a.verify({ rawBody: "{}", headers: {} }, secrets)).toBe(false);
    expect(a.handshake).toBeUndefined();
  });

  it("parse dispatches to the provider parser", () => {
    expect(channelAdapters.whatsapp.parse(fixture("whatsapp", "text"))[0]?.providerMessageId).toMatch(/^wamid\./);
    expect(channelAdapters.instagram.parse(fixture("instagram", "text"))[0]?.channelExternalId).toBe("17841405822304914");
    expect(channelAdapters.zenvia.parse(fixture("zenvia", "status-read"))[0]?.type).toBe("status");
    expect(() => channelAdapters.zenvia.parse(fixture("whatsapp", "text"))).toThrow(WebhookError);
    const [web] = channelAdapters.webchat.parse(
      { visitorId: "visitor-0001", clientMessageId: "message-0001", name: "Ana", text: "oi" },
      { channelExternalId: "3", now: 5 },
    );
    expect(web).toMatchObject({ channelExternalId: "3", timestamp: 5, body: "oi" });
    expect(() => channelAdapters.webchat.parse({})).toThrow(/channelExternalId/);
  });

  it("send dispatches to the provider sender with the injected fetch", async () => {
    const fake = fakeFetch(200, fixtureText("zenvia", "send-response"));
    const result = await channelAdapters.zenvia.send(
      { senderId: "551130001234", zenviaChannel: "whatsapp" },
      { apiToken: "tok" },
      { to: { externalId: "5511987654321" }, kind: "text", body: "oi" },
      fake.impl,
    );
    expect(result).toEqual({ ok: true, providerMessageId: "7391518c-e719-468c-812a-ab00a8b442e4" });
    expect(fake.calls).toHaveLength(1);
  });

  it("headerValue is case-insensitive", () => {
    expect(headerValue({ "Content-Type": "a" }, "content-type")).toBe("a");
    expect(headerValue(new Headers({ "Content-Type": "b" }), "CONTENT-TYPE")).toBe("b");
    expect(headerValue({}, "x")).toBeNull();
  });
});
