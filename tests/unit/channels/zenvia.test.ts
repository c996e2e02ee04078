import { describe, expect, it } from "vitest";
import { WebhookError, type InboundMessage, type InboundStatus, type OutboundMessage } from "@/server/channels/types";
import { parseZenviaWebhook } from "@/server/channels/zenvia/parse";
import {
  ZENVIA_DEFAULT_API_BASE_URL,
  buildZenviaSendRequest,
  interpretZenviaSendResponse,
  sendZenvia,
} from "@/server/channels/zenvia/send";
import { fakeFetch, fixture, fixtureText, throwingFetch } from "./fixtures";

const SENDER = "551130001234";
const MARINA = { externalId: "5511987654321", phone: "5511987654321", name: "Marina Souza" };

function one(name: string): InboundMessage {
  const events = parseZenviaWebhook(fixture("zenvia", name));
  expect(events).toHaveLength(1);
  return events[0] as InboundMessage;
}

function status(name: string): InboundStatus {
  const events = parseZenviaWebhook(fixture("zenvia", name));
  expect(events).toHaveLength(1);
  return events[0] as InboundStatus;
}

function expect400(fn: () => unknown, pattern: RegExp) {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(WebhookError);
  expect((caught as WebhookError).status).toBe(400);
  expect((caught as WebhookError).message).toMatch(pattern);
}

describe("parseZenviaWebhook — MESSAGE", () => {
  it("parses the shared text fixture; channel id is the `to` of an IN message", () => {
    expect(parseZenviaWebhook(fixture("zenvia", "text"))).toEqual([
      {
        type: "message",
        channelExternalId: SENDER,
        contact: MARINA,
        providerMessageId: "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
        timestamp: Date.UTC(2026, 0, 5, 14, 30, 0),
        direction: "in",
        kind: "text",
        body: "Oi! Vocês entregam no sábado?",
      },
    ]);
  });

  it("file image with caption and name", () => {
    const m = one("file-image");
    expect(m.kind).toBe("image");
    expect(m.body).toBe("esse modelo");
    expect(m.media).toEqual([
      { url: "https://zenvia.chat/storage/files/8f3c1a2b9d.jpeg", mimeType: "image/jpeg", fileName: "IMG-20260105.jpeg" },
    ]);
  });

  it("file kinds follow the MIME type", () => {
    expect(one("file-audio")).toMatchObject({ kind: "audio", media: [{ mimeType: "audio/ogg; codecs=opus" }] });
    expect(one("file-document")).toMatchObject({
      kind: "file",
      media: [{ url: "https://zenvia.chat/storage/files/b2c3d4.pdf", mimeType: "application/pdf", fileName: "nota-fiscal-4821.pdf" }],
    });
  });

  it("location", () => {
    expect(one("location")).toMatchObject({
      kind: "location",
      payload: { latitude: -23.561414, longitude: -46.655881, name: "MASP", address: "Av. Paulista, 1578 - Bela Vista, São Paulo - SP" },
    });
  });

  it("contacts → normalized contact cards", () => {
    const m = one("contacts");
    expect(m.kind).toBe("contacts");
    expect(m.payload).toEqual({
      contacts: [
        {
          name: "João Pereira",
          phones: [{ phone: "+5511912345678", type: "CELL", waId: "5511912345678" }],
          emails: [{ email: "joao.pereira@example.com", type: "WORK" }],
          organization: "Loja do João",
        },
      ],
    });
  });

  it("a text with payload is a button reply", () => {
    const m = one("button-reply");
    expect(m.kind).toBe("text");
    expect(m.body).toBe("Confirmar");
    expect(m.payload).toEqual({ button: { payload: "CONFIRMAR_PEDIDO_4821", text: "Confirmar" }, choiceId: "CONFIRMAR_PEDIDO_4821" });
  });

  it("Instagram via Zenvia: no phone, username as handle", () => {
    const m = one("instagram-text");
    expect(m.channelExternalId).toBe("17841405822304914");
    expect(m.contact).toEqual({ externalId: "7107719732620600", name: "Marina Souza", handle: "marina.souza" });
  });

  it("several contents become several messages with distinct ids", () => {
    const events = parseZenviaWebhook(fixture("zenvia", "multi-content")) as InboundMessage[];
    expect(events.map((e) => [e.providerMessageId, e.kind])).toEqual([
      ["1a2b3c4d-0008-4c6d-8e7f-9a0b1c2d3e4f", "text"],
      ["1a2b3c4d-0008-4c6d-8e7f-9a0b1c2d3e4f:1", "image"],
    ]);
  });

  it("an unknown content type is kept as unsupported with raw JSON", () => {
    const m = one("unknown-content");
    expect(m.kind).toBe("unsupported");
    expect(m.payload).toMatchObject({ type: "product_list_order", raw: { catalogId: "1092839182739" } });
  });

  it("an OUT message is outbound: channel is `from`, contact is `to`", () => {
    const body = {
      id: "e1",
      timestamp: "2026-01-05T15:00:00.000Z",
      type: "MESSAGE",
      channel: "whatsapp",
      direction: "OUT",
      message: {
        id: "7391518c-e719-468c-812a-ab00a8b442e4",
        from: SENDER,
        to: "5511987654321",
        direction: "OUT",
        channel: "whatsapp",
        contents: [{ type: "template", templateId: "c2c3e42d-6fb7-4ad6-897a-dd7613469f58", fields: { name: "Marina" } }],
      },
    };
    expect(parseZenviaWebhook(body)).toEqual([
      {
        type: "message",
        channelExternalId: SENDER,
        contact: { externalId: "5511987654321", phone: "5511987654321" },
        providerMessageId: "7391518c-e719-468c-812a-ab00a8b442e4",
        timestamp: Date.parse("2026-01-05T15:00:00.000Z"),
        direction: "out",
        kind: "template",
        payload: { templateId: "c2c3e42d-6fb7-4ad6-897a-dd7613469f58", fields: { name: "Marina" } },
      },
    ]);
  });
});

