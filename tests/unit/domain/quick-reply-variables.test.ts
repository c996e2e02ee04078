import { describe, expect, it } from "vitest";
import { expandQuickReply, firstName, QUICK_REPLY_VARIABLES } from "@/server/domain/quick-reply-variables";

const people = { contactName: "María José Pérez", agentName: "Lucía Agente" };

describe("expandQuickReply", () => {
  it("fills the contact's first name under its Spanish, English and Portuguese names", () => {
    expect(expandQuickReply("¡Hola {{nombre}}!", people)).toBe("¡Hola María!");
    expect(expandQuickReply("Hi {{name}}!", people)).toBe("Hi María!");
    expect(expandQuickReply("Oi {{nome}}!", people)).toBe("Oi María!");
  });

  it("fills the full name and the agent's first name", () => {
    expect(expandQuickReply("{{nombre_completo}} / {{full_name}} / {{nome_completo}}", people)).toBe("María José Pérez / María José Pérez / María José Pérez");
    expect(expandQuickReply("Soy {{agente}}. I'm {{agent}}. Sou {{atendente}}.", people)).toBe("Soy Lucía. I'm Lucía. Sou Lucía.");
  });

  it("ignores case and spaces inside the braces, and fills every occurrence", () => {
    expect(expandQuickReply("{{ Nombre }}, {{NOMBRE}} y {{nombre}}", people)).toBe("María, María y María");
  });

  it("leaves unknown variables and single braces as written", () => {
    expect(expandQuickReply("{{pedido}} {nombre} {{1}} {{nombre}", people)).toBe("{{pedido}} {nombre} {{1}} {{nombre}");
  });

  it("leaves a reply without variables untouched", () => {
    expect(expandQuickReply("Atendemos de 9 a 18 h.", people)).toBe("Atendemos de 9 a 18 h.");
  });

  it("fills an empty first name when the contact's name is a phone number", () => {
    expect(expandQuickReply("Hola {{nombre}}", { contactName: "+55 11 99999-0000", agentName: "Ana" })).toBe("Hola ");
    expect(firstName("  Ana  Lima ")).toBe("Ana");
    expect(firstName("")).toBe("");
  });

  it("documents each variable under three names, none shared", () => {
    const names = Object.values(QUICK_REPLY_VARIABLES).flat();
    expect(names).toHaveLength(9);
    expect(new Set(names).size).toBe(9);
  });
});
