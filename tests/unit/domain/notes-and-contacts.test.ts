import { describe, expect, it } from "vitest";
import { canTakeChat } from "@/server/domain/assign-to-me";
import { assertCanEditContact, contactChanges, validateContactDetails } from "@/server/domain/contact-rules";
import { mentionedUserIds, validateNoteBody } from "@/server/domain/notes";
import { translateError, translator } from "@/server/i18n/locale";
import { refusal } from "../../support/refusal";

const team = [
  { id: 1, name: "Ana Lima", active: true },
  { id: 2, name: "Ana Souza", active: true },
  { id: 3, name: "Luis Pérez", active: true },
  { id: 4, name: "Marina", active: false },
  { id: 5, name: "Bruno", active: true },
];

describe("mentions in a private note", () => {
  it("name teammates by full name in any case, or by a first name only one active teammate has", () => {
    expect(mentionedUserIds("@Ana Lima can you look? cc @luis", team, 5)).toEqual([1, 3]);
    expect(mentionedUserIds("@ana souza, @LUIS PÉREZ.", team, 5)).toEqual([2, 3]);
  });

  it("name nobody for an ambiguous first name, an inactive person, the author, or an @ inside an e-mail address", () => {
    expect(mentionedUserIds("@Ana please", team, 5)).toEqual([]);
    expect(mentionedUserIds("@Marina", team, 5)).toEqual([]);
    expect(mentionedUserIds("note to self @Bruno", team, 5)).toEqual([]);
    expect(mentionedUserIds("write to luis@example.com", team, 5)).toEqual([]);
    expect(mentionedUserIds("@Luisa knows", team, 5)).toEqual([]);
  });

  it("need some text, within the limit, in the reader's language when refused", () => {
    expect(validateNoteBody("  ok  ")).toBe("ok");
    expect(translateError(translator("es"), refusal(() => validateNoteBody("   ")))).toBe("Escribe algo en la nota primero.");
    expect(translateError(translator("pt"), refusal(() => validateNoteBody("x".repeat(4001))))).toBe("Uma nota aceita até 4.000 caracteres; esta tem 4.001.");
  });
});

describe("a contact's details", () => {
  it("are trimmed and normalized: phones as digits with the country code, blanks as nothing", () => {
    expect(validateContactDetails({ name: "  Marina   Souza ", email: " marina@example.com ", phone: "+55 (11) 91234-5678", notes: "  " })).toEqual({
      name: "Marina Souza",
      email: "marina@example.com",
      phone: "5511912345678",
      notes: null,
    });
    expect(validateContactDetails({ name: "Ana", email: "", phone: "" })).toEqual({ name: "Ana", email: null, phone: null, notes: null });
  });

  it("are refused with a clear, translated reason", () => {
    const es = translator("es");
    expect(translateError(es, refusal(() => validateContactDetails({ name: " " })))).toBe("El contacto necesita un nombre.");
    expect(translateError(es, refusal(() => validateContactDetails({ name: "Ana", email: "ana@mail" })))).toBe("«ana@mail» no es una dirección de correo (como nombre@ejemplo.com).");
    expect(translateError(translator("pt"), refusal(() => validateContactDetails({ name: "Ana", phone: "12-ab" })))).toMatch(/^“12-ab” não é um telefone/);
    expect(translateError(translator("en"), refusal(() => validateContactDetails({ name: "Ana", notes: "n".repeat(2001) })))).toBe("Notes about a contact may hold up to 2,000 characters.");
  });

  it("list what changed, from and to", () => {
    const before = { name: "Ana", email: null, phone: "5511", notes: null };
    expect(contactChanges(before, { ...before, email: "ana@example.com" })).toEqual({ email: { from: null, to: "ana@example.com" } });
    expect(contactChanges(before, before)).toEqual({});
  });

  it("may be edited by whoever sees one of the contact's chats", () => {
    const agent = { id: 7, role: "agent" as const };
    expect(() => assertCanEditContact(agent, [{ assigneeId: 8 }], true)).not.toThrow();
    expect(() => assertCanEditContact(agent, [{ assigneeId: 8 }, { assigneeId: 7 }], false)).not.toThrow();
    expect(() => assertCanEditContact(agent, [{ assigneeId: null }], false)).not.toThrow();
    expect(refusal(() => assertCanEditContact(agent, [{ assigneeId: 8 }], false)).code).toBe("FORBIDDEN");
    expect(() => assertCanEditContact({ id: 1, role: "admin" }, [{ assigneeId: 8 }], false)).not.toThrow();
  });
});

describe("Assign to me", () => {
  const me = { id: 7, role: "agent" as const };
  it("is offered on open and scheduled chats the viewer sees and does not hold", () => {
    expect(canTakeChat(me, { status: "open", assigneeId: null }, false)).toBe(true);
    expect(canTakeChat(me, { status: "scheduled", assigneeId: 8 }, true)).toBe(true);
    expect(canTakeChat(me, { status: "open", assigneeId: 7 }, true)).toBe(false);
    expect(canTakeChat(me, { status: "closed", assigneeId: null }, true)).toBe(false);
    expect(canTakeChat(me, { status: "open", assigneeId: 8 }, false)).toBe(false);
  });
});
