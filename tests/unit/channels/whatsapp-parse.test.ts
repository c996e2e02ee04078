import { describe, expect, it } from "vitest";
import { WebhookError, type InboundMessage, type InboundStatus } from "@/server/channels/types";
import { parseWhatsAppWebhook } from "@/server/channels/whatsapp/parse";
import { fixture } from "./fixtures";

const PNID = "109876543210987";
const MARINA = { externalId: "5511987654321", phone: "5511987654321", name: "Marina Souza" };

function one(name: string): InboundMessage {
  const events = parseWhatsAppWebhook(fixture("whatsapp", name));
  expect(events).toHaveLength(1);
  const [event] = events;
  expect(event?.type).toBe("message");
  return event as InboundMessage;
}

function expectWebhookError(fn: () => unknown, pattern: RegExp) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WebhookError);
    expect((err as WebhookError).status).toBe(400);
    expect((err as WebhookError).message).toMatch(pattern);
    return;
  }
  throw new Error("expected a WebhookError");
}

describe("parseWhatsAppWebhook — messages", () => {
  it("parses the shared text fixture", () => {
    expect(one("text")).toEqual({
      type: "message",
      channelExternalId: PNID,
      contact: MARINA,
      providerMessageId: "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMEI5QzhEN0U2RjVBNEIzQzJEAA==",
      timestamp: 1767623400000,
      direction: "in",
      kind: "text",
      body: "Oi! Vocês entregam no sábado?",
    });
  });

  it("image: caption as body, media by id with mime type and sha256", () => {
    const m = one("image");
    expect(m.kind).toBe("image");
    expect(m.body).toBe("Esse aqui, tem no 38?");
    expect(m.timestamp).toBe(1767623460000);
    expect(m.media).toEqual([
      { providerMediaId: "1402784614282318", mimeType: "image/jpeg", sha256: "Dn7Ul0l4eIyGKfd5NmXr2NjzjMmd0f6oxmsdvHFKmvs=" },
    ]);
    expect(m.payload).toBeUndefined();
  });

  it("sticker → image with payload.sticker", () => {
    const m = one("sticker");
    expect(m.kind).toBe("image");
    expect(m.payload).toEqual({ sticker: true, animated: false });
    expect(m.media?.[0]).toMatchObject({ providerMediaId: "879245381047212", mimeType: "image/webp" });
    expect(m.body).toBeUndefined();
  });

  it("voice note → audio with payload.voice = true", () => {
    const m = one("audio-voice");
    expect(m.kind).toBe("audio");
    expect(m.payload).toEqual({ voice: true });
    expect(m.media?.[0]).toMatchObject({ providerMediaId: "1031268805345810", mimeType: "audio/ogg; codecs=opus" });
  });

  it("audio file → audio with payload.voice = false", () => {
    const m = one("audio-file");
    expect(m.kind).toBe("audio");
    expect(m.payload).toEqual({ voice: false });
    expect(m.media?.[0]?.mimeType).toBe("audio/mpeg");
  });

  it("video with caption", () => {
    const m = one("video");
    expect(m.kind).toBe("video");
    expect(m.body).toBe("olha o defeito");
    expect(m.media?.[0]).toMatchObject({ providerMediaId: "2197364101147585", mimeType: "video/mp4" });
  });

  it("document → file with filename", () => {
    const m = one("document");
    expect(m.kind).toBe("file");
    expect(m.body).toBe("comprovante");
    expect(m.media).toEqual([
      {
        providerMediaId: "1205983764421097",
        mimeType: "application/pdf",
        sha256: "UGRmIGRvY3VtZW50IHNoYTI1NiBoYXNoIGhlcmUgISE=",
        fileName: "comprovante-pix.pdf",
      },
    ]);
  });

  it("location", () => {
    const m = one("location");
    expect(m.kind).toBe("location");
    expect(m.payload).toEqual({
      latitude: -23.561414,
      longitude: -46.655881,
      name: "MASP",
      address: "Av. Paulista, 1578 - Bela Vista, São Paulo - SP",
      url: "https://masp.org.br",
    });
    expect(m.body).toBe("MASP — Av. Paulista, 1578 - Bela Vista, São Paulo - SP");
  });

  it("contacts → normalized contact cards", () => {
    const m = one("contacts");
    expect(m.kind).toBe("contacts");
    expect(m.body).toBe("João Pereira");
    expect(m.payload).toEqual({
      contacts: [
        {
          name: "João Pereira",
          phones: [
            { phone: "+55 11 91234-5678", type: "CELL", waId: "5511912345678" },
            { phone: "+55 11 3000-9999", type: "WORK" },
          ],
          emails: [{ email: "joao.pereira@example.com", type: "WORK" }],
          organization: "Loja do João",
        },
      ],
    });
  });

  it("template quick-reply button → text with payload.button and replyTo = context.id", () => {
    const m = one("button");
    expect(m.kind).toBe("text");
    expect(m.body).toBe("Confirmar");
    expect(m.payload).toEqual({ button: { payload: "CONFIRMAR_PEDIDO_4821", text: "Confirmar" }, choiceId: "CONFIRMAR_PEDIDO_4821" });
    expect(m.replyToProviderId).toBe("wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjAxQjI3M0E5RjhCMjdFMzRENjAA");
  });

  it("interactive button_reply", () => {
    const m = one("interactive-button-reply");
    expect(m.kind).toBe("text");
    expect(m.body).toBe("Sábado");
    expect(m.payload).toEqual({ interactive: { type: "button_reply", id: "entrega-sabado", title: "Sábado" }, choiceId: "entrega-sabado" });
    expect(m.replyToProviderId).toBe("wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjAyQzM4NEJBMDlDMzhGNDVFNzEA");
  });

  it("interactive list_reply with description", () => {
    const m = one("interactive-list-reply");
    expect(m.payload).toEqual({
      interactive: { type: "list_reply", id: "sedex", title: "SEDEX", description: "Entrega em 1 a 2 dias úteis" },
      choiceId: "sedex",
    });
    expect(m.body).toBe("SEDEX");
  });

  it("reaction and reaction removal", () => {
    const [added, removed] = parseWhatsAppWebhook(fixture("whatsapp", "reaction")) as InboundMessage[];
    expect(added).toMatchObject({
      kind: "reaction",
      body: "👍",
      payload: { emoji: "👍", messageId: "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjVDMUE5RjhCMjdFMzRENjBCMQA=" },
    });
    expect(added?.payload?.removed).toBeUndefined();
    expect(removed).toMatchObject({
      kind: "reaction",
      payload: { emoji: "", messageId: "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjVDMUE5RjhCMjdFMzRENjBCMQA=", removed: true },
    });
    expect(removed?.body).toBeUndefined();
  });

  it("type unsupported keeps raw JSON and WhatsApp's reason", () => {
    const m = one("unsupported");
    const raw = (fixture("whatsapp", "unsupported") as { entry: { changes: { value: { messages: unknown[] } }[] }[] })
      .entry[0]?.changes[0]?.value.messages[0];
    expect(m.kind).toBe("unsupported");
    expect(m.providerMessageId).toBe("wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBQ0UwRTlGOEE3QjZDNUQ0RTNGAA==");
    expect(m.payload).toEqual({
      type: "unsupported",
      reason: "131051: Message type unknown — Message type is currently not supported.",
      raw,
    });
  });

  it("a type this parser does not know (order) is kept as unsupported, not dropped", () => {
    const m = one("unknown-type");
    expect(m.kind).toBe("unsupported");
    expect(m.payload?.type).toBe("order");
    expect((m.payload?.raw as { order: { product_items: unknown[] } }).order.product_items).toHaveLength(1);
    expect(m.contact).toEqual(MARINA);
  });

  it("an invented future type survives too", () => {
    const body = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "1",
          changes: [
            {
              field: "messages",
              value: {
                metadata: { phone_number_id: PNID },
                messages: [{ from: "5511", id: "wamid.X", timestamp: "1767623400", type: "hologram", hologram: { id: "9" } }],
              },
            },
          ],
        },
      ],
    };
    const [m] = parseWhatsAppWebhook(body) as InboundMessage[];
    expect(m).toMatchObject({ kind: "unsupported", payload: { type: "hologram", raw: { hologram: { id: "9" } } } });
    expect(m?.contact).toEqual({ externalId: "5511", phone: "5511" });
  });

  it("a text that quotes a previous message carries replyToProviderId", () => {
    const m = one("text-reply");
    expect(m.kind).toBe("text");
    expect(m.replyToProviderId).toBe("wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjVDMUE5RjhCMjdFMzRENjBCMQA=");
  });

  it("system message (number change) without a contacts array", () => {
    const m = one("system");
    expect(m.kind).toBe("system");
    expect(m.contact).toEqual({ externalId: "5511987654321", phone: "5511987654321" });
    expect(m.payload).toEqual({ type: "user_changed_number", waId: "5511976543210" });
  });

  it("click-to-WhatsApp ad referral is kept in the payload", () => {
    const m = one("ctwa-referral");
    expect(m.kind).toBe("text");
    expect(m.payload?.referral).toMatchObject({ source_type: "ad", source_id: "120212345678900", headline: "Tênis em promoção" });
  });
});

