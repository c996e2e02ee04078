import { describe, expect, it } from "vitest";
import { FORM_ID_FIELD, isFormId, keptFields } from "@/server/domain/form-draft";

describe("keptFields", () => {
  it("keeps what was typed, by name, repeated names in order", () => {
    expect(keptFields([["body", "Hola"], ["variable", "Ana"], ["variable", "123"]])).toEqual({ body: ["Hola"], variable: ["Ana", "123"] });
  });

  it("never keeps a password, a secret or a token, whatever the form", () => {
    const fields = keptFields([
      ["name", "Nova"],
      ["password", "hunter2-hunter2"],
      ["newPassword", "x"],
      ["field.appSecret", "s"],
      ["field.accessToken", "t"],
      ["field.webhookSecret", "w"],
      ["field.verifyToken", "v"],
    ]);
    expect(fields).toEqual({ name: ["Nova"] });
  });

  it("leaves out files and the form's plumbing (Next's action fields, returnTo, the form's id)", () => {
    const file = new File(["x"], "a.pdf");
    expect(keptFields([["$ACTION_ID_abc", ""], ["returnTo", "/inbox"], [FORM_ID_FIELD, "composer:1"], ["file", file], ["caption", "boleto"]])).toEqual({ caption: ["boleto"] });
  });

  it("keeps nothing when nothing was typed, or more than anyone types", () => {
    expect(keptFields([["returnTo", "/inbox"]])).toBeNull();
    expect(keptFields([["body", "x".repeat(200_000)]])).toEqual({ body: ["x".repeat(200_000)] });
    expect(keptFields([["body", "x".repeat(200_001)]])).toBeNull();
    expect(keptFields(Array.from({ length: 101 }, (_, i) => [`f${i}`, "x"] as [string, string]))).toBeNull();
  });

  it("keeps an over-limit reply whole (a cookie could not hold it)", () => {
    const reply = "¿Llegó? ".repeat(1000);
    expect(keptFields([["body", reply]])!.body![0]).toBe(reply);
  });
});

describe("isFormId", () => {
  it("accepts the ids the forms use and refuses anything else", () => {
    for (const id of ["composer:12", "template:3:retomar|pt_BR", "quick-reply.edit:4", "settings"]) expect(isFormId(id)).toBe(true);
    for (const id of ["", "a b", "x".repeat(121), "<script>", 42]) expect(isFormId(id)).toBe(false);
  });
});
