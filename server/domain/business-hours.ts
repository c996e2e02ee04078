import { badRequest } from "./errors";
import { formatterFor, wallClockToUtc } from "./time-zone";

// A team's opening hours: a weekly schedule in one time zone (several intervals a day), and holidays
// (local dates when it stays closed). Distribution waits outside them, and reports measure waits in
// business time with businessMsBetween. A team without a schedule is always open.

/** "HH:MM" local times; `end` may be "24:00". An interval contains its start and not its end. */
export interface TimeInterval {
  start: string;
  end: string;
}

export interface Schedule {
  /** An IANA zone name, e.g. "America/Sao_Paulo". */
  timeZone: string;
  /** Seven entries, Monday first (index 0) to Sunday (index 6). */
  days: TimeInterval[][];
  /** Local dates, "YYYY-MM-DD", when the team is closed all day. */
  holidays: string[];
}

export const MAX_INTERVALS_PER_DAY = 8;
export const MAX_HOLIDAYS = 400;
const DAY_MS = 86_400_000;
/** How far ahead (and back) the searches below look; no real schedule needs more. */
const MAX_DAYS = 3_700;

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  y: number;
  m: number;
  d: number;
  /** Minutes since local midnight. */
  minute: number;
}

function localParts(at: number, timeZone: string): LocalParts {
  const parts = formatterFor(timeZone).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: get("year"), m: get("month"), d: get("day"), minute: get("hour") * 60 + get("minute") };
}

/** The instant a local wall-clock time falls on. */
function localToUtc(y: number, m: number, d: number, minute: number, timeZone: string): number {
  return wallClockToUtc(Date.UTC(y, m - 1, d, 0, minute), timeZone);
}

/** "09:30" → 570; "24:00" → 1440; null for anything else. */
export function parseClock(value: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const h = Number(match[1]);
  const mi = Number(match[2]);
  if (mi > 59 || h > 24 || (h === 24 && mi !== 0)) return null;
  return h * 60 + mi;
}

function validDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(y, m - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d;
}

const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** Checks a schedule someone typed; throws a translated BAD_REQUEST naming the first problem. Returns it sorted. */
export function validateSchedule(input: Schedule): Schedule {
  if (!isValidTimeZone(input.timeZone)) {
    throw badRequest(`“${input.timeZone}” is not a time zone we know; use a name like America/Sao_Paulo.`, {
      key: "error.hours.timeZone",
      params: { zone: input.timeZone },
    });
  }
  if (!Array.isArray(input.days) || input.days.length !== 7) {
    throw badRequest("Opening hours need one entry per day of the week, Monday to Sunday.", { key: "error.hours.days" });
  }
  const days = input.days.map((intervals, index) => {
    const day = DAY_NAMES[index]!;
    if (intervals.length > MAX_INTERVALS_PER_DAY) {
      throw badRequest(`${day} has more than ${MAX_INTERVALS_PER_DAY} intervals.`, {
        key: "error.hours.tooMany",
        params: { day: String(index + 1), max: MAX_INTERVALS_PER_DAY },
      });
    }
    const parsed = intervals.map((interval) => {
      const start = parseClock(interval.start);
      const end = parseClock(interval.end);
      if (start === null || end === null || start >= end || start >= 1440) {
        throw badRequest(`${day}: “${interval.start}–${interval.end}” is not an interval; write it like 09:00–18:00.`, {
          key: "error.hours.interval",
          params: { day: String(index + 1), start: interval.start, end: interval.end },
        });
      }
      return { start, end, interval };
    });
    parsed.sort((a, b) => a.start - b.start);
    for (let i = 1; i < parsed.length; i++) {
      if (parsed[i]!.start < parsed[i - 1]!.end) {
        const a = parsed[i - 1]!.interval;
        const b = parsed[i]!.interval;
        throw badRequest(`${day}: ${a.start}–${a.end} and ${b.start}–${b.end} overlap.`, {
          key: "error.hours.overlap",
          params: { day: String(index + 1), first: `${a.start}–${a.end}`, second: `${b.start}–${b.end}` },
        });
      }
    }
    return parsed.map((p) => ({ start: p.interval.start, end: p.interval.end }));
  });
  if (input.holidays.length > MAX_HOLIDAYS) {
    throw badRequest(`At most ${MAX_HOLIDAYS} holidays.`, { key: "error.hours.holidays", params: { max: MAX_HOLIDAYS } });
  }
  for (const date of input.holidays) {
    if (!validDate(date)) {
      throw badRequest(`“${date}” is not a date; write holidays as YYYY-MM-DD.`, { key: "error.hours.holiday", params: { value: date } });
    }
  }
  return { timeZone: input.timeZone, days, holidays: [...new Set(input.holidays)].sort() };
}