describe("parseWhatsAppWebhook — identity", () => {
  it("a contact known only by business-scoped user id (no wa_id, no from)", () => {
    const m = one("bsuid-only");
    expect(m.contact).toEqual({ externalId: "BR.1502576394655843", name: "Lu", handle: "lu.andrade" });
    expect(m.contact.phone).toBeUndefined();
    expect(m.body).toBe("Oi, vi o anúncio de vocês");
  });

  it("phone stays the identity when both phone and BSUID are present", () => {
    const m = one("bsuid-with-phone");
    expect(m.contact).toEqual(MARINA);
  });

  it("matches each message to its own contact entry", () => {
    const events = parseWhatsAppWebhook(fixture("whatsapp", "multi-entry")) as InboundMessage[];
    expect(events.find((e) => e.providerMessageId === "wamid.MULTI-2")?.contact).toEqual({
      externalId: "5521998877665",
      phone: "5521998877665",
      name: "Carlos Lima",
    });
  });

  it("a message with no sender id at all is rejected", () => {
    const body = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "1",
          changes: [
            {
              field: "messages",
              value: {
                metadata: { phone_number_id: PNID },
                messages: [{ id: "wamid.Y", timestamp: "1767623400", type: "text", text: { body: "?" } }],
              },
            },
          ],
        },
      ],
    };
    expectWebhookError(() => parseWhatsAppWebhook(body), /no sender/);
  });
});

