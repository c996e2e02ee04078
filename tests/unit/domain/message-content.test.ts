import { describe, expect, it } from "vitest";
import { MB } from "@/server/domain/media-limits";
import { validateOutboundContent, type ContentContext } from "@/server/domain/message-content";
import { expectDomainError } from "./fixtures";

const PATTERN = "https://pay.example.com/new?amount={amount}&currency={currency}&description={description}";
const whatsapp: ContentContext = { channel: { type: "whatsapp" }, paymentUrlPattern: PATTERN };
const instagram: ContentContext = { channel: { type: "instagram" } };

describe("text", () => {
  it("trims and applies the channel's reply limit", () => {
    expect(validateOutboundContent({ kind: "text", body: "  Olá!  " }, whatsapp)).toEqual({ kind: "text", body: "Olá!" });
    expect(() => validateOutboundContent({ kind: "text", body: "x".repeat(1000) }, instagram)).not.toThrow();
    expectDomainError(
      () => validateOutboundContent({ kind: "text", body: "x".repeat(1003) }, instagram),
      "BAD_REQUEST",
      "Instagram replies are limited to 1,000 characters; this one has 1,003.",
    );
    expectDomainError(() => validateOutboundContent({ kind: "text", body: " " }, whatsapp), "BAD_REQUEST", /empty/);
  });
});

describe("location", () => {
  it("accepts the boundaries and drops blank optional fields", () => {
    expect(
      validateOutboundContent({ kind: "location", latitude: -90, longitude: 180, name: " HQ ", address: " " }, whatsapp),
    ).toEqual({ kind: "location", latitude: -90, longitude: 180, name: "HQ" });
    expect(validateOutboundContent({ kind: "location", latitude: 90, longitude: -180 }, whatsapp)).toEqual({
      kind: "location",
      latitude: 90,
      longitude: -180,
    });
  });

  it.each([
    [90.0001, 0, /latitude must be between -90 and 90/],
    [-91, 0, /latitude/],
    [0, 180.5, /longitude must be between -180 and 180/],
    [0, -181, /longitude/],
    [Number.NaN, 0, /latitude/],
  ])("rejects (%s, %s)", (latitude, longitude, message) => {
    expectDomainError(() => validateOutboundContent({ kind: "location", latitude, longitude }, whatsapp), "BAD_REQUEST", message);
  });
});

describe("payment_link", () => {
  it("builds the link from the configured pattern", () => {
    expect(
      validateOutboundContent({ kind: "payment_link", amount: 25, currency: "brl", description: "Pedido 7" }, whatsapp),
    ).toEqual({
      kind: "payment_link",
      amount: 25,
      amountCents: 2500,
      currency: "BRL",
      description: "Pedido 7",
      url: "https://pay.example.com/new?amount=25.00&currency=BRL&description=Pedido%207",
    });
  });

  it("needs a pattern to be configured", () => {
    expectDomainError(
      () => validateOutboundContent({ kind: "payment_link", amount: 1, currency: "BRL", description: "x" }, instagram),
      "PRECONDITION_FAILED",
      /aren't set up/,
    );
  });

  it("validates amount, currency and description", () => {
    const base = { kind: "payment_link" as const, amount: 1, currency: "BRL", description: "x" };
    expectDomainError(() => validateOutboundContent({ ...base, amount: 1.234 }, whatsapp), "BAD_REQUEST", /two decimal/);
    expectDomainError(() => validateOutboundContent({ ...base, currency: "BRLL" }, whatsapp), "BAD_REQUEST", /ISO 4217/);
    expectDomainError(() => validateOutboundContent({ ...base, description: "x".repeat(201) }, whatsapp), "BAD_REQUEST", /200/);
  });
});

describe("call and template", () => {
  it("accepts a call entry", () => {
    expect(validateOutboundContent({ kind: "call" }, whatsapp)).toEqual({ kind: "call" });
  });

  it("normalizes a template reference and its values", () => {
    expect(
      validateOutboundContent({ kind: "template", name: "order_update", language: "pt_BR", variables: [" Ana ", "#42"] }, whatsapp),
    ).toEqual({ kind: "template", name: "order_update", language: "pt_BR", variables: ["Ana", "#42"] });
  });

  it("refuses empty template values", () => {
    expectDomainError(
      () => validateOutboundContent({ kind: "template", name: "t", language: "en", variables: ["a", ""] }, whatsapp),
      "BAD_REQUEST",
      "The value for {{2}} is empty.",
    );
  });
});

describe("media", () => {
  it("applies the channel's media rules", () => {
    expect(
      validateOutboundContent({ kind: "image", fileName: "a.png", mimeType: "image/png", size: MB }, whatsapp),
    ).toEqual({ kind: "image", fileName: "a.png", mimeType: "image/png", size: MB });
    expectDomainError(
      () => validateOutboundContent({ kind: "file", fileName: "a.pdf", mimeType: "application/pdf", size: 1 }, instagram),
      "BAD_REQUEST",
      /Instagram can't send documents/,
    );
  });
});
