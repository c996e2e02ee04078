// Pure arithmetic for the reports: percentiles, the date range in the viewer's time zone, and buckets by
// local day and by weekday × hour. Times are unix ms; a "day" is the viewer's calendar day.
import { localDateTimeToUtc, utcToLocalDateTime } from "./time-zone";

/**
 * Nearest-rank percentile (p in 0..1] of ascending `sorted`: always a value that happened, so "median first
 * response 4 min" is some customer's real wait. Null for no values.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export const median = (sorted: ArrayLike<number>) => percentile(sorted, 0.5);

export const sortNumbers = (values: Iterable<number>) => Float64Array.from(values).sort();

export type RangePreset = "today" | "7d" | "30d" | "custom";

export interface ReportRange {
  /** Inclusive start and exclusive end, unix ms. */
  from: number;
  to: number;
  /** The local days covered, "YYYY-MM-DD", in order. */
  days: string[];
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
export const isDay = (s: string) => DAY_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** The local calendar day of `at` in `timeZone`. */
export const localDay = (at: number, timeZone: string) => utcToLocalDateTime(at, timeZone).slice(0, 10);

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The most days one report covers: a year and a day (a leap year's 1 January to 1 January). */
export const MAX_RANGE_DAYS = 367;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const QUARTER_MS = 900_000;

/**
 * The range a preset names in the viewer's zone at `now`: today, the last 7 or 30 days ending today, or the
 * custom days `fromDay`..`toDay` inclusive (swapped if given backwards, capped to a year and a day).
 */
export function resolveRange(preset: RangePreset, now: number, timeZone: string, fromDay?: string, toDay?: string): ReportRange {
  const today = localDay(now, timeZone);
  let first = today;
  let last = today;
  if (preset === "7d") first = addDays(today, -6);
  else if (preset === "30d") first = addDays(today, -29);
  else if (preset === "custom" && fromDay && toDay && isDay(fromDay) && isDay(toDay)) {
    [first, last] = fromDay <= toDay ? [fromDay, toDay] : [toDay, fromDay];
    if (Date.parse(last) - Date.parse(first) >= MAX_RANGE_DAYS * 86_400_000) last = addDays(first, MAX_RANGE_DAYS - 1);
  }
  const days: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) days.push(d);
  return { from: localDateTimeToUtc(`${first}T00:00`, timeZone), to: localDateTimeToUtc(`${addDays(last, 1)}T00:00`, timeZone), days };
}

/**
 * Local wall-clock fields of instants in one zone. The offset is looked up once per UTC day when the day
 * starts and ends on the same offset, else once per quarter hour of that day; each local day's name is
 * built once. A year of chats costs a few hundred lookups and arithmetic per chat (the reports page
 * buckets every chat of the range twice; a lookup builds a date string and parses it back).
 */
export function localClock(timeZone: string): LocalClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    // A zone's offsets on a given UTC day do not change while the process runs: reports keep them.
    if (clocks.size >= 64) clocks.clear();
    clocks.set(timeZone, (clock = makeLocalClock(timeZone)));
  }
  return clock;
}

export type LocalClock = (at: number) => { day: string; weekday: number; hour: number };
const clocks = new Map<string, LocalClock>();

function makeLocalClock(timeZone: string): LocalClock {
  const offsetOf = (at: number) => Date.parse(`${utcToLocalDateTime(at, timeZone)}:00Z`) - at;
  const days = new Map<number, number | Map<number, number>>();
  const names = new Map<number, string>();
  const offset = (at: number): number => {
    const utcDay = Math.floor(at / DAY_MS);
    let known = days.get(utcDay);
    if (known === undefined) {
      const start = utcDay * DAY_MS;
      const first = offsetOf(start);
      known = first === offsetOf(start + DAY_MS) ? first : new Map<number, number>();
      days.set(utcDay, known);
    }
    if (typeof known === "number") return known;
    // Changes fall on quarter hours in UTC (St John's changes at 05:30 UTC).
    const slot = Math.floor(at / QUARTER_MS);
    let bySlot = known.get(slot);
    if (bySlot === undefined) known.set(slot, (bySlot = offsetOf(slot * QUARTER_MS)));
    return bySlot;
  };
  return (at: number) => {
    const local = at + offset(at);
    const dayIndex = Math.floor(local / DAY_MS);
    let day = names.get(dayIndex);
    if (day === undefined) names.set(dayIndex, (day = new Date(dayIndex * DAY_MS).toISOString().slice(0, 10)));
    // 1970-01-01 was a Thursday (4).
    return { day, weekday: (((dayIndex + 4) % 7) + 7) % 7, hour: Math.floor((local - dayIndex * DAY_MS) / HOUR_MS) };
  };
}

/** 7 × 24 counts, [weekday 0 = Sunday][local hour]. */
export function heatmap(instants: Iterable<number>, timeZone: string): number[][] {
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const clock = localClock(timeZone);
  for (const at of instants) {
    const { weekday, hour } = clock(at);
    grid[weekday]![hour]! += 1;
  }
  return grid;
}

export interface DayFigures {
  day: string;
  opened: number;
  /** Median first response of the chats opened that day. */
  medianFirstResponseMs: number | null;
}

/** Chats opened per local day of `range`, with the median first response of each day. */
export function perDay(chats: Iterable<{ openedAt: number; firstResponseMs: number | null }>, range: ReportRange, timeZone: string): DayFigures[] {
  const clock = localClock(timeZone);
  const byDay = new Map(range.days.map((d) => [d, { opened: 0, waits: [] as number[] }]));
  for (const c of chats) {
    const bucket = byDay.get(clock(c.openedAt).day);
    if (!bucket) continue;
    bucket.opened += 1;
    if (c.firstResponseMs !== null) bucket.waits.push(c.firstResponseMs);
  }
  return range.days.map((day) => {
    const b = byDay.get(day)!;
    return { day, opened: b.opened, medianFirstResponseMs: median(sortNumbers(b.waits)) };
  });
}
