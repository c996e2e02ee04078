import { describe, expect, it } from "vitest";
import { bars, heatLevel, linePath, niceMax } from "@/server/domain/report-charts";
import { reportAgentScope } from "@/server/domain/report-scope";
import { heatmap, median, percentile, perDay, resolveRange, sortNumbers } from "@/server/domain/report-stats";

describe("percentiles (nearest rank)", () => {
  it("medians and p90 are values that happened", () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([1, 2, 3, 4])).toBe(2);
    expect(median([1, 2, 3, 4, 5])).toBe(3);
    const ten = sortNumbers([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]);
    expect(percentile(ten, 0.9)).toBe(9);
    expect(percentile(ten, 1)).toBe(10);
    expect(percentile(sortNumbers([5, 100]), 0.9)).toBe(100);
  });
});

describe("ranges and buckets in the viewer's time zone", () => {
  const now = Date.UTC(2026, 2, 10, 2, 30); // 9 March 23:30 in São Paulo (UTC−3)
  it("today and the last 7 days are the viewer's calendar days", () => {
    const today = resolveRange("today", now, "America/Sao_Paulo");
    expect(today.days).toEqual(["2026-03-09"]);
    expect(today.from).toBe(Date.UTC(2026, 2, 9, 3));
    expect(today.to).toBe(Date.UTC(2026, 2, 10, 3));
    expect(resolveRange("today", now, "UTC").days).toEqual(["2026-03-10"]);
    const week = resolveRange("7d", now, "America/Sao_Paulo");
    expect(week.days).toEqual(["2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09"]);
  });
  it("a custom range is inclusive, put in order, and a daylight-saving day is 23 hours", () => {
    const r = resolveRange("custom", now, "Europe/Madrid", "2026-03-30", "2026-03-28");
    expect(r.days).toEqual(["2026-03-28", "2026-03-29", "2026-03-30"]);
    expect(r.to - r.from).toBe(3 * 86_400_000 - 3_600_000);
  });
  it("the heatmap and the days count each chat in the local hour and weekday it opened", () => {
    const tz = "America/Sao_Paulo";
    // Monday 5 January 2026 01:15 UTC is Sunday 4 January 22:15 in São Paulo.
    const grid = heatmap([Date.UTC(2026, 0, 5, 1, 15), Date.UTC(2026, 0, 5, 1, 50), Date.UTC(2026, 0, 5, 13)], tz);
    expect(grid[0]![22]).toBe(2);
    expect(grid[1]![10]).toBe(1);
    expect(grid.flat().reduce((a, b) => a + b)).toBe(3);
    const range = resolveRange("custom", 0, tz, "2026-01-04", "2026-01-05");
    const days = perDay(
      [
        { openedAt: Date.UTC(2026, 0, 5, 1, 15), firstResponseMs: 60_000 },
        { openedAt: Date.UTC(2026, 0, 5, 1, 50), firstResponseMs: 180_000 },
        { openedAt: Date.UTC(2026, 0, 5, 13), firstResponseMs: null },
      ],
      range,
      tz,
    );
    expect(days).toEqual([
      { day: "2026-01-04", opened: 2, medianFirstResponseMs: 60_000 },
      { day: "2026-01-05", opened: 1, medianFirstResponseMs: null },
    ]);
  });
});

describe("chart geometry", () => {
  it("scales bars to a round top and breaks lines on missing figures", () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(130)).toBe(200);
    const b = bars([0, 5, 10], { width: 300, height: 100 });
    expect(b.map((x) => x.height)).toEqual([0, 50, 100]);
    expect(b[2]!.y).toBe(0);
    expect(b[1]!.x).toBeGreaterThan(100);
    expect(linePath([10, null, 5], { width: 300, height: 100 })).toBe("M50 0M250 50");
    expect(linePath([10, 5], { width: 200, height: 100 })).toBe("M50 0L150 50");
    expect([0, 1, 5, 10].map((n) => heatLevel(n, 10))).toEqual([0, 1, 3, 5]);
  });
});

describe("whose figures", () => {
  it("an agent sees only their own and is refused a colleague's", () => {
    expect(reportAgentScope({ id: 1, role: "admin" }, undefined)).toBeUndefined();
    expect(reportAgentScope({ id: 1, role: "admin" }, 7)).toBe(7);
    expect(reportAgentScope({ id: 7, role: "agent" }, undefined)).toBe(7);
    expect(() => reportAgentScope({ id: 7, role: "agent" }, 8)).toThrow(/own figures/);
  });
});
