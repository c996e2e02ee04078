import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BIN_RELATIVE_ERROR, binOf, binValue, Histogram, splitDays, wholeMonths } from "@/server/domain/report-rollup";
import { percentile } from "@/server/domain/report-stats";

const DAY = 86_400_000;

describe("report rollup bins", () => {
  it("a percentile from the bins is within 5% (or half a second) of the exact nearest-rank value", () => {
    expect(BIN_RELATIVE_ERROR).toBeLessThan(0.05);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 * DAY }), { minLength: 1, maxLength: 300 }), fc.constantFrom(0.5, 0.9, 0.1, 1), (values, p) => {
        const h = new Histogram();
        for (const v of values) h.add(binOf(v), 1);
        const exact = percentile(Float64Array.from(values).sort(), p)!;
        const fromBins = h.percentile(p)!;
        expect(Math.abs(fromBins - exact)).toBeLessThanOrEqual(Math.max(500, exact * BIN_RELATIVE_ERROR));
      }),
      { numRuns: 300, seed: 15 },
    );
  });

  it("bins are log-spaced from one second, 0 being no figure yet", () => {
    expect([binOf(null), binOf(0), binOf(999), binOf(1000), binOf(1099), binOf(1100), binOf(3_600_000)]).toEqual([0, 1, 1, 2, 2, 3, 87]);
    expect(binValue(2)).toBe(Math.round(1000 * Math.sqrt(1.1)));
    const h = new Histogram();
    expect(h.percentile(0.5)).toBeNull();
    h.add(0, 3);
    h.add(binOf(60_000), -1);
    h.add(binOf(120_000), 1);
    expect(h.total).toBe(3);
  });

  it("splits a range into whole UTC days and the spans of the days it covers in part", () => {
    const d = 20_000 * DAY;
    expect(splitDays(d, d + 3 * DAY)).toEqual({ firstWhole: 20_000, lastWhole: 20_002, partial: [] });
    expect(splitDays(d - 3 * 3_600_000, d + 2 * DAY - 3 * 3_600_000)).toEqual({
      firstWhole: 20_000,
      lastWhole: 20_000,
      partial: [
        { from: d - 3 * 3_600_000, to: d },
        { from: d + DAY, to: d + 2 * DAY - 3 * 3_600_000 },
      ],
    });
    expect(splitDays(d + 3_600_000, d + 5 * 3_600_000)).toEqual({ firstWhole: 20_001, lastWhole: 19_999, partial: [{ from: d + 3_600_000, to: d + 5 * 3_600_000 }] });
    expect(splitDays(d + 3_600_000, d + DAY + 3_600_000).partial).toEqual([
      { from: d + 3_600_000, to: d + DAY },
      { from: d + DAY, to: d + DAY + 3_600_000 },
    ]);
  });

  it("reads whole UTC months from month rows and the days around them from day rows", () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
    expect(wholeMonths(day("2025-06-02"), day("2026-06-01"))).toEqual({
      months: { first: day("2025-07-01"), last: day("2026-05-01") },
      days: [
        [day("2025-06-02"), day("2025-06-30")],
        [day("2026-06-01"), day("2026-06-01")],
      ],
    });
    expect(wholeMonths(day("2026-02-01"), day("2026-02-28"))).toEqual({ months: { first: day("2026-02-01"), last: day("2026-02-01") }, days: [] });
    expect(wholeMonths(day("2026-02-02"), day("2026-03-30"))).toEqual({ months: null, days: [[day("2026-02-02"), day("2026-03-30")]] });
    expect(wholeMonths(day("2026-01-31"), day("2026-03-01"))).toEqual({ months: { first: day("2026-02-01"), last: day("2026-02-01") }, days: [[day("2026-01-31"), day("2026-01-31")], [day("2026-03-01"), day("2026-03-01")]] });
  });
});
