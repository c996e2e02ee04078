import { describe, expect, it } from "vitest";
import { matchQuickReplies, normalizeShortcut, validateQuickReply } from "@/server/domain/quick-replies";
import { expectDomainError } from "./fixtures";

describe("normalizeShortcut", () => {
  it("lower-cases and drops a leading slash", () => {
    expect(normalizeShortcut("Hello")).toBe("hello");
    expect(normalizeShortcut(" /Pix_Key-2 ")).toBe("pix_key-2");
    expect(normalizeShortcut("a".repeat(32))).toBe("a".repeat(32));
  });

  it.each(["", "/", "a".repeat(33), "two words", "olá", "a.b", "a/b", "👍"])("rejects %j", (raw) => {
    expectDomainError(() => normalizeShortcut(raw), "BAD_REQUEST", /1 to 32 letters/);
  });
});

describe("validateQuickReply", () => {
  it("accepts a body of 60,000 graphemes and refuses 60,001", () => {
    expect(validateQuickReply({ shortcut: "Long", body: "👍🏽".repeat(60_000) }).shortcut).toBe("long");
    expectDomainError(
      () => validateQuickReply({ shortcut: "long", body: "x".repeat(60_001) }),
      "BAD_REQUEST",
      "Quick replies are limited to 60,000 characters; this one has 60,001.",
    );
  });

  it("trims the body and refuses an empty one", () => {
    expect(validateQuickReply({ shortcut: "hi", body: "  Hello!\n" }).body).toBe("Hello!");
    expectDomainError(() => validateQuickReply({ shortcut: "hi", body: " \n " }), "BAD_REQUEST", /empty/);
  });
});

describe("matchQuickReplies", () => {
  const list = [
    { shortcut: "thanks", body: "Thank you!" },
    { shortcut: "hi", body: "Hi" },
    { shortcut: "hello", body: "Hello" },
    { shortcut: "h", body: "H" },
    { shortcut: "pix", body: "Our Pix key is …" },
  ];
  const shortcuts = (typed: string) => matchQuickReplies(list, typed).map((q) => q.shortcut);

  it("offers everything for a bare slash, alphabetically", () => {
    expect(shortcuts("/")).toEqual(["h", "hello", "hi", "pix", "thanks"]);
  });

  it("matches by prefix, case-insensitively, exact match first", () => {
    expect(shortcuts("/h")).toEqual(["h", "hello", "hi"]);
    expect(shortcuts("/HE")).toEqual(["hello"]);
    expect(shortcuts("/hi")).toEqual(["hi"]);
    expect(shortcuts("/x")).toEqual([]);
  });

  it("only triggers on a single /word", () => {
    expect(shortcuts("h")).toEqual([]);
    expect(shortcuts("say /h")).toEqual([]);
    expect(shortcuts("/h there")).toEqual([]);
    expect(shortcuts("")).toEqual([]);
  });

  it("does not reorder the input list", () => {
    matchQuickReplies(list, "/");
    expect(list[0]?.shortcut).toBe("thanks");
  });
});
