import { badRequest } from "./errors";
import { graphemeCount } from "./text";

// Payment links are built from a URL pattern the company configures for its payment provider,
// e.g. "https://pay.example.com/new?amount={amount}&currency={currency}&description={description}".

export const PAYMENT_PLACEHOLDERS = ["amount", "amount_cents", "currency", "description"] as const;
type Placeholder = (typeof PAYMENT_PLACEHOLDERS)[number];

export const PAYMENT_DESCRIPTION_MAX = 200;

export interface PaymentFields {
  /** In major units with at most two decimals: 10.5 is ten and a half. */
  amount: number;
  /** ISO 4217, upper case. */
  currency: string;
  description: string;
}

let currencies: Set<string> | undefined;
function isCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf("currency"));
  return currencies.has(code);
}

/** Amounts as integer cents, so "19.99" never turns into 1998.9999999999998 anywhere downstream. */
function toCents(amount: number): number {
  if (!Number.isFinite(amount) || amount <= 0) {
    throw badRequest("The amount must be a number greater than zero.", { key: "error.payment.amount" });
  }
  const cents = Math.round(amount * 100);
  if (Math.abs(amount * 100 - cents) > 1e-6) {
    throw badRequest(`The amount can have at most two decimal places; ${amount} has more.`, { key: "error.payment.decimals", params: { value: String(amount) } });
  }
  if (!Number.isSafeInteger(cents)) throw badRequest("The amount is too large.", { key: "error.payment.tooLarge" });
  return cents;
}

export function validatePaymentFields(input: PaymentFields): PaymentFields & { amountCents: number } {
  const amountCents = toCents(input.amount);
  const currency = input.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency) || !isCurrency(currency)) {
    throw badRequest(`“${input.currency.trim()}” isn't an ISO 4217 currency code like BRL or USD.`, {
      key: "error.payment.currency",
      params: { code: input.currency.trim() },
    });
  }
  const description = input.description.trim();
  if (description === "") throw badRequest("The payment description is empty.", { key: "error.payment.description" });
  const length = graphemeCount(description);
  if (length > PAYMENT_DESCRIPTION_MAX) {
    throw badRequest(
      `Payment descriptions are limited to ${PAYMENT_DESCRIPTION_MAX} characters; this one has ${length}.`,
      { key: "error.payment.descriptionLength", params: { max: PAYMENT_DESCRIPTION_MAX, count: length } },
    );
  }
  return { amount: amountCents / 100, amountCents, currency, description };
}

/** Checks a configured pattern: an http(s) URL using only the known placeholders. */
export function validatePaymentUrlPattern(pattern: string): string {
  const trimmed = pattern.trim();
  for (const match of trimmed.matchAll(/\{([^{}]*)\}/g)) {
    if (!(PAYMENT_PLACEHOLDERS as readonly string[]).includes(match[1] ?? "")) {
      const allowed = PAYMENT_PLACEHOLDERS.map((p) => `{${p}}`).join(", ");
      throw badRequest(`The payment link pattern uses ${match[0]}, which isn't one of ${allowed}.`, {
        key: "error.payment.placeholder",
        params: { found: match[0], allowed },
      });
    }
  }
  const sample = trimmed.replace(/\{[^{}]*\}/g, "x");
  let url: URL;
  try {
    url = new URL(sample);
  } catch {
    throw badRequest(`The payment link pattern “${trimmed}” isn't a valid URL.`, { key: "error.payment.patternUrl", params: { pattern: trimmed } });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw badRequest("The payment link pattern must start with https:// (or http://).", { key: "error.payment.patternProtocol" });
  }
  return trimmed;
}

/** The link for these fields, each value URL-encoded into its placeholder. */
export function buildPaymentUrl(pattern: string, fields: PaymentFields): string {
  const checkedPattern = validatePaymentUrlPattern(pattern);
  const { amountCents, currency, description } = validatePaymentFields(fields);
  const values: Record<Placeholder, string> = {
    amount: `${Math.floor(amountCents / 100)}.${String(amountCents % 100).padStart(2, "0")}`,
    amount_cents: String(amountCents),
    currency,
    description,
  };
  return checkedPattern.replace(/\{([^{}]*)\}/g, (_, name: string) =>
    encodeURIComponent(values[name as Placeholder]),
  );
}