/** Monday = 0 … Sunday = 6, for a local calendar date. */
function weekday(y: number, m: number, d: number): number {
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

function dateKey(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The local calendar date `offset` days after (y, m, d). */
function addDays(y: number, m: number, d: number, offset: number): [number, number, number] {
  const date = new Date(Date.UTC(y, m - 1, d + offset));
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

/** The open intervals of one local day as instants, [start, end). Empty on holidays. */
function dayIntervals(schedule: Schedule, y: number, m: number, d: number): Array<[number, number]> {
  if (schedule.holidays.includes(dateKey(y, m, d))) return [];
  const out: Array<[number, number]> = [];
  for (const interval of schedule.days[weekday(y, m, d)] ?? []) {
    const start = parseClock(interval.start);
    const end = parseClock(interval.end);
    if (start === null || end === null || start >= end) continue;
    out.push([localToUtc(y, m, d, start, schedule.timeZone), localToUtc(y, m, d, end, schedule.timeZone)]);
  }
  return out;
}

/** Whether the team is open at `now`. No schedule: always open. */
export function isOpenAt(schedule: Schedule | null, now: number): boolean {
  if (!schedule) return true;
  const local = localParts(now, schedule.timeZone);
  if (schedule.holidays.includes(dateKey(local.y, local.m, local.d))) return false;
  for (const interval of schedule.days[weekday(local.y, local.m, local.d)] ?? []) {
    const start = parseClock(interval.start);
    const end = parseClock(interval.end);
    if (start !== null && end !== null && local.minute >= start && local.minute < end) return true;
  }
  return false;
}

/** When the team next opens: `now` if open, null if the schedule never opens. */
export function nextOpeningAt(schedule: Schedule | null, now: number): number | null {
  if (isOpenAt(schedule, now)) return now;
  const s = schedule!;
  const today = localParts(now, s.timeZone);
  for (let i = 0; i <= MAX_DAYS; i++) {
    const [y, m, d] = addDays(today.y, today.m, today.d, i);
    for (const [start] of dayIntervals(s, y, m, d)) if (start > now) return start;
    // A week with no interval at all never opens (holidays can only close more).
    if (i === 7 && s.days.every((day) => day.length === 0)) return null;
  }
  return null;
}

/**
 * How much of [from, to) falls inside opening hours, in ms: a customer who wrote at 17:50 on a Friday and was
 * answered at 09:10 on Monday (open 09:00–18:00 on weekdays) waited 20 minutes of business time.
 */
export function businessMsBetween(schedule: Schedule | null, from: number, to: number): number {
  if (to <= from) return 0;
  if (!schedule) return to - from;
  const first = localParts(from, schedule.timeZone);
  const days = Math.min(Math.ceil((to - from) / DAY_MS) + 2, MAX_DAYS);
  let total = 0;
  // One day before the local date of `from`: an interval near midnight in a far zone can straddle it.
  for (let i = -1; i <= days; i++) {
    const [y, m, d] = addDays(first.y, first.m, first.d, i);
    for (const [start, end] of dayIntervals(schedule, y, m, d)) {
      const a = Math.max(start, from);
      const b = Math.min(end, to);
      if (b > a) total += b - a;
    }
  }
  return total;
}

/** Always open, the default a team starts with. */
export function alwaysOpen(timeZone = "UTC"): Schedule {
  const all = [{ start: "00:00", end: "24:00" }];
  return { timeZone, days: Array.from({ length: 7 }, () => all), holidays: [] };
}
