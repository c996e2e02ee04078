import { describe, expect, it } from "vitest";
import { formatRowTime } from "@/server/i18n/row-time";

// Issue 12: each list row shows when its chat last moved — the time today, "yesterday", the weekday within
// the past week, then a short date — in the viewer's zone and language.

const NOW = Date.UTC(2026, 2, 12, 17, 32); // Thursday 12 March 2026, 17:32 UTC
const hours = (h: number) => h * 3_600_000;
const days = (d: number) => d * 86_400_000;

describe("a row's last activity time", () => {
  it("is the time of day for today, in each language", () => {
    expect(formatRowTime(NOW - hours(3), NOW, "es", "UTC")).toBe("14:32");
    expect(formatRowTime(NOW - hours(3), NOW, "pt", "UTC")).toBe("14:32");
    expect(formatRowTime(NOW - hours(3), NOW, "en", "UTC")).toMatch(/^02:32\sPM$/);
  });

  it("says yesterday in words", () => {
    const yesterday = NOW - hours(20);
    expect(formatRowTime(yesterday, NOW, "es", "UTC")).toBe("ayer");
    expect(formatRowTime(yesterday, NOW, "pt", "UTC")).toBe("ontem");
    expect(formatRowTime(yesterday, NOW, "en", "UTC")).toBe("yesterday");
  });

  it("names the weekday within the past week", () => {
    const monday = NOW - days(3);
    expect(formatRowTime(monday, NOW, "es", "UTC")).toBe("lun");
    expect(formatRowTime(monday, NOW, "pt", "UTC")).toBe("seg.");
    expect(formatRowTime(monday, NOW, "en", "UTC")).toBe("Mon");
  });

  it("gives a short date beyond a week, with the year only when it is another one", () => {
    const older = NOW - days(20);
    expect(formatRowTime(older, NOW, "es", "UTC")).toBe("20 feb");
    expect(formatRowTime(older, NOW, "pt", "UTC")).toBe("20 de fev.");
    expect(formatRowTime(older, NOW, "en", "UTC")).toBe("Feb 20");
    const lastYear = Date.UTC(2025, 11, 3, 12);
    expect(formatRowTime(lastYear, NOW, "es", "UTC")).toBe("3/12/25");
    expect(formatRowTime(lastYear, NOW, "pt", "UTC")).toBe("03/12/25");
    expect(formatRowTime(lastYear, NOW, "en", "UTC")).toBe("12/3/25");
  });

  it("counts days in the viewer's zone, not the server's", () => {
    // 02:00 UTC on the 12th is today in UTC, but 23:00 on the 11th in Buenos Aires (UTC-3).
    const early = Date.UTC(2026, 2, 12, 2, 0);
    expect(formatRowTime(early, NOW, "es", "UTC")).toBe("02:00");
    expect(formatRowTime(early, NOW, "es", "America/Argentina/Buenos_Aires")).toBe("ayer");
    // In Tokyo (UTC+9) "now" is already 02:32 on Friday the 13th: the morning of the 12th is yesterday there.
    expect(formatRowTime(Date.UTC(2026, 2, 11, 22, 0), NOW, "pt", "Asia/Tokyo")).toBe("ontem");
    expect(formatRowTime(NOW - days(3), NOW, "en", "Asia/Tokyo")).toBe("Tue");
    expect(formatRowTime(NOW - 60_000, NOW, "en", "Asia/Tokyo")).toMatch(/^02:31\sAM$/);
  });

  it("keeps whole days across a daylight-saving change", () => {
    // Madrid moves its clocks forward on 29 March 2026: the 28th is still "yesterday" on the 29th, and a week
    // back is a date, not a weekday.
    const now = Date.UTC(2026, 2, 29, 20, 0);
    expect(formatRowTime(Date.UTC(2026, 2, 28, 20, 0), now, "es", "Europe/Madrid")).toBe("ayer");
    expect(formatRowTime(Date.UTC(2026, 2, 22, 20, 0), now, "es", "Europe/Madrid")).toBe("22 mar");
    expect(formatRowTime(Date.UTC(2026, 2, 23, 20, 0), now, "es", "Europe/Madrid")).toBe("lun");
  });

  it("shows a moment a little in the future (a provider's clock) as today's time", () => {
    expect(formatRowTime(NOW + 60_000, NOW, "es", "UTC")).toBe("17:33");
  });
});
