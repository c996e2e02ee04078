import { badRequest } from "./errors";

// Agents type dates in their own time zone (an <input type="datetime-local"> has none); the server stores UTC.

function offsetAt(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(utcMs));
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
  // Two passes settle daylight-saving edges: the offset at the guess may differ from the offset at the answer.
  const first = naive - offsetAt(naive, timeZone);
  return naive - offsetAt(first, timeZone);
}

/** unix ms → "YYYY-MM-DDTHH:MM" in `timeZone`, for prefilling a datetime-local input. */
export function utcToLocalDateTime(utcMs: number, timeZone: string): string {
  const shifted = new Date(utcMs + offsetAt(utcMs, timeZone));
  return shifted.toISOString().slice(0, 16);
}
