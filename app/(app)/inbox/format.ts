import type { Locale } from "@/server/i18n/locale";

// Times as the agent reads them: in their own time zone and language.

export function formatTime(ms: number, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit" }).format(ms);
}

export function formatDateTime(ms: number, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "medium", timeStyle: "short" }).format(ms);
}

export function dayKey(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
}

export function formatDay(ms: number, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(ms);
}

/** "5 min", "2 h", "3 d": how long someone has waited, short enough for a list row. */
export function formatDuration(ms: number, locale: Locale): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const fmt = (value: number, unit: "minute" | "hour" | "day") =>
    new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "narrow" }).format(value);
  if (minutes < 60) return fmt(minutes, "minute");
  if (minutes < 48 * 60) return fmt(Math.floor(minutes / 60), "hour");
  return fmt(Math.floor(minutes / 1440), "day");
}
