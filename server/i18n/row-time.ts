import { dayKey, formatTime } from "./format";
import type { Locale } from "./locale";

// When a chat last moved, as a list row says it: the time today, "yesterday", the weekday within the past
// week, then a short date — in the viewer's zone and language.

const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f as T;
}

/** Whole calendar days between two moments in `timeZone` (days of different length across DST included). */
function daysBetween(earlier: number, later: number, timeZone: string): number {
  const day = (ms: number) => Date.parse(`${dayKey(ms, timeZone)}T00:00:00Z`);
  return Math.round((day(later) - day(earlier)) / 86_400_000);
}

export function formatRowTime(ms: number, now: number, locale: Locale, timeZone: string): string {
  const days = daysBetween(ms, now, timeZone);
  if (days <= 0) return formatTime(ms, locale, timeZone);
  if (days === 1) {
    const relative = cached(`rel|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }));
    return relative.format(-1, "day");
  }
  if (days < 7) return cached(`wd|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { weekday: "short", timeZone })).format(ms);
  const sameYear = dayKey(ms, timeZone).slice(0, 4) === dayKey(now, timeZone).slice(0, 4);
  const options: Intl.DateTimeFormatOptions = sameYear ? { day: "numeric", month: "short" } : { day: "numeric", month: "numeric", year: "2-digit" };
  return cached(`d|${sameYear}|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { ...options, timeZone })).format(ms);
}
