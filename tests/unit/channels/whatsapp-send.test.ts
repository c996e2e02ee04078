import { describe, expect, it } from "vitest";
import type { OutboundMessage } from "@/server/channels/types";
import {
  WHATSAPP_DEFAULT_API_BASE_URL,
  buildWhatsAppMediaDownloadRequest,
  buildWhatsAppMediaUrlRequest,
  buildWhatsAppSendRequest,
  interpretWhatsAppMediaUrlResponse,
  interpretWhatsAppSendResponse,
  isBusinessScopedUserId,
  sendWhatsApp,
  verifyWhatsAppMediaSha256,
} from "@/server/channels/whatsapp/send";
import { fakeFetch, fixture, fixtureText, throwingFetch } from "./fixtures";

const config = { phoneNumberId: "109876543210987" };
const secrets = { accessToken: "EAAG-test-token", appSecret: "s", verifyToken: "v" };
const to = { externalId: "5511987654321", phone: "5511987654321" };

function bodyOf(msg: OutboundMessage, cfg: Record<string, string> = config): Record<string, unknown> {
  const spec = buildWhatsAppSendRequest(cfg, secrets, msg);
  return JSON.parse(spec.body ?? "null") as Record<string, unknown>;
}

describe("buildWhatsAppSendRequest", () => {
  it("text reply matches the shared request fixture field by field", () => {
    const spec = buildWhatsAppSendRequest(config, secrets, {
      to,
      kind: "text",
      body: "Olá Marina! Entregamos sim, aos sábados das 9h às 14h.",
    });
    expect(spec.method).toBe("POST");
    expect(spec.url).toBe("https://graph.facebook.com/v23.0/109876543210987/messages");
    expect(spec.headers).toEqual({ Authorization: "Bearer EAAG-test-token", "Content-Type": "application/json" });
    const expected = fixture("whatsapp", "send-text-request") as Record<string, unknown>;
    const actual = JSON.parse(spec.body ?? "") as Record<string, unknown>;
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    for (const key of Object.keys(expected)) expect(actual[key], key).toEqual(expected[key]);
    expect(actual).toEqual(expected);
  });

  it("uses the default base URL, honours a custom one and strips a trailing slash", () => {
    expect(WHATSAPP_DEFAULT_API_BASE_URL).toBe("https://graph.facebook.com/v23.0");
    const spec = buildWhatsAppSendRequest({ ...config, apiBaseUrl: "http://localhost:9999/v99.0/" }, secrets, {
      to,
      kind: "text",
      body: "x",
    });
    expect(spec.url).toBe("http://localhost:9999/v99.0/109876543210987/messages");
  });

  it("adds context.message_id for replies and preview_url on request", () => {
    const body = bodyOf({
      to,
      kind: "text",
      body: "Veja https://loja.example.com/tenis",
      replyToProviderId: "wamid.ABC",
      payload: { previewUrl: true },
    });
    expect(body.context).toEqual({ message_id: "wamid.ABC" });
    expect(body.text).toEqual({ preview_url: true, body: "Veja https://loja.example.com/tenis" });
  });

  it("image with caption", () => {
    expect(bodyOf({ to, kind: "image", body: "Modelo preto", media: { url: "https://cdn.example.com/t.jpg", mimeType: "image/jpeg" } })).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "5511987654321",
      type: "image",
      image: { link: "https://cdn.example.com/t.jpg", caption: "Modelo preto" },
    });
  });

  it("sticker, video, audio (no caption) and document with filename", () => {
    expect(bodyOf({ to, kind: "image", payload: { sticker: true }, media: { url: "https://cdn.example.com/s.webp" } })).toMatchObject({
      type: "sticker",
      sticker: { link: "https://cdn.example.com/s.webp" },
    });
    expect(bodyOf({ to, kind: "video", body: "demo", media: { url: "https://cdn.example.com/v.mp4" } })).toMatchObject({
      type: "video",
      video: { link: "https://cdn.example.com/v.mp4", caption: "demo" },
    });
    expect(bodyOf({ to, kind: "audio", body: "ignored", media: { url: "https://cdn.example.com/a.ogg" } })).toMatchObject({
      type: "audio",
      audio: { link: "https://cdn.example.com/a.ogg" },
    });
    expect(bodyOf({ to, kind: "audio", media: { url: "https://cdn.example.com/a.ogg" } }).audio).toEqual({
      link: "https://cdn.example.com/a.ogg",
    });
    expect(
      bodyOf({ to, kind: "file", body: "Sua nota", media: { url: "https://cdn.example.com/nf.pdf", fileName: "nota-4821.pdf" } }),
    ).toMatchObject({
      type: "document",
      document: { link: "https://cdn.example.com/nf.pdf", caption: "Sua nota", filename: "nota-4821.pdf" },
    });
  });

  it("media already uploaded goes by id", () => {
    expect(bodyOf({ to, kind: "image", payload: { providerMediaId: "1402784614282318" } }).image).toEqual({ id: "1402784614282318" });
  });

  it("location", () => {
    expect(
      bodyOf({ to, kind: "location", payload: { latitude: -23.561414, longitude: -46.655881, name: "Loja Paulista", address: "Av. Paulista, 1000" } }),
    ).toMatchObject({
      type: "location",
      location: { latitude: -23.561414, longitude: -46.655881, name: "Loja Paulista", address: "Av. Paulista, 1000" },
    });
  });

  it("template with body parameters", () => {
    expect(
      bodyOf({ to, kind: "template", payload: { name: "pedido_enviado", language: "pt_BR", params: ["Marina", "4821"] } }),
    ).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "5511987654321",
      type: "template",
      template: {
        name: "pedido_enviado",
        language: { code: "pt_BR" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Marina" },
              { type: "text", text: "4821" },
            ],
          },
        ],
      },
    });
  });

  it("template payload as the inbox stores it ({name, language, variables})", () => {
    expect(
      bodyOf({ to, kind: "template", body: "Olá Marina, seu pedido 4821 saiu", payload: { name: "pedido_enviado", language: "pt_BR", variables: ["Marina", "4821"] } })
        .template,
    ).toEqual({
      name: "pedido_enviado",
      language: { code: "pt_BR" },
      components: [{ type: "body", parameters: [{ type: "text", text: "Marina" }, { type: "text", text: "4821" }] }],
    });
  });

  it("template without parameters has no components; explicit components pass through", () => {
    expect(bodyOf({ to, kind: "template", payload: { name: "hello_world", language: "en_US" } }).template).toEqual({
      name: "hello_world",
      language: { code: "en_US" },
    });
    const components = [{ type: "header", parameters: [{ type: "image", image: { link: "https://x/y.jpg" } }] }];
    expect(bodyOf({ to, kind: "template", payload: { name: "promo", language: "pt_BR", components } }).template).toMatchObject({
      components,
    });
  });

  it("contacts and reaction", () => {
    expect(
      bodyOf({
        to,
        kind: "contacts",
        payload: { contacts: [{ name: "Suporte Loja", phones: [{ phone: "+551130001234", type: "WORK" }], emails: [] }] },
      }).contacts,
    ).toEqual([{ name: { formatted_name: "Suporte Loja", first_name: "Suporte Loja" }, phones: [{ phone: "+551130001234", type: "WORK" }] }]);
    expect(bodyOf({ to, kind: "reaction", payload: { messageId: "wamid.IN1", emoji: "❤️" } })).toMatchObject({
      type: "reaction",
      reaction: { message_id: "wamid.IN1", emoji: "❤️" },
    });
  });

  it("payment_link and call are sent as text with the link", () => {
    expect(
      bodyOf({ to, kind: "payment_link", body: "Pague aqui:", payload: { url: "https://pay.example.com/p/4821" } }),
    ).toMatchObject({ type: "text", text: { preview_url: true, body: "Pague aqui:\nhttps://pay.example.com/p/4821" } });
    expect(bodyOf({ to, kind: "call", payload: { url: "https://wa.me/call/abc" } })).toMatchObject({
      type: "text",
      text: { body: "https://wa.me/call/abc" },
    });
    expect(bodyOf({ to, kind: "payment_link", body: "Link: https://pay.example.com/x", payload: { url: "https://pay.example.com/x" } }).text).toEqual({
      preview_url: true,
      body: "Link: https://pay.example.com/x",
    });
  });

  it("payment_link as the inbox stores it (description + url, no body)", () => {
    const payload = { amount: 49.9, amountCents: 4990, currency: "BRL", description: "Pedido 4821", url: "https://pay.example.com/p?v=4990" };
    expect(bodyOf({ to, kind: "payment_link", payload }).text).toEqual({
      preview_url: true,
      body: "Pedido 4821\nhttps://pay.example.com/p?v=4990",
    });
    expect(() => buildWhatsAppSendRequest(config, secrets, { to, kind: "call" })).toThrow(/payload\.url/);
  });

  it("recipient: phone digits in `to`, business-scoped user id in `recipient`", () => {
    expect(bodyOf({ to: { externalId: "x", phone: "+55 (11) 98765-4321" }, kind: "text", body: "a" }).to).toBe("5511987654321");
    const bsuid = bodyOf({ to: { externalId: "BR.1502576394655843" }, kind: "text", body: "a" });
    expect(bsuid.recipient).toBe("BR.1502576394655843");
    expect(bsuid.to).toBeUndefined();
    expect(isBusinessScopedUserId("US.ENT.11815799212886844830")).toBe(true);
    expect(isBusinessScopedUserId("5511987654321")).toBe(false);
  });

  it.each<[string, OutboundMessage, RegExp]>([
    ["empty text", { to, kind: "text", body: "  " }, /no text/],
    ["image without url", { to, kind: "image" }, /media\.url/],
    ["location without coordinates", { to, kind: "location", payload: { name: "x" } }, /latitude/],
    ["template without language", { to, kind: "template", payload: { name: "x" } }, /language/],
    ["reaction without target", { to, kind: "reaction", payload: { emoji: "👍" } }, /messageId/],
    ["system kind", { to, kind: "system", body: "x" }, /cannot send/],
  ])("throws for %s", (_label, msg, pattern) => {
    expect(() => buildWhatsAppSendRequest(config, secrets, msg)).toThrow(pattern);
  });

  it("throws for missing config or token", () => {
    expect(() => buildWhatsAppSendRequest({}, secrets, { to, kind: "text", body: "x" })).toThrow(/phoneNumberId/);
    expect(() => buildWhatsAppSendRequest(config, {}, { to, kind: "text", body: "x" })).toThrow(/accessToken/);
  });
});