describe("parseZenviaWebhook — MESSAGE_STATUS", () => {
  it("READ from the shared fixture (ISO with offset → unix ms)", () => {
    expect(status("status-read")).toEqual({
      type: "status",
      channelExternalId: SENDER,
      providerMessageId: "7391518c-e719-468c-812a-ab00a8b442e4",
      status: "read",
      timestamp: Date.UTC(2026, 0, 5, 14, 40, 31),
    });
  });

  it("SENT and DELIVERED", () => {
    expect(status("status-sent")).toMatchObject({ status: "sent", timestamp: Date.UTC(2026, 0, 5, 14, 40, 1) });
    expect(status("status-delivered")).toMatchObject({ status: "delivered", timestamp: Date.UTC(2026, 0, 5, 14, 40, 11) });
    expect(status("status-sent").reason).toBeUndefined();
  });

  it("REJECTED → failed with the cause", () => {
    expect(status("status-rejected")).toMatchObject({
      status: "failed",
      reason: "REJECTED: INVALID_RECIPIENT — The recipient is not a valid WhatsApp user",
    });
  });

  it("NOT_DELIVERED → failed with every cause, channel error code first", () => {
    expect(status("status-not-delivered").reason).toBe(
      "131047: Re-engagement message — More than 24 hours have passed since the recipient last replied to the sender number.; NOT_DELIVERED: MESSAGE_EXPIRED",
    );
  });

  it("a failure without causes falls back to the description", () => {
    const body = fixture("zenvia", "status-rejected") as { messageStatus: Record<string, unknown> };
    delete body.messageStatus.causes;
    expect((parseZenviaWebhook(body)[0] as InboundStatus).reason).toBe("REJECTED: The message was rejected by the provider");
  });

  it("CLICKED is not a delivery status", () => {
    expect(parseZenviaWebhook(fixture("zenvia", "status-clicked"))).toEqual([]);
  });

  it("a status code named like an object's own property (constructor, __proto__) is not a status either", () => {
    for (const code of ["constructor", "__proto__", "toString"]) {
      const body = fixture("zenvia", "status-delivered") as { messageStatus: Record<string, unknown> };
      body.messageStatus.code = code;
      expect(parseZenviaWebhook(body)).toEqual([]);
    }
  });

  it("status of content N > 0 refers to `${messageId}:N`", () => {
    const body = fixture("zenvia", "status-delivered") as Record<string, unknown>;
    body.contentIndex = 1;
    expect(parseZenviaWebhook(body)[0]?.providerMessageId).toBe("7391518c-e719-468c-812a-ab00a8b442e4:1");
  });

  it("falls back to the event timestamp and tolerates a missing message object", () => {
    const body = {
      id: "x",
      timestamp: "2026-01-05T14:40:31.900Z",
      type: "MESSAGE_STATUS",
      messageId: "abc",
      messageStatus: { code: "DELIVERED" },
    };
    expect(parseZenviaWebhook(body)).toEqual([
      { type: "status", providerMessageId: "abc", status: "delivered", timestamp: Date.parse("2026-01-05T14:40:31.900Z") },
    ]);
  });
});

