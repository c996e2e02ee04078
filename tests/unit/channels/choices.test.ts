import { describe, expect, it } from "vitest";
import type { InboundMessage, OutboundMessage } from "@/server/channels/types";
import { buildWhatsAppSendRequest } from "@/server/channels/whatsapp/send";
import { buildInstagramSendRequest } from "@/server/channels/instagram/send";
import { buildZenviaSendRequest } from "@/server/channels/zenvia/send";
import { parseWhatsAppWebhook } from "@/server/channels/whatsapp/parse";
import { parseInstagramWebhook } from "@/server/channels/instagram/parse";
import { parseZenviaWebhook } from "@/server/channels/zenvia/parse";
import { choicesPayload, type ChoicesContent } from "@/server/domain/choices";
import { fixture } from "./fixtures";

// Choices messages rendered into each provider's documented request shape (fixtures written from the
// WhatsApp Cloud API interactive reply-button and list docs, Instagram quick replies, Zenvia v2 contents),
// and the providers' reply webhooks parsed back into the chosen id.

const waTo = { externalId: "5511987654321", phone: "5511987654321" };
const igTo = { externalId: "7107719732620600" };

function choicesMessage(to: OutboundMessage["to"], content: ChoicesContent): OutboundMessage {
  return { to, kind: "text", body: content.body, payload: choicesPayload(content) };
}

const menu3: ChoicesContent = {
  body: "¡Hola! ¿Con quién quieres hablar?",
  choices: [
    { id: "ventas", title: "Ventas" },
    { id: "soporte", title: "Soporte" },
    { id: "persona", title: "Hablar con persona" },
  ],
};

const shipping: ChoicesContent = {
  body: "¿Qué opción de envío prefieres?",
  header: "Envíos",
  footer: "Tienda Lucía",
  listButton: "Ver opciones",
  choices: [
    { id: "express", title: "Express", description: "Entrega en 1 a 2 días hábiles" },
    { id: "normal", title: "Normal", description: "Entrega en 3 a 5 días hábiles" },
    { id: "retiro", title: "Retiro en tienda" },
    { id: "moto", title: "Moto" },
  ],
};

const json = (body: string | undefined) => JSON.parse(body ?? "null") as unknown;

describe("WhatsApp Cloud API", () => {
  const wa = (c: ChoicesContent) => json(buildWhatsAppSendRequest({ phoneNumberId: "109876543210987" }, { accessToken: "t" }, choicesMessage(waTo, c)).body);

  it("up to three short titles go as reply buttons", () => {
    expect(wa(menu3)).toEqual(fixture("whatsapp", "send-interactive-buttons-request"));
  });

  it("descriptions or a fourth choice make a list message with one section", () => {
    expect(wa(shipping)).toEqual(fixture("whatsapp", "send-interactive-list-request"));
  });

  it("a button title of 21 characters moves to the list (row titles allow 24)", () => {
    const long = { ...menu3, choices: [...menu3.choices.slice(0, 2), { id: "x", title: "Quiero hablar con ust" }] };
    const body = wa(long) as { interactive: { type: string } };
    expect(body.interactive.type).toBe("list");
  });

  it("titles are counted as people see them: 20 emoji with skin tones still fit a button", () => {
    const emoji = "👍🏽".repeat(20);
    const body = wa({ body: "¿Ok?", choices: [{ id: "a", title: emoji }] }) as { interactive: { type: string } };
    expect(body.interactive.type).toBe("button");
  });

  it("eleven choices, or a row title over 24, fall back to a numbered text", () => {
    const eleven = { body: "Elige", choices: Array.from({ length: 11 }, (_, i) => ({ id: `o${i}`, title: `Opción ${i + 1}` })) };
    const a = wa(eleven) as { type: string; text: { body: string; preview_url: boolean } };
    expect(a.type).toBe("text");
    expect(a.text.body.startsWith("Elige\n\n1. Opción 1\n2. Opción 2\n")).toBe(true);
    expect(a.text.body).toContain("\n11. Opción 11");
    const longRow = { body: "Elige", choices: [{ id: "a", title: "x".repeat(25), description: "d" }] };
    expect((wa(longRow) as { type: string }).type).toBe("text");
  });

  it("a header over 60 characters falls back rather than being refused", () => {
    const body = wa({ ...menu3, header: "h".repeat(61) }) as { type: string; text: { body: string } };
    expect(body.type).toBe("text");
    expect(body.text.body).toContain("1. Ventas\n2. Soporte\n3. Hablar con persona");
  });

  it("an ordinary text is unchanged", () => {
    expect(json(buildWhatsAppSendRequest({ phoneNumberId: "1" }, { accessToken: "t" }, { to: waTo, kind: "text", body: "hola" }).body)).toMatchObject({
      type: "text",
      text: { body: "hola" },
    });
  });
});