describe("parseWhatsAppWebhook — statuses", () => {
  it("read status from the shared fixture", () => {
    expect(parseWhatsAppWebhook(fixture("whatsapp", "status-read"))).toEqual([
      {
        type: "status",
        channelExternalId: PNID,
        providerMessageId: "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjVDMUE5RjhCMjdFMzRENjBCMQA=",
        status: "read",
        timestamp: 1767624031000,
      },
    ]);
  });

  it("sent and delivered; statuses we do not track (deleted) are skipped", () => {
    const events = parseWhatsAppWebhook(fixture("whatsapp", "statuses-sent-delivered")) as InboundStatus[];
    expect(events.map((e) => [e.status, e.timestamp])).toEqual([
      ["sent", 1767623990000],
      ["delivered", 1767623992000],
    ]);
    expect(events.every((e) => e.reason === undefined)).toBe(true);
  });

  it("failed status carries 'code: title — details'", () => {
    expect(parseWhatsAppWebhook(fixture("whatsapp", "status-failed"))).toEqual([
      {
        type: "status",
        channelExternalId: PNID,
        providerMessageId: "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjA0RTVBNkRDMkJFNEEwNjc5M0EA",
        status: "failed",
        timestamp: 1767624100000,
        reason:
          "131047: Re-engagement message — Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
      },
    ]);
  });

  it("failed status without errors still has a reason", () => {
    const body = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "1",
          changes: [
            {
              field: "messages",
              value: {
                metadata: { phone_number_id: PNID },
                statuses: [{ id: "wamid.Z", status: "failed", timestamp: "1767624100", recipient_id: "5511" }],
              },
            },
          ],
        },
      ],
    };
    expect((parseWhatsAppWebhook(body)[0] as InboundStatus).reason).toBe("failed (no reason given)");
  });
});