describe("parseZenviaWebhook — malformed shapes", () => {
  it.each([
    ["null", null],
    ["a WhatsApp body", fixture("whatsapp", "text")],
    ["an unknown event type", { type: "CONTACT", id: "1" }],
    ["MESSAGE without message", { type: "MESSAGE", timestamp: "2026-01-05T14:30:01Z" }],
    ["MESSAGE with empty contents", { type: "MESSAGE", message: { id: "1", from: "a", to: "b", contents: [] } }],
    ["MESSAGE_STATUS without messageStatus", { type: "MESSAGE_STATUS", messageId: "1" }],
  ])("rejects %s with 400", (_label, body) => {
    expect400(() => parseZenviaWebhook(body), /Not a Zenvia/);
  });

  it("rejects a status without message id and an unparseable timestamp", () => {
    expect400(() => parseZenviaWebhook({ type: "MESSAGE_STATUS", messageStatus: { code: "SENT", timestamp: "2026-01-05T14:40:31Z" } }), /messageId/);
    expect400(
      () =>
        parseZenviaWebhook({
          type: "MESSAGE",
          timestamp: "ontem",
          message: { id: "1", from: "a", to: "b", contents: [{ type: "text", text: "x" }] },
        }),
      /timestamp/,
    );
  });
});

describe("buildZenviaSendRequest", () => {
  const config = { senderId: SENDER, zenviaChannel: "whatsapp" };
  const secrets = { apiToken: "zenvia-api-token", webhookSecret: "w" };
  const to = { externalId: "5511987654321", phone: "5511987654321" };
  const body = (msg: OutboundMessage, cfg: Record<string, string> = config) =>
    JSON.parse(buildZenviaSendRequest(cfg, secrets, msg).body ?? "") as Record<string, unknown>;

  it("text matches the shared request fixture field by field", () => {
    const spec = buildZenviaSendRequest(config, secrets, { to, kind: "text", body: "Olá Marina! Entregamos sim, aos sábados das 9h às 14h." });
    expect(ZENVIA_DEFAULT_API_BASE_URL).toBe("https://api.zenvia.com");
    expect(spec.method).toBe("POST");
    expect(spec.url).toBe("https://api.zenvia.com/v2/channels/whatsapp/messages");
    expect(spec.headers).toEqual({ "X-API-TOKEN": "zenvia-api-token", "Content-Type": "application/json" });
    const expected = fixture("zenvia", "send-text-request") as Record<string, unknown>;
    const actual = JSON.parse(spec.body ?? "") as Record<string, unknown>;
    expect(actual.from).toBe(expected.from);
    expect(actual.to).toBe(expected.to);
    expect(actual.contents).toEqual(expected.contents);
    expect(actual).toEqual(expected);
  });

  it("file with caption, MIME type and name", () => {
    expect(
      body({ to, kind: "image", body: "Modelo preto", media: { url: "https://cdn.example.com/t.jpg", mimeType: "image/jpeg", fileName: "t.jpg" } }).contents,
    ).toEqual([
      { type: "file", fileUrl: "https://cdn.example.com/t.jpg", fileMimeType: "image/jpeg", fileCaption: "Modelo preto", fileName: "t.jpg" },
    ]);
    expect(body({ to, kind: "file", media: { url: "https://cdn.example.com/nf.pdf", mimeType: "application/pdf" } }).contents).toEqual([
      { type: "file", fileUrl: "https://cdn.example.com/nf.pdf", fileMimeType: "application/pdf" },
    ]);
  });

  it("location, template and contacts", () => {
    expect(body({ to, kind: "location", payload: { latitude: -23.56, longitude: -46.65, name: "Loja", address: "Av. Paulista, 1000" } }).contents).toEqual([
      { type: "location", longitude: -46.65, latitude: -23.56, name: "Loja", address: "Av. Paulista, 1000" },
    ]);
    expect(
      body({ to, kind: "template", payload: { templateId: "c2c3e42d-6fb7-4ad6-897a-dd7613469f58", fields: { name: "Marina", pedido: "4821" } } }).contents,
    ).toEqual([{ type: "template", templateId: "c2c3e42d-6fb7-4ad6-897a-dd7613469f58", fields: { name: "Marina", pedido: "4821" } }]);
    expect(
      body({ to, kind: "contacts", payload: { contacts: [{ name: "Suporte Loja", phones: [{ phone: "+551130001234", type: "work" }], emails: [] }] } })
        .contents,
    ).toEqual([
      { type: "contacts", contacts: [{ name: { formattedName: "Suporte Loja", firstName: "Suporte" }, phones: [{ phone: "+551130001234", type: "WORK" }] }] },
    ]);
  });

  it("template from the inbox's {name, variables} when no templateId/fields are given", () => {
    expect(body({ to, kind: "template", payload: { name: "pedido_enviado", language: "pt_BR", variables: ["Marina", "4821"] } }).contents).toEqual([
      { type: "template", templateId: "pedido_enviado", fields: { "1": "Marina", "2": "4821" } },
    ]);
  });

  it("payment_link and call as text", () => {
    expect(body({ to, kind: "payment_link", payload: { description: "Pedido 4821", url: "https://pay.example.com/p" } }).contents).toEqual([
      { type: "text", text: "Pedido 4821\nhttps://pay.example.com/p" },
    ]);
    expect(body({ to, kind: "call", body: "Me liga:", payload: { url: "https://wa.me/call/x" } }).contents).toEqual([
      { type: "text", text: "Me liga:\nhttps://wa.me/call/x" },
    ]);
  });

  it("Instagram channel: url and recipient id; no location/template", () => {
    const cfg = { senderId: "17841405822304914", zenviaChannel: "instagram", apiBaseUrl: "https://api.zenvia.com/" };
    const spec = buildZenviaSendRequest(cfg, secrets, { to: { externalId: "7107719732620600" }, kind: "text", body: "oi" });
    expect(spec.url).toBe("https://api.zenvia.com/v2/channels/instagram/messages");
    expect(JSON.parse(spec.body ?? "")).toEqual({ from: "17841405822304914", to: "7107719732620600", contents: [{ type: "text", text: "oi" }] });
    expect(() => buildZenviaSendRequest(cfg, secrets, { to, kind: "location", payload: { latitude: 1, longitude: 2 } })).toThrow(/Instagram/);
  });

  it("throws on bad config and unsendable kinds", () => {
    expect(() => buildZenviaSendRequest({ senderId: SENDER, zenviaChannel: "sms" }, secrets, { to, kind: "text", body: "x" })).toThrow(/zenviaChannel/);
    expect(() => buildZenviaSendRequest({ zenviaChannel: "whatsapp" }, secrets, { to, kind: "text", body: "x" })).toThrow(/senderId/);
    expect(() => buildZenviaSendRequest(config, {}, { to, kind: "text", body: "x" })).toThrow(/apiToken/);
    expect(() => buildZenviaSendRequest(config, secrets, { to, kind: "reaction", payload: { emoji: "👍" } })).toThrow(/reaction/);
    expect(() => buildZenviaSendRequest(config, secrets, { to, kind: "template", payload: {} })).toThrow(/templateId/);
    expect(() => buildZenviaSendRequest(config, secrets, { to, kind: "image" })).toThrow(/media\.url/);
  });
});