describe("Instagram", () => {
  const ig = (c: ChoicesContent) => json(buildInstagramSendRequest({ accountId: "17841405822304914" }, { accessToken: "t" }, choicesMessage(igTo, c)).body);

  it("quick replies carry the choice id as payload", () => {
    expect(ig({ body: "¿Con quién quieres hablar?", choices: menu3.choices.slice(0, 2) })).toEqual(fixture("instagram", "send-quick-replies-request"));
  });

  it("thirteen fit, fourteen fall back to a numbered text", () => {
    const n = (k: number) => ({ body: "Elige", choices: Array.from({ length: k }, (_, i) => ({ id: `o${i}`, title: `Opción ${i + 1}` })) });
    expect((ig(n(13)) as { message: { quick_replies: unknown[] } }).message.quick_replies).toHaveLength(13);
    const fallback = ig(n(14)) as { message: Record<string, unknown> };
    expect(fallback.message.quick_replies).toBeUndefined();
    expect(String(fallback.message.text)).toContain("14. Opción 14");
  });
});

describe("Zenvia API v2", () => {
  const zv = (c: ChoicesContent, network: "whatsapp" | "instagram", from = "551130001234", to: OutboundMessage["to"] = waTo) =>
    json(buildZenviaSendRequest({ senderId: from, zenviaChannel: network }, { apiToken: "t" }, choicesMessage(to, c)).body);

  it("WhatsApp: `button` content", () => {
    expect(zv({ body: "¿Con quién quieres hablar?", footer: "Tienda Lucía", choices: menu3.choices.slice(0, 2) }, "whatsapp")).toEqual(fixture("zenvia", "send-button-request"));
  });

  it("WhatsApp: `list` content with a titled section", () => {
    const c = { ...shipping, header: undefined, footer: undefined, choices: [shipping.choices[0]!, { id: "normal", title: "Normal" }, ...shipping.choices.slice(2)] };
    delete c.header;
    delete c.footer;
    expect(zv(c, "whatsapp")).toEqual(fixture("zenvia", "send-list-request"));
  });

  it("Instagram: `replyable_text` with quick reply buttons", () => {
    expect(zv({ body: "¿Con quién quieres hablar?", choices: menu3.choices.slice(0, 2) }, "instagram", "tiendalucia", igTo)).toEqual(
      fixture("zenvia", "send-replyable-text-request"),
    );
  });

  it("falls back to a numbered `text` content", () => {
    const body = zv({ body: "Elige", choices: Array.from({ length: 12 }, (_, i) => ({ id: `o${i}`, title: `O${i}` })) }, "whatsapp") as { contents: unknown[] };
    expect(body.contents).toEqual([{ type: "text", text: expect.stringContaining("12. O11") as unknown }]);
  });
});

describe("replies parsed into the chosen id", () => {
  const first = (events: unknown[]) => events[0] as InboundMessage;

  it("WhatsApp button_reply and list_reply", () => {
    expect(first(parseWhatsAppWebhook(fixture("whatsapp", "interactive-button-reply"))).payload?.choiceId).toBe("entrega-sabado");
    expect(first(parseWhatsAppWebhook(fixture("whatsapp", "interactive-list-reply"))).payload?.choiceId).toBe("sedex");
  });

  it("Instagram quick_reply and postback", () => {
    expect(first(parseInstagramWebhook(fixture("instagram", "quick-reply"))).payload?.choiceId).toBe("DELIVERY_PICKUP");
    const postback = first(parseInstagramWebhook(fixture("instagram", "postback")));
    expect(postback.payload?.choiceId).toBe((postback.payload?.button as { payload?: string }).payload);
    expect(postback.payload?.choiceId).toBeTruthy();
  });

  it("Zenvia: a text content with a payload", () => {
    expect(first(parseZenviaWebhook(fixture("zenvia", "button-reply"))).payload?.choiceId).toBe("CONFIRMAR_PEDIDO_4821");
  });

  it("a typed text carries no choice id", () => {
    expect(first(parseWhatsAppWebhook(fixture("whatsapp", "text"))).payload?.choiceId).toBeUndefined();
  });
});
