import { describe, expect, it } from "vitest";
import { WebhookError } from "@/server/channels/types";
import { graphemeLength, parseWebchatMessage } from "@/server/channels/webchat/parse";
import { sendWebchat } from "@/server/channels/webchat/send";

const valid = {
  visitorId: "3f2b8c1e-9d4a-4b7e-8f6a-1c2d3e4f5a6b",
  clientMessageId: "c0a8012e-7b1d-4e8f-9a2b-3c4d5e6f7a8b",
  name: "Marina",
  text: "Oi! Vocês entregam no sábado?",
};

function rejects(body: unknown, pattern: RegExp) {
  let caught: unknown;
  try {
    parseWebchatMessage(body, 7);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(WebhookError);
  expect((caught as WebhookError).status).toBe(400);
  expect((caught as WebhookError).message).toMatch(pattern);
}

describe("parseWebchatMessage", () => {
  it("maps the widget body to an inbound text message", () => {
    expect(parseWebchatMessage(valid, 7, 1767623400000)).toEqual({
      type: "message",
      channelExternalId: "7",
      contact: { externalId: valid.visitorId, name: "Marina" },
      providerMessageId: `${valid.visitorId}:${valid.clientMessageId}`,
      timestamp: 1767623400000,
      direction: "in",
      kind: "text",
      body: "Oi! Vocês entregam no sábado?",
    });
  });

  it("trims name and text, keeps inner newlines, ignores extra fields", () => {
    const m = parseWebchatMessage({ ...valid, name: "  Ana  ", text: "  linha 1\nlinha 2  ", extra: true }, "12");
    expect(m.contact.name).toBe("Ana");
    expect(m.body).toBe("linha 1\nlinha 2");
    expect(m.channelExternalId).toBe("12");
  });

  it("accepts short ids of the allowed alphabet", () => {
    expect(parseWebchatMessage({ ...valid, visitorId: "abc_DEF-", clientMessageId: "x".repeat(64) }, 1).contact.externalId).toBe("abc_DEF-");
  });

  it("counts graphemes, not UTF-16 units", () => {
    const family = "👨‍👩‍👧‍👦";
    expect(graphemeLength(family)).toBe(1);
    expect(parseWebchatMessage({ ...valid, text: family.repeat(4096) }, 1).body).toHaveLength(family.length * 4096);
    rejects({ ...valid, text: family.repeat(4097) }, /text.*4096/);
    expect(parseWebchatMessage({ ...valid, name: "é".repeat(80) }, 1).contact.name).toHaveLength(80);
    rejects({ ...valid, name: "a".repeat(81) }, /name.*80/);
  });

  it.each([
    ["not an object", "hello", /expected object/],
    ["missing visitorId", { ...valid, visitorId: undefined }, /visitorId/],
    ["short visitorId", { ...valid, visitorId: "abc" }, /visitorId/],
    ["visitorId with bad characters", { ...valid, visitorId: "abc def ghi" }, /visitorId/],
    ["too long visitorId", { ...valid, visitorId: "a".repeat(65) }, /visitorId/],
    ["missing clientMessageId", { ...valid, clientMessageId: undefined }, /clientMessageId/],
    ["empty name", { ...valid, name: "   " }, /name/],
    ["name with control characters", { ...valid, name: "Ana\u0000" }, /control/],
    ["empty text", { ...valid, text: "\n  " }, /text/],
    ["text not a string", { ...valid, text: 42 }, /text/],
  ])("rejects %s", (_label, body, pattern) => {
    rejects(body, pattern);
  });
});

describe("sendWebchat", () => {
  it("succeeds locally with a generated id", async () => {
    const r = await sendWebchat({}, {}, { to: { externalId: valid.visitorId }, kind: "text", body: "Olá!" });
    expect(r.ok).toBe(true);
    expect(r.ok && r.providerMessageId).toMatch(/^webchat:[0-9a-f-]{36}$/);
  });

  it("refuses kinds the widget cannot show and empty messages", async () => {
    expect(await sendWebchat({}, {}, { to: { externalId: "v" }, kind: "template", payload: { name: "x" } })).toMatchObject({
      ok: false,
      retryable: false,
    });
    expect(await sendWebchat({}, {}, { to: { externalId: "v" }, kind: "text", body: " " })).toMatchObject({ ok: false });
  });
});