describe("interpretZenviaSendResponse / sendZenvia", () => {
  const config = { senderId: SENDER, zenviaChannel: "whatsapp" };
  const secrets = { apiToken: "zenvia-api-token" };
  const msg: OutboundMessage = {
    to: { externalId: "5511987654321", phone: "5511987654321" },
    kind: "text",
    body: "Olá Marina! Entregamos sim, aos sábados das 9h às 14h.",
  };

  it("200 → id", () => {
    expect(interpretZenviaSendResponse(200, fixtureText("zenvia", "send-response"))).toEqual({
      ok: true,
      providerMessageId: "7391518c-e719-468c-812a-ab00a8b442e4",
    });
  });

  it("400 validation error → permanent with code, message and details", () => {
    expect(interpretZenviaSendResponse(400, fixtureText("zenvia", "error-validation"))).toEqual({
      ok: false,
      retryable: false,
      reason: 'HTTP 400 VALIDATION_ERROR: Validation error — to: must match pattern "^[0-9]+$"',
    });
  });

  it("401 → permanent; 429 and 500 → retryable", () => {
    expect(interpretZenviaSendResponse(401, fixtureText("zenvia", "error-auth"))).toEqual({
      ok: false,
      retryable: false,
      reason: "HTTP 401 AUTHENTICATION_ERROR: No authorization token was found",
    });
    expect(interpretZenviaSendResponse(429, "Too Many Requests")).toEqual({ ok: false, retryable: true, reason: "HTTP 429: Too Many Requests" });
    expect(interpretZenviaSendResponse(500, fixtureText("zenvia", "error-internal"))).toEqual({
      ok: false,
      retryable: true,
      reason: "HTTP 500 INTERNAL_ERROR: Internal error",
    });
  });

  it("sendZenvia records the request", async () => {
    const fake = fakeFetch(200, fixtureText("zenvia", "send-response"));
    expect(await sendZenvia(config, secrets, msg, fake.impl)).toEqual({ ok: true, providerMessageId: "7391518c-e719-468c-812a-ab00a8b442e4" });
    expect(fake.calls[0]?.url).toBe("https://api.zenvia.com/v2/channels/whatsapp/messages");
    expect(fake.calls[0]?.headers["X-API-TOKEN"]).toBe("zenvia-api-token");
    expect(JSON.parse(fake.calls[0]?.body ?? "")).toEqual(fixture("zenvia", "send-text-request"));
  });

  it("sendZenvia with a throwing fetch is retryable", async () => {
    expect(await sendZenvia(config, secrets, msg, throwingFetch(new TypeError("fetch failed")))).toMatchObject({ ok: false, retryable: true });
  });
});