describe("interpretWhatsAppSendResponse", () => {
  it("200 → ok with messages[0].id", () => {
    expect(interpretWhatsAppSendResponse(200, fixtureText("whatsapp", "send-response"))).toEqual({
      ok: true,
      providerMessageId: "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjVDMUE5RjhCMjdFMzRENjBCMQA=",
    });
  });

  it("200 without an id is a permanent failure (a retry could duplicate)", () => {
    expect(interpretWhatsAppSendResponse(200, "{}")).toMatchObject({ ok: false, retryable: false });
  });

  it("400 with a Graph error → permanent with code, message and details", () => {
    expect(interpretWhatsAppSendResponse(400, fixtureText("whatsapp", "error-re-engagement"))).toEqual({
      ok: false,
      retryable: false,
      reason:
        "HTTP 400 131047: Re-engagement message — Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
    });
  });

  it("401 expired token → permanent with code/subcode", () => {
    const r = interpretWhatsAppSendResponse(401, fixtureText("whatsapp", "error-invalid-token"));
    expect(r).toMatchObject({ ok: false, retryable: false });
    expect(!r.ok && r.reason).toMatch(/^HTTP 401 190\/463: Error validating access token/);
  });

  it("429 → retryable", () => {
    expect(interpretWhatsAppSendResponse(429, "")).toEqual({ ok: false, retryable: true, reason: "HTTP 429" });
  });

  it("400 with a throughput error code → retryable", () => {
    const r = interpretWhatsAppSendResponse(400, fixtureText("whatsapp", "error-throughput"));
    expect(r).toMatchObject({ ok: false, retryable: true });
    expect(!r.ok && r.reason).toContain("130429");
  });

  it("500 (with or without a JSON body) → retryable", () => {
    expect(interpretWhatsAppSendResponse(500, fixtureText("whatsapp", "error-server"))).toMatchObject({ ok: false, retryable: true });
    expect(interpretWhatsAppSendResponse(502, "<html>Bad Gateway</html>")).toEqual({
      ok: false,
      retryable: true,
      reason: "HTTP 502: <html>Bad Gateway</html>",
    });
  });
});

