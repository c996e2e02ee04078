import { describe, expect, it } from "vitest";
import { toFtsQuery } from "@/server/domain/search-query";

describe("toFtsQuery", () => {
  it("quotes each word as a prefix term", () => {
    expect(toFtsQuery('entreg "sábado" OR x*')).toBe('"entreg"* "sábado"* "OR"* "x"*');
  });

  it("splits on control characters, which FTS5 would read as the end of a term (found by fast-check)", () => {
    expect(toFtsQuery("a\u0000b")).toBe('"a"* "b"*');
    expect(() => toFtsQuery("\u0000\u0007")).toThrow("Type at least one word");
  });
});
