import { describe, expect, it } from "vitest";
import {
  renderTemplate,
  templateVariableCount,
  validateTemplateBody,
  validateTemplateRef,
  validateTemplateValues,
} from "@/server/domain/templates";
import { expectDomainError } from "./fixtures";

describe("templateVariableCount", () => {
  it.each([
    ["Hello!", 0],
    ["Hello {{1}}", 1],
    ["Hi {{1}}, your order {{2}} ships {{3}}", 3],
    ["{{2}} then {{1}}", 2],
    ["{{1}} and {{1}} again", 1],
    ["Single {braces} and {{ are text", 0],
  ])("%s → %i", (body, expected) => {
    expect(templateVariableCount(body)).toBe(expected);
  });

  it("requires numbering from {{1}} without gaps", () => {
    expectDomainError(
      () => templateVariableCount("Hi {{1}}, order {{3}}"),
      "BAD_REQUEST",
      "Template variables must be numbered from {{1}} without gaps; {{2}} is missing.",
    );
    expectDomainError(() => templateVariableCount("Hi {{2}}"), "BAD_REQUEST", /\{\{1\}\} is missing/);
  });

  it("rejects variables that aren't plain positive numbers", () => {
    for (const body of ["Hi {{0}}", "Hi {{name}}", "Hi {{ 1 }}", "Hi {{01}}", "Hi {{1.5}}", "Hi {{}}"]) {
      expectDomainError(() => templateVariableCount(body), "BAD_REQUEST", /like \{\{1\}\}/);
    }
  });
});

describe("validateTemplateBody", () => {
  it("accepts 1,024 characters and refuses 1,025, counting graphemes", () => {
    expect(validateTemplateBody("👍🏽".repeat(1024)).variableCount).toBe(0);
    expectDomainError(
      () => validateTemplateBody("e\u0301".repeat(1025)),
      "BAD_REQUEST",
      "Template bodies are limited to 1,024 characters; this one has 1,025.",
    );
  });

  it("trims and counts variables", () => {
    expect(validateTemplateBody("  Hi {{1}}  ")).toEqual({ body: "Hi {{1}}", variableCount: 1 });
  });

  it("rejects an empty body", () => {
    expectDomainError(() => validateTemplateBody("   "), "BAD_REQUEST", /empty/);
  });
});

describe("renderTemplate", () => {
  it("fills variables in by number", () => {
    expect(renderTemplate("Hi {{1}}, order {{2}} ships {{3}}. Thanks, {{1}}!", ["Ana", "#42", "today"]))
      .toBe("Hi Ana, order #42 ships today. Thanks, Ana!");
  });

  it("inserts values verbatim without expanding placeholders inside them", () => {
    expect(renderTemplate("{{1}} / {{2}}", ["{{2}}", "x"])).toBe("{{2}} / x");
  });

  it("requires exactly the right number of values", () => {
    expectDomainError(
      () => renderTemplate("Hi {{1}}, order {{2}}", ["Ana"]),
      "BAD_REQUEST",
      "This template needs 2 values ({{1}} to {{2}}); 1 was given.",
    );
    expectDomainError(
      () => renderTemplate("Hi {{1}}", ["Ana", "extra"]),
      "BAD_REQUEST",
      "This template needs 1 value ({{1}}); 2 were given.",
    );
    expectDomainError(
      () => renderTemplate("Hello", ["x"]),
      "BAD_REQUEST",
      "This template has no variables; 1 was given.",
    );
    expect(renderTemplate("Hello", [])).toBe("Hello");
  });

  it("requires every value to be non-empty", () => {
    expectDomainError(() => renderTemplate("{{1}} {{2}}", ["a", "  "]), "BAD_REQUEST", "The value for {{2}} is empty.");
  });

  it("refuses values WhatsApp would reject", () => {
    expectDomainError(() => renderTemplate("{{1}}", ["a\nb"]), "BAD_REQUEST", /line breaks or tabs/);
    expectDomainError(() => renderTemplate("{{1}}", ["a\tb"]), "BAD_REQUEST", /line breaks or tabs/);
    expectDomainError(() => renderTemplate("{{1}}", ["a     b"]), "BAD_REQUEST", /4 spaces/);
    expect(renderTemplate("{{1}}", ["a    b"])).toBe("a    b");
  });

  it("trims values", () => {
    expect(validateTemplateValues(["  Ana "], 1)).toEqual(["Ana"]);
  });
});

describe("validateTemplateRef", () => {
  it("accepts Meta-style names and languages", () => {
    expect(validateTemplateRef({ name: " order_update_2 ", language: "pt_BR" })).toEqual({
      name: "order_update_2",
      language: "pt_BR",
    });
    expect(validateTemplateRef({ name: "hello", language: "en" }).language).toBe("en");
  });

  it("rejects other names and languages", () => {
    expectDomainError(() => validateTemplateRef({ name: "Order Update", language: "en" }), "BAD_REQUEST", /lower-case/);
    expectDomainError(() => validateTemplateRef({ name: "", language: "en" }), "BAD_REQUEST");
    expectDomainError(() => validateTemplateRef({ name: "x", language: "english" }), "BAD_REQUEST", /language code/);
    expectDomainError(() => validateTemplateRef({ name: "x", language: "pt-br" }), "BAD_REQUEST");
  });
});
