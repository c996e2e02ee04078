import { describe, expect, it } from "vitest";
import { formatMoney } from "@/server/i18n/format";

describe("payment amounts", () => {
  it("are shown in the reader's locale, code first, always grouped, with the currency's decimals", () => {
    expect(formatMoney(1500.5, "ARS", "es")).toBe("ARS 1.500,50");
    expect(formatMoney(1500.5, "ARS", "pt")).toBe("ARS 1.500,50");
    expect(formatMoney(1500.5, "ARS", "en")).toBe("ARS 1,500.50");
    expect(formatMoney(1500, "JPY", "es")).toBe("JPY 1.500");
  });
});
