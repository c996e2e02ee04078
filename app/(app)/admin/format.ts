// Presentation helpers for admin tables, pure so they can be tested without a browser.

/** A time in the viewer's own time zone and language; falls back to UTC for an unknown zone. */
export function formatTime(at: number, locale: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "medium" };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(at);
  }
}
