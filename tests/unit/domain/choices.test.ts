import { describe, expect, it } from "vitest";
import { choicesForm, choicesPayload, numberedMenuText, readChoices, surfacesOf } from "@/server/domain/choices";

describe("choices", () => {
  it("round-trips through the stored payload and refuses what a provider would", () => {
    const content = { body: "¿Qué necesitas?", footer: "Tienda", choices: [{ id: "a", title: "Ventas" }, { id: "b", title: "Soporte", description: "9 a 18" }] };
    expect(readChoices(content.body, choicesPayload(content))).toEqual(content);
    expect(readChoices("x", { choices: [{ id: "a", title: "A" }, { id: "a", title: "B" }] })).toBeNull();
    expect(readChoices("x", { choices: [{ id: "", title: "A" }] })).toBeNull();
    expect(readChoices("x", { choices: [{ id: "a", title: "  " }] })).toBeNull();
    expect(readChoices("x", { choices: [] })).toBeNull();
    expect(readChoices("x", {})).toBeNull();
    expect(readChoices(null, { choices: [{ id: "a", title: "A" }] })).toBeNull();
  });

  it("numbered menu: header, body, numbered lines with descriptions, footer", () => {
    expect(numberedMenuText({ header: "Menú", body: "Elige", footer: "Gracias", choices: [{ id: "a", title: "Ventas" }, { id: "b", title: "Soporte", description: "9 a 18" }] })).toBe(
      "Menú\n\nElige\n\n1. Ventas\n2. Soporte — 9 a 18\n\nGracias",
    );
  });

  it("forms per surface at the documented edges", () => {
    const n = (k: number, title = "Op") => ({ body: "b", choices: Array.from({ length: k }, (_, i) => ({ id: `i${i}`, title })) });
    expect(choicesForm("whatsapp", n(3))).toBe("buttons");
    expect(choicesForm("whatsapp", n(4))).toBe("list");
    expect(choicesForm("whatsapp", n(10))).toBe("list");
    expect(choicesForm("whatsapp", n(11))).toBe("numbered");
    expect(choicesForm("whatsapp", n(2, "x".repeat(24)))).toBe("list");
    expect(choicesForm("whatsapp", n(2, "x".repeat(25)))).toBe("numbered");
    expect(choicesForm("whatsapp", { ...n(2), body: "é".repeat(1024) })).toBe("buttons");
    expect(choicesForm("whatsapp", { ...n(2), body: "é".repeat(1025) })).toBe("numbered");
    expect(choicesForm("whatsapp", { ...n(5), listButton: "x".repeat(21) })).toBe("numbered");
    expect(choicesForm("instagram", n(13))).toBe("quick_replies");
    expect(choicesForm("instagram", n(14))).toBe("numbered");
    expect(choicesForm("instagram", n(2, "x".repeat(21)))).toBe("numbered");
    expect(choicesForm("webchat", n(5))).toBe("buttons");
  });

  it("Zenvia follows the network it relays to", () => {
    expect(surfacesOf({ type: "zenvia", zenviaChannel: "instagram" })).toEqual(["instagram"]);
    expect(surfacesOf({ type: "zenvia", zenviaChannel: null })).toEqual(["whatsapp", "instagram"]);
    expect(surfacesOf({ type: "webchat" })).toEqual(["webchat"]);
  });
});
