import { describe, expect, it } from "vitest";
import { localDateTimeToUtc, localDayEnd, localDayStart, sameClock, utcOffsetLabel, utcToLocalDateTime } from "@/server/domain/time-zone";

describe("local date-times in the agent's time zone", () => {
  it("converts São Paulo (UTC−3) and Madrid (UTC+1 in winter, +2 in summer)", () => {
    expect(localDateTimeToUtc("2026-01-05T14:30", "America/Sao_Paulo")).toBe(Date.UTC(2026, 0, 5, 17, 30));
    expect(localDateTimeToUtc("2026-01-05T14:30", "Europe/Madrid")).toBe(Date.UTC(2026, 0, 5, 13, 30));
    expect(localDateTimeToUtc("2026-07-05T14:30", "Europe/Madrid")).toBe(Date.UTC(2026, 6, 5, 12, 30));
    expect(localDateTimeToUtc("2026-07-05T14:30", "UTC")).toBe(Date.UTC(2026, 6, 5, 14, 30));
  });

  it("lands on the right side of a daylight-saving change when the guess falls on the other", () => {
    // Madrid springs forward at 01:00 UTC on 29 March: 01:30 local is still winter time (UTC+1).
    expect(localDateTimeToUtc("2026-03-29T01:30", "Europe/Madrid")).toBe(Date.UTC(2026, 2, 29, 0, 30));
    // New York springs forward at 07:00 UTC on 8 March: 03:30 local is already summer time (UTC−4).
    expect(localDateTimeToUtc("2026-03-08T03:30", "America/New_York")).toBe(Date.UTC(2026, 2, 8, 7, 30));
  });

  it("round-trips for the form's prefill", () => {
    const at = Date.UTC(2026, 2, 29, 9, 15);
    expect(localDateTimeToUtc(utcToLocalDateTime(at, "Europe/Madrid"), "Europe/Madrid")).toBe(at);
    expect(utcToLocalDateTime(at, "America/Mexico_City")).toBe("2026-03-29T03:15");
  });

  it("refuses what is not a date-time", () => {
    expect(() => localDateTimeToUtc("tomorrow", "UTC")).toThrow(/not a date and time/);
  });
});

describe("what the forms say about the zone", () => {
  const JAN = Date.UTC(2026, 0, 15, 12);
  const JUL = Date.UTC(2026, 6, 15, 12);

  it("labels the offset the reader knows, daylight saving included", () => {
    expect(utcOffsetLabel("America/Argentina/Buenos_Aires", JAN)).toBe("UTC−03:00");
    expect(utcOffsetLabel("Asia/Kolkata", JAN)).toBe("UTC+05:30");
    expect(utcOffsetLabel("Europe/Madrid", JAN)).toBe("UTC+01:00");
    expect(utcOffsetLabel("Europe/Madrid", JUL)).toBe("UTC+02:00");
    expect(utcOffsetLabel("UTC", JUL)).toBe("UTC");
    expect(utcOffsetLabel("Europe/London", JAN)).toBe("UTC");
  });

  it("treats aliases as the same clock, and zones whose clocks part during the year as different", () => {
    expect(sameClock("America/Buenos_Aires", "America/Argentina/Buenos_Aires", JAN)).toBe(true);
    expect(sameClock("Asia/Calcutta", "Asia/Kolkata", JAN)).toBe(true);
    expect(sameClock("UTC", "America/Argentina/Buenos_Aires", JAN)).toBe(false);
    // Same offset in January, an hour apart from late March: the browser's zone is worth offering.
    expect(sameClock("Europe/London", "UTC", JAN)).toBe(false);
    expect(sameClock("Mars/Olympus_Mons", "UTC", JAN)).toBe(false);
  });
});

describe("date filters as whole days in the reader's zone", () => {
  it("starts a day at local midnight and ends it at the next one", () => {
    expect(localDayStart("2026-03-10", "America/Argentina/Buenos_Aires")).toBe(Date.UTC(2026, 2, 10, 3));
    expect(localDayEnd("2026-03-10", "America/Argentina/Buenos_Aires")).toBe(Date.UTC(2026, 2, 11, 3));
    expect(localDayEnd("2026-12-31", "UTC")).toBe(Date.UTC(2027, 0, 1));
    // The day Madrid moves its clocks forward has 23 hours.
    expect(localDayEnd("2026-03-29", "Europe/Madrid")! - localDayStart("2026-03-29", "Europe/Madrid")!).toBe(23 * 3_600_000);
  });

  it("is null for what is not a calendar date", () => {
    for (const bad of ["", "2026-02-30", "2026-13-01", "10/03/2026", "2026-03-10T00:00", "yesterday"]) {
      expect(localDayStart(bad, "UTC")).toBeNull();
      expect(localDayEnd(bad, "UTC")).toBeNull();
    }
  });
});