describe("sendWhatsApp", () => {
  const msg: OutboundMessage = { to, kind: "text", body: "Olá Marina! Entregamos sim, aos sábados das 9h às 14h." };

  it("builds, fetches with a timeout signal and interprets", async () => {
    const fake = fakeFetch(200, fixtureText("whatsapp", "send-response"));
    const result = await sendWhatsApp(config, secrets, msg, fake.impl);
    expect(result).toEqual({ ok: true, providerMessageId: "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjVDMUE5RjhCMjdFMzRENjBCMQA=" });
    expect(fake.calls).toHaveLength(1);
    const call = fake.calls[0];
    expect(call?.url).toBe("https://graph.facebook.com/v23.0/109876543210987/messages");
    expect(call?.method).toBe("POST");
    expect(call?.headers.Authorization).toBe("Bearer EAAG-test-token");
    expect(JSON.parse(call?.body ?? "")).toEqual(fixture("whatsapp", "send-text-request"));
    expect(call?.signal).toBeInstanceOf(AbortSignal);
  });

  it("a network error is retryable", async () => {
    const result = await sendWhatsApp(config, secrets, msg, throwingFetch(new TypeError("fetch failed")));
    expect(result).toEqual({ ok: false, retryable: true, reason: "network error: fetch failed" });
  });

  it("a timeout is retryable", async () => {
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    const result = await sendWhatsApp(config, secrets, msg, throwingFetch(timeout as unknown as Error));
    expect(result).toEqual({ ok: false, retryable: true, reason: "network error: no answer within 15 s" });
  });

  it("a message that cannot be built fails permanently without fetching", async () => {
    const fake = fakeFetch(200, "{}");
    const result = await sendWhatsApp(config, secrets, { to, kind: "image" }, fake.impl);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(fake.calls).toHaveLength(0);
  });

  it("a 400 answer is a permanent failure", async () => {
    const fake = fakeFetch(400, fixtureText("whatsapp", "error-re-engagement"));
    expect(await sendWhatsApp(config, secrets, msg, fake.impl)).toMatchObject({ ok: false, retryable: false });
  });
});