describe("parseWhatsAppWebhook — batches and other fields", () => {
  it("multiple entries and changes, in order, each routed by its phone_number_id", () => {
    const events = parseWhatsAppWebhook(fixture("whatsapp", "multi-entry"));
    expect(events.map((e) => [e.type, e.providerMessageId, e.channelExternalId])).toEqual([
      ["message", "wamid.MULTI-1", PNID],
      ["message", "wamid.MULTI-2", PNID],
      ["status", "wamid.OUT-1", PNID],
      ["message", "wamid.MULTI-3", "109876543219999"],
    ]);
  });

  it("messages sent from the WhatsApp Business app (smb_message_echoes) are outbound", () => {
    const [m] = parseWhatsAppWebhook(fixture("whatsapp", "smb-echo")) as InboundMessage[];
    expect(m).toEqual({
      type: "message",
      channelExternalId: PNID,
      contact: { externalId: "5511987654321", phone: "5511987654321" },
      providerMessageId: "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjBBRUNIT0ZST01QSE9ORQA=",
      timestamp: 1767623600000,
      direction: "out",
      kind: "text",
      body: "Respondi pelo celular: chega amanhã!",
    });
  });

  it("an empty entry list and non-message fields yield no events", () => {
    expect(parseWhatsAppWebhook({ object: "whatsapp_business_account", entry: [] })).toEqual([]);
    expect(
      parseWhatsAppWebhook({
        object: "whatsapp_business_account",
        entry: [{ id: "1", changes: [{ field: "message_template_status_update", value: { event: "APPROVED" } }] }],
      }),
    ).toEqual([]);
  });
});

describe("parseWhatsAppWebhook — malformed shapes", () => {
  it.each([
    ["null", null],
    ["a string", "hello"],
    ["an array", []],
    ["an Instagram body", fixture("instagram", "text")],
    ["a Zenvia body", fixture("zenvia", "text")],
    ["entry not an array", { object: "whatsapp_business_account", entry: {} }],
    ["changes missing", { object: "whatsapp_business_account", entry: [{ id: "1" }] }],
  ])("rejects %s with 400", (_label, body) => {
    expectWebhookError(() => parseWhatsAppWebhook(body), /Not a WhatsApp/);
  });

  it("rejects a messages change without metadata.phone_number_id", () => {
    const body = {
      object: "whatsapp_business_account",
      entry: [{ id: "1", changes: [{ field: "messages", value: { messages: [] } }] }],
    };
    expectWebhookError(() => parseWhatsAppWebhook(body), /metadata/);
  });

  it("rejects a message without id and a bad timestamp", () => {
    const change = (messages: unknown[]) => ({
      object: "whatsapp_business_account",
      entry: [{ id: "1", changes: [{ field: "messages", value: { metadata: { phone_number_id: PNID }, messages } }] }],
    });
    expectWebhookError(() => parseWhatsAppWebhook(change([{ from: "5511", timestamp: "1", type: "text" }])), /id/);
    expectWebhookError(
      () => parseWhatsAppWebhook(change([{ from: "5511", id: "w", timestamp: "yesterday", type: "text" }])),
      /timestamp/,
    );
  });
});
