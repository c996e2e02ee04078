import type { Locale } from "@/server/i18n/locale";

const formats = new Map<string, Intl.NumberFormat>();

function unit(value: number, u: "second" | "minute" | "hour" | "day", locale: Locale): string {
  const key = `${locale}|${u}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, { style: "unit", unit: u, unitDisplay: "short", maximumFractionDigits: 1 })));
  return f.format(value);
}

/** "40 s", "12 min", "3.5 h", "2 d": a report's durations, precise enough to compare agents. */
export function formatSpan(ms: number | null, locale: Locale, none: string): string {
  if (ms === null) return none;
  const s = ms / 1000;
  if (s < 60) return unit(Math.round(s), "second", locale);
  if (s < 3600) return unit(Math.round(s / 6) / 10, "minute", locale);
  if (s < 48 * 3600) return unit(Math.round(s / 360) / 10, "hour", locale);
  return unit(Math.round(s / 8640) / 10, "day", locale);
}
