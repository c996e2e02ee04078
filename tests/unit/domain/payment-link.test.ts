import { describe, expect, it } from "vitest";
import {
  buildPaymentUrl,
  validatePaymentFields,
  validatePaymentUrlPattern,
} from "@/server/domain/payment-link";
import { expectDomainError } from "./fixtures";

const PATTERN = "https://pay.example.com/new?amount={amount}&currency={currency}&description={description}";
const fields = { amount: 10.5, currency: "brl", description: "Order #42 – café & pão" };

describe("validatePaymentFields", () => {
  it("normalizes currency and description and keeps cents exact", () => {
    expect(validatePaymentFields({ amount: 19.99, currency: " usd ", description: "  Fee " })).toEqual({
      amount: 19.99,
      amountCents: 1999,
      currency: "USD",
      description: "Fee",
    });
    expect(validatePaymentFields({ ...fields, amount: 0.1 + 0.2 }).amountCents).toBe(30);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])("rejects amount %s", (amount) => {
    expectDomainError(() => validatePaymentFields({ ...fields, amount }), "BAD_REQUEST", /greater than zero/);
  });

  it("allows at most two decimals", () => {
    expect(validatePaymentFields({ ...fields, amount: 0.01 }).amountCents).toBe(1);
    expectDomainError(() => validatePaymentFields({ ...fields, amount: 1.005 }), "BAD_REQUEST", /two decimal/);
    expectDomainError(() => validatePaymentFields({ ...fields, amount: 0.001 }), "BAD_REQUEST", /two decimal/);
  });

  it("requires a real ISO 4217 code", () => {
    for (const currency of ["XYZ", "US", "USDT", "R$", ""]) {
      expectDomainError(() => validatePaymentFields({ ...fields, currency }), "BAD_REQUEST", /ISO 4217/);
    }
    expect(validatePaymentFields({ ...fields, currency: "EUR" }).currency).toBe("EUR");
  });

  it("requires a description of 1 to 200 characters", () => {
    expectDomainError(() => validatePaymentFields({ ...fields, description: "  " }), "BAD_REQUEST", /empty/);
    expect(validatePaymentFields({ ...fields, description: "👍🏽".repeat(200) }).description).toHaveLength(800);
    expectDomainError(
      () => validatePaymentFields({ ...fields, description: "x".repeat(201) }),
      "BAD_REQUEST",
      "Payment descriptions are limited to 200 characters; this one has 201.",
    );
  });
});

describe("buildPaymentUrl", () => {
  it("URL-encodes each value into its placeholder", () => {
    const url = buildPaymentUrl(PATTERN, fields);
    expect(url).toBe(
      "https://pay.example.com/new?amount=10.50&currency=BRL&description=Order%20%2342%20%E2%80%93%20caf%C3%A9%20%26%20p%C3%A3o",
    );
    const parsed = new URL(url);
    expect(parsed.searchParams.get("description")).toBe("Order #42 – café & pão");
    expect(parsed.searchParams.get("amount")).toBe("10.50");
  });

  it("offers the amount in cents", () => {
    expect(buildPaymentUrl("https://p.example/{currency}/{amount_cents}", { ...fields, amount: 1234.5 }))
      .toBe("https://p.example/BRL/123450");
  });

  it("keeps encoding safe in path segments", () => {
    expect(buildPaymentUrl("https://p.example/pay/{description}", { ...fields, description: "a/b?c" }))
      .toBe("https://p.example/pay/a%2Fb%3Fc");
  });

  it("validates the fields", () => {
    expectDomainError(() => buildPaymentUrl(PATTERN, { ...fields, amount: -5 }), "BAD_REQUEST");
  });
});

describe("validatePaymentUrlPattern", () => {
  it("rejects unknown placeholders", () => {
    expectDomainError(
      () => validatePaymentUrlPattern("https://p.example/?v={value}"),
      "BAD_REQUEST",
      /uses \{value\}, which isn't one of \{amount\}, \{amount_cents\}, \{currency\}, \{description\}/,
    );
  });

  it("requires an http(s) URL", () => {
    expectDomainError(() => validatePaymentUrlPattern("pay.example.com/{amount}"), "BAD_REQUEST", /valid URL/);
    expectDomainError(() => validatePaymentUrlPattern("javascript:alert({amount})"), "BAD_REQUEST", /https/);
    expect(validatePaymentUrlPattern(` ${PATTERN} `)).toBe(PATTERN);
  });
});