describe("WhatsApp media download helpers", () => {
  it("media URL lookup request", () => {
    expect(buildWhatsAppMediaUrlRequest(config, secrets, "1402784614282318")).toEqual({
      method: "GET",
      url: "https://graph.facebook.com/v23.0/1402784614282318?phone_number_id=109876543210987",
      headers: { Authorization: "Bearer EAAG-test-token" },
    });
  });

  it("interprets the lookup answer", () => {
    expect(interpretWhatsAppMediaUrlResponse(200, fixtureText("whatsapp", "media-url-response"))).toEqual({
      ok: true,
      url: "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1402784614282318&ext=1767627060&hash=ATtYZ7pSdlbnS9s4aW2-BX9mLHrdtTBFAvEVr9YBCC4MBA",
      mimeType: "image/jpeg",
      sha256: "0e7ed4974978788c8629f7793665ebd8d8e38cc99dd1fea8c66b1dbc714a9afb",
      fileSize: 48213,
    });
    expect(interpretWhatsAppMediaUrlResponse(404, '{"error":{"message":"Unsupported get request.","code":100,"error_subcode":33}}')).toEqual({
      ok: false,
      retryable: false,
      reason: "HTTP 404 100/33: Unsupported get request.",
    });
    expect(interpretWhatsAppMediaUrlResponse(503, "")).toMatchObject({ ok: false, retryable: true });
    expect(interpretWhatsAppMediaUrlResponse(200, "{}")).toMatchObject({ ok: false, retryable: false });
  });

  it("authenticated download request, https only", () => {
    const url = "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1&ext=2&hash=3";
    expect(buildWhatsAppMediaDownloadRequest(secrets, url)).toEqual({
      method: "GET",
      url,
      headers: { Authorization: "Bearer EAAG-test-token" },
    });
    expect(() => buildWhatsAppMediaDownloadRequest(secrets, "http://lookaside.fbsbx.com/x")).toThrow(/https/);
    expect(() => buildWhatsAppMediaDownloadRequest(secrets, "not a url")).toThrow(/invalid/);
  });

  it("verifies downloaded bytes against hex or base64 sha256", () => {
    const bytes = new TextEncoder().encode("hello");
    expect(verifyWhatsAppMediaSha256(bytes, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")).toBe(true);
    expect(verifyWhatsAppMediaSha256(bytes, "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=")).toBe(true);
    expect(verifyWhatsAppMediaSha256(bytes, "00".repeat(32))).toBe(false);
  });
});
