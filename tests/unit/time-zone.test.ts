import { describe, expect, it } from "vitest";
import { localDateTimeToUtc, utcToLocalDateTime } from "@/server/domain/time-zone";

describe("local date-times in the agent's time zone", () => {
  it("converts São Paulo (UTC−3) and Madrid (UTC+1 in winter, +2 in summer)", () => {
    expect(localDateTimeToUtc("2026-01-05T14:30", "America/Sao_Paulo")).toBe(Date.UTC(2026, 0, 5, 17, 30));
    expect(localDateTimeToUtc("2026-01-05T14:30", "Europe/Madrid")).toBe(Date.UTC(2026, 0, 5, 13, 30));
    expect(localDateTimeToUtc("2026-07-05T14:30", "Europe/Madrid")).toBe(Date.UTC(2026, 6, 5, 12, 30));
    expect(localDateTimeToUtc("2026-07-05T14:30", "UTC")).toBe(Date.UTC(2026, 6, 5, 14, 30));
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
