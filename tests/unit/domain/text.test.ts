import { describe, expect, it } from "vitest";
import { formatCount, graphemeCount, isBlank } from "@/server/domain/text";

describe("graphemeCount", () => {
  it.each([
    ["plain ASCII", "hello", 5],
    ["thumbs up with skin tone", "👍🏽", 1],
    ["flag", "🇧🇷", 1],
    ["ZWJ family", "👨‍👩‍👧‍👦", 1],
    ["precomposed é", "\u00e9", 1],
    ["decomposed é", "e\u0301", 1],
    ["Portuguese words", "ação e atenção", 14],
    ["CRLF counts once", "a\r\nb", 3],
    ["empty", "", 0],
  ])("%s", (_, text, expected) => {
    expect(graphemeCount(text)).toBe(expected);
  });

  it("differs from .length where people would be surprised", () => {
    expect("👍🏽".length).toBe(4);
    expect("e\u0301".length).toBe(2);
  });
});

describe("graphemeCount on long texts", () => {
  const direct = (text: string) =>
    Array.from(new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)).length;

  // Pieces chosen to straddle slice boundaries: clusters that continue across a cut, lone regional
  // indicators whose pairing depends on everything before them, CR LF, ZWJ and Prepend sequences.
  const pieces = ["a", " ", "\u00e9", "e\u0301", "\u0301", "🇧", "🇷", "🇧🇷", "👍🏽", "\u200d", "👨",
    "👨‍👩‍👧", "\r", "\n", "\r\n", "\u1100\u1161\u11a8", "\u0600", "ação", "️"];

  it("matches segmenting the whole text at once", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 150; round++) {
      let text = "";
      const target = 400 + Math.floor(random() * 2600);
      while (text.length < target) text += pieces[Math.floor(random() * pieces.length)];
      expect(graphemeCount(text)).toBe(direct(text));
    }
  });

  it("never splits an emoji's surrogate pair at a slice boundary", () => {
    for (let offset = 500; offset < 516; offset++) {
      expect(graphemeCount("a".repeat(offset) + "👍🏽👨‍👩‍👧".repeat(30))).toBe(offset + 60);
    }
  });

  it("handles a cluster longer than a slice", () => {
    expect(graphemeCount("x" + "e" + "\u0301".repeat(3000) + "y")).toBe(3);
  });

  it("handles runs of regional indicators cut at odd places", () => {
    for (const prefix of ["", "🇧", "a🇧", "aa🇧"]) {
      const text = prefix + "🇧🇷".repeat(700);
      expect(graphemeCount(text)).toBe(direct(text));
    }
  });

  it("stays fast on 60,000 characters", () => {
    const started = performance.now();
    expect(graphemeCount("x".repeat(60_000))).toBe(60_000);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe("helpers", () => {
  it("formats counts with thousands separators", () => {
    expect(formatCount(4096)).toBe("4,096");
    expect(formatCount(60000)).toBe("60,000");
    expect(formatCount(12)).toBe("12");
  });

  it("treats whitespace-only text as blank", () => {
    expect(isBlank(" \n\t ")).toBe(true);
    expect(isBlank(" a ")).toBe(false);
  });
});
