import type { Locale } from "./locale";

// Times as the agent reads them: in their own time zone and language.

// Building an Intl formatter costs far more than using one, and the inbox page formats a few times per list
// row and per message (bench: about a tenth of the page's server time). Formatters are immutable, so one per
// kind × locale × time zone serves every request; the few combinations in use keep the map small.
const formatters = new Map<string, Intl.DateTimeFormat>();
const numberFormatters = new Map<string, Intl.NumberFormat>();
const moneyFormatters = new Map<string, Intl.NumberFormat>();

function dateFormat(kind: string, locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${kind}|${locale}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone })));
  return f;
}

export function formatTime(ms: number, locale: Locale, timeZone: string): string {
  return dateFormat("time", locale, timeZone, { hour: "2-digit", minute: "2-digit" }).format(ms);
}

export function formatDateTime(ms: number, locale: Locale, timeZone: string): string {
  return dateFormat("datetime", locale, timeZone, { dateStyle: "medium", timeStyle: "short" }).format(ms);
}

export function dayKey(ms: number, timeZone: string): string {
  return dateFormat("daykey", "en-CA", timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
}

export function formatDay(ms: number, locale: Locale, timeZone: string): string {
  return dateFormat("day", locale, timeZone, { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(ms);
}

/** "5 min", "2 h", "3 d": how long someone has waited, short enough for a list row. */
/** Stands for formatDuration's answer in a text the browser fills in as time passes (a row's wait). */
export const DURATION_MARK = "\u2060duration\u2060";

export function formatDuration(ms: number, locale: Locale): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const fmt = (value: number, unit: "minute" | "hour" | "day") => {
    const key = `${locale}|${unit}`;
    let f = numberFormatters.get(key);
    if (!f) numberFormatters.set(key, (f = new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "narrow" })));
    return f.format(value);
  };
  if (minutes < 60) return fmt(minutes, "minute");
  if (minutes < 48 * 60) return fmt(Math.floor(minutes / 60), "hour");
  return fmt(Math.floor(minutes / 1440), "day");
}

/**
 * "ARS 1.500,50" for a Spanish or Portuguese reader, "ARS 1,500.50" in English: the code first, then the
 * amount with the reader's separators (always grouped: CLDR's Spanish leaves 1500 ungrouped) and the
 * currency's own number of decimals.
 */
export function formatMoney(amount: number, currency: string, locale: Locale): string {
  const key = `${locale}|${currency}`;
  let f = moneyFormatters.get(key);
  if (!f) {
    let digits = 2;
    try {
      digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      // A code Intl does not know (a provider may send anything): two decimals.
    }
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: "always" });
    moneyFormatters.set(key, f);
  }
  return `${currency} ${f.format(amount)}`;
}
