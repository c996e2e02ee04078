import { badRequest } from "./errors";

// Agents type dates in their own time zone (an <input type="datetime-local"> has none); the server stores UTC.

// Building a formatter costs far more than using one (the reports page bucketed a year by hour and spent
// most of its time here), so one is kept per zone; a name Intl refuses throws before it is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `utcMs`, in ms (whole seconds, as Intl shows them). */
export function offsetAt(utcMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** "2026-01-05T14:30" in `timeZone` → unix ms. Throws BAD_REQUEST for anything else. */
export function localDateTimeToUtc(local: string, timeZone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) throw badRequest(`“${local}” is not a date and time; use the date picker or YYYY-MM-DDTHH:MM.`, { key: "error.time.format", params: { value: local } });
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(naive)) throw badRequest(`“${local}” is not a valid date.`, { key: "error.time.invalid", params: { value: local } });
  return wallClockToUtc(naive, timeZone);
}

/** The instant a wall-clock time in `timeZone` falls on, given that time read as if it were UTC. */
export function wallClockToUtc(naive: number, timeZone: string): number {
  // Two passes settle daylight-saving edges: the offset at the guess may differ from the offset at the answer.
  const first = naive - offsetAt(naive, timeZone);
  return naive - offsetAt(first, timeZone);
}

/** unix ms → "YYYY-MM-DDTHH:MM" in `timeZone`, for prefilling a datetime-local input. */
export function utcToLocalDateTime(utcMs: number, timeZone: string): string {
  const shifted = new Date(utcMs + offsetAt(utcMs, timeZone));
  return shifted.toISOString().slice(0, 16);
}

/** "UTC−03:00", "UTC+05:30", or "UTC" at `at`: shown beside a zone's name, since people know their offset. */
export function utcOffsetLabel(timeZone: string, at: number): string {
  const minutes = Math.round(offsetAt(at, timeZone) / 60_000);
  if (minutes === 0) return "UTC";
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `UTC${minutes < 0 ? "−" : "+"}${hh}:${mm}`;
}

const DAY_MS = 86_400_000;

/**
 * Whether two zone names keep the same clock from `now` through the coming year. Aliases do
 * (America/Buenos_Aires, America/Argentina/Buenos_Aires), and browsers differ on which one they report:
 * offering to switch between them would change no time shown. An unknown name keeps no clock.
 */
export function sameClock(a: string, b: string, now: number): boolean {
  if (a === b) return true;
  try {
    // Every 15 days catches any daylight-saving period that differs for more than two weeks.
    for (let at = now; at <= now + 366 * DAY_MS; at += 15 * DAY_MS) {
      if (offsetAt(at, a) !== offsetAt(at, b)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

function calendarDate(date: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d ? [y, mo, d] : null;
}

/** A date input's value ("2026-01-05") → when that day starts in `timeZone` (unix ms); null if it is no date. */
export function localDayStart(date: string, timeZone: string): number | null {
  return calendarDate(date) ? localDateTimeToUtc(`${date}T00:00`, timeZone) : null;
}

/** When the day after `date` starts in `timeZone`: the exclusive end of a range that includes `date`. */
export function localDayEnd(date: string, timeZone: string): number | null {
  const ymd = calendarDate(date);
  if (!ymd) return null;
  const next = new Date(Date.UTC(ymd[0], ymd[1] - 1, ymd[2] + 1)).toISOString().slice(0, 10);
  return localDateTimeToUtc(`${next}T00:00`, timeZone);
}
