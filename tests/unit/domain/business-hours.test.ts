import { describe, expect, it } from "vitest";
import { alwaysOpen, businessMsBetween, isOpenAt, nextOpeningAt, validateSchedule, type Schedule } from "@/server/domain/business-hours";
import { isDomainError } from "@/server/domain/errors";

const weekdays = (intervals: Array<{ start: string; end: string }>): Schedule["days"] => [
  intervals, intervals, intervals, intervals, intervals, [], [],
];
// São Paulo has had no daylight saving since 2019: UTC−3 all year.
const sp: Schedule = { timeZone: "America/Sao_Paulo", days: weekdays([{ start: "09:00", end: "12:00" }, { start: "13:00", end: "18:00" }]), holidays: ["2026-01-01"] };
const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error)) return error.text.key;
    throw error;
  }
  return "accepted";
}

describe("isOpenAt", () => {
  it("follows the local clock of the team's zone, several intervals a day", () => {
    // Monday 2026-01-05.
    expect(isOpenAt(sp, at("2026-01-05T11:59:00-03:00"))).toBe(true);
    expect(isOpenAt(sp, at("2026-01-05T12:00:00-03:00"))).toBe(false); // lunch
    expect(isOpenAt(sp, at("2026-01-05T13:00:00-03:00"))).toBe(true);
    expect(isOpenAt(sp, at("2026-01-05T18:00:00-03:00"))).toBe(false);
    expect(isOpenAt(sp, at("2026-01-05T08:59:00-03:00"))).toBe(false);
    // 09:30 in São Paulo is 12:30 UTC: the zone, not UTC, decides.
    expect(isOpenAt(sp, at("2026-01-05T09:30:00Z"))).toBe(false);
  });

  it("is closed at weekends and on holidays, and always open without a schedule", () => {
    expect(isOpenAt(sp, at("2026-01-10T10:00:00-03:00"))).toBe(false); // Saturday
    expect(isOpenAt(sp, at("2026-01-01T10:00:00-03:00"))).toBe(false); // a Thursday, but a holiday
    expect(isOpenAt(null, 0)).toBe(true);
    expect(isOpenAt(alwaysOpen("Asia/Kolkata"), at("2026-01-10T03:00:00Z"))).toBe(true);
  });

  it("handles a daylight-saving zone on both sides of the change", () => {
    const ny: Schedule = { timeZone: "America/New_York", days: Array.from({ length: 7 }, () => [{ start: "09:00", end: "17:00" }]), holidays: [] };
    expect(isOpenAt(ny, at("2026-01-05T14:30:00Z"))).toBe(true); // 09:30 EST
    expect(isOpenAt(ny, at("2026-07-06T13:30:00Z"))).toBe(true); // 09:30 EDT
    expect(isOpenAt(ny, at("2026-01-05T13:30:00Z"))).toBe(false); // 08:30 EST
  });
});

describe("nextOpeningAt", () => {
  it("is now when open, the next interval's start otherwise, null when it never opens", () => {
    const monday10 = at("2026-01-05T10:00:00-03:00");
    expect(nextOpeningAt(sp, monday10)).toBe(monday10);
    expect(nextOpeningAt(sp, at("2026-01-05T12:30:00-03:00"))).toBe(at("2026-01-05T13:00:00-03:00"));
    expect(nextOpeningAt(sp, at("2026-01-09T19:00:00-03:00"))).toBe(at("2026-01-12T09:00:00-03:00")); // Friday night → Monday
    expect(nextOpeningAt(sp, at("2025-12-31T19:00:00-03:00"))).toBe(at("2026-01-02T09:00:00-03:00")); // skips the holiday
    expect(nextOpeningAt({ timeZone: "UTC", days: [[], [], [], [], [], [], []], holidays: [] }, 0)).toBeNull();
  });
});

describe("businessMsBetween", () => {
  it("counts only the time inside opening hours", () => {
    // Friday 17:50 → Monday 09:10: ten minutes on Friday, ten on Monday.
    expect(businessMsBetween(sp, at("2026-01-09T17:50:00-03:00"), at("2026-01-12T09:10:00-03:00"))).toBe(20 * MIN);
    // Across lunch: 11:00 → 14:00 is two hours of business time.
    expect(businessMsBetween(sp, at("2026-01-05T11:00:00-03:00"), at("2026-01-05T14:00:00-03:00"))).toBe(120 * MIN);
    // A whole week: five days of eight hours, less the holiday when there is one.
    expect(businessMsBetween(sp, at("2026-01-05T00:00:00-03:00"), at("2026-01-12T00:00:00-03:00"))).toBe(5 * 8 * 60 * MIN);
    expect(businessMsBetween(sp, at("2025-12-29T00:00:00-03:00"), at("2026-01-05T00:00:00-03:00"))).toBe(4 * 8 * 60 * MIN);
  });

  it("is the plain difference without a schedule, and zero for an empty or reversed range", () => {
    expect(businessMsBetween(null, 1_000, 61_000)).toBe(60_000);
    expect(businessMsBetween(sp, 5_000, 5_000)).toBe(0);
    expect(businessMsBetween(sp, 9_000, 5_000)).toBe(0);
  });

  it("agrees with isOpenAt minute by minute over a day", () => {
    const start = at("2026-01-05T00:00:00-03:00");
    let open = 0;
    for (let t = start; t < start + 24 * 60 * MIN; t += MIN) if (isOpenAt(sp, t)) open += MIN;
    expect(businessMsBetween(sp, start, start + 24 * 60 * MIN)).toBe(open);
  });
});

describe("validateSchedule", () => {
  it("accepts a good schedule, sorting intervals and holidays", () => {
    const s = validateSchedule({ ...sp, days: weekdays([{ start: "13:00", end: "18:00" }, { start: "09:00", end: "12:00" }]), holidays: ["2026-12-25", "2026-01-01", "2026-01-01"] });
    expect(s.days[0]).toEqual([{ start: "09:00", end: "12:00" }, { start: "13:00", end: "18:00" }]);
    expect(s.holidays).toEqual(["2026-01-01", "2026-12-25"]);
    expect(validateSchedule(alwaysOpen()).days[6]).toEqual([{ start: "00:00", end: "24:00" }]);
  });

  it("refuses an unknown zone, overlaps, backwards or malformed intervals, bad dates and a wrong week", () => {
    expect(refusal(() => validateSchedule({ ...sp, timeZone: "Mars/Olympus" }))).toBe("error.hours.timeZone");
    expect(refusal(() => validateSchedule({ ...sp, days: weekdays([{ start: "09:00", end: "13:00" }, { start: "12:00", end: "18:00" }]) }))).toBe("error.hours.overlap");
    expect(refusal(() => validateSchedule({ ...sp, days: weekdays([{ start: "18:00", end: "09:00" }]) }))).toBe("error.hours.interval");
    expect(refusal(() => validateSchedule({ ...sp, days: weekdays([{ start: "9", end: "10:00" }]) }))).toBe("error.hours.interval");
    expect(refusal(() => validateSchedule({ ...sp, days: weekdays([{ start: "24:00", end: "24:00" }]) }))).toBe("error.hours.interval");
    expect(refusal(() => validateSchedule({ ...sp, holidays: ["2026-02-30"] }))).toBe("error.hours.holiday");
    expect(refusal(() => validateSchedule({ ...sp, days: sp.days.slice(0, 6) }))).toBe("error.hours.days");
    // Touching intervals are fine.
    expect(refusal(() => validateSchedule({ ...sp, days: weekdays([{ start: "09:00", end: "12:00" }, { start: "12:00", end: "18:00" }]) }))).toBe("accepted");
  });
});
