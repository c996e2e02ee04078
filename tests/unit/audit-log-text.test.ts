import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditActionLabel, auditDetailsText, auditTargetText, describeAuditEntry } from "@/app/(app)/admin/audit/describe";
import { auditFilters, auditHref, cursorParam, parseCursor, readAuditParams } from "@/app/(app)/admin/audit/query";
import { auditActions, auditNamedIds } from "@/server/domain/audit-details";
import { translator } from "@/server/i18n/locale";
import { en, es, pt } from "@/server/i18n/messages";
import type { AuditNames, AuditView } from "@/server/services/audit";

// Issue 12, item 7: the audit log in words and names, in the reader's language and zone.

const ROOT = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(rel) : rel.endsWith(".ts") ? [rel] : [];
  });
}

/** The codes passed as `action:` in every writeAudit call under server/ (ternaries included). */
function writtenActionCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of sourceFiles("server")) {
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const call of source.matchAll(/writeAudit\([^;]*?action:\s*([^,}]+)/g)) {
      for (const literal of call[1]!.matchAll(/"([^"]+)"/g)) codes.add(literal[1]!);
    }
  }
  return codes;
}

describe("audit action names", () => {
  it("exist for every code a service writes, in every language", () => {
    const written = writtenActionCodes();
    expect(written.size).toBeGreaterThan(20);
    for (const code of written) expect(auditActions, `${code} is written but unknown to the audit log`).toContain(code);
    for (const code of auditActions) {
      const key = `admin.audit.action.${code}`;
      expect(Object.hasOwn(en, key), key).toBe(true);
      for (const dict of [es, pt] as Record<string, string>[]) expect(dict[key], key).toMatch(/\S/);
    }
  });

  it("translate known codes and show unknown ones as they are", () => {
    expect(auditActionLabel("chat.transfer", translator("es"))).toBe("Chat transferido");
    expect(auditActionLabel("chat.close", translator("pt"))).toBe("Chat fechado");
    expect(auditActionLabel("user.create", translator("en"))).toBe("User created");
    expect(auditActionLabel("robot.dance", translator("es"))).toBe("robot.dance");
    expect(auditActionLabel("toString", translator("es"))).toBe("toString");
  });
});

describe("names instead of ids", () => {
  const names: AuditNames = {
    users: { 2: "Ana Lima", 4: "Bruno Souza" },
    reasons: { 4: { label: "Pedido entregue", systemKey: null, builtinKey: null }, 9: { label: "Transferred", systemKey: "transferred", builtinKey: null }, 11: { label: "No reply from contact", systemKey: null, builtinKey: "no_reply" } },
    channels: { 3: "WhatsApp Loja" },
  };
  const es = { t: translator("es"), locale: "es" as const, timeZone: "America/Argentina/Buenos_Aires" };
  const entry = (over: Partial<AuditView>): AuditView => ({
    id: 1, at: Date.UTC(2026, 2, 10, 13, 0), action: "chat.transfer", targetType: "chat", targetId: "12", details: null, actorId: 2, actorName: "Ana Lima", ...over,
  });

  it("finds the people, reasons and channels a page mentions", () => {
    const found = auditNamedIds([
      { actorId: 2, targetType: "chat", targetId: "12", details: { from: 4, to: 6, newChatId: 13 } },
      { actorId: null, targetType: "user", targetId: "7", details: { role: "admin" } },
      { actorId: 2, targetType: "close_reason", targetId: "5", details: { reasonId: 4 } },
      { actorId: 2, targetType: "channel", targetId: "3", details: null },
      { actorId: 2, targetType: "setting", targetId: "sharedInbox", details: { value: true } },
    ]);
    expect(found.user.sort()).toEqual([2, 4, 6, 7]);
    expect(found.reason.sort()).toEqual([4, 5]);
    expect(found.channel).toEqual([3]);
  });

  it("reads a transfer, a close and a schedule in words, with unknown ids as #id", () => {
    expect(auditDetailsText({ from: 4, to: 2, newChatId: 13 }, names, es)).toBe("De: Bruno Souza · Para: Ana Lima · Chat nuevo: #13");
    expect(auditDetailsText({ to: 99 }, names, es)).toBe("Para: #99");
    expect(auditDetailsText({ reasonId: 4 }, names, es)).toBe("Motivo: Pedido entregue");
    expect(auditDetailsText({ reasonId: 9 }, names, es)).toBe("Motivo: Transferido");
    expect(auditDetailsText({ reasonId: 11 }, names, es)).toBe("Motivo: Sin respuesta del contacto");
    expect(auditDetailsText({ reasonId: 5 }, names, es)).toBe("Motivo: #5");
    // 13:00 UTC is 10:00 in Buenos Aires; never epoch milliseconds.
    const scheduled = auditDetailsText({ at: Date.UTC(2026, 2, 10, 13, 0) }, names, es);
    expect(scheduled).toMatch(/^Para el: 10 mar 2026, 10:00/);
    expect(scheduled).not.toMatch(/\d{10}/);
  });

  it("reads roles, switches and settings in the reader's language and leaves out empty values", () => {
    expect(auditDetailsText({ role: "agent", active: false, name: undefined, locale: "" }, names, es)).toBe("Rol: Agente · Activo: no");
    expect(auditDetailsText({ value: true }, names, { ...es, t: translator("pt"), locale: "pt" })).toBe("Valor: sim");
    expect(auditDetailsText({ chats: 2, chatIds: [5, 6] }, names, es)).toBe("Chats borrados: 2 · Chats: #5, #6");
    expect(auditDetailsText({ somethingNew: { a: 1 } }, names, es)).toBe('somethingNew: {"a":1}');
    expect(auditDetailsText({ locale: null, timeZone: "UTC" }, names, es)).toBe("Idioma: Como mi navegador · Zona horaria: UTC");
    expect(auditDetailsText(null, names, es)).toBe("");
  });

  it("names the target, and the actor or the system", () => {
    const t = translator("en");
    expect(auditTargetText("chat", "12", names, t)).toBe("Chat #12");
    expect(auditTargetText("user", "4", names, t)).toBe("User: Bruno Souza");
    expect(auditTargetText("user", "8", names, t)).toBe("User: #8");
    expect(auditTargetText("close_reason", "4", names, t)).toBe("Close reason: Pedido entregue");
    expect(auditTargetText("channel", "3", names, t)).toBe("Channel: WhatsApp Loja");
    expect(auditTargetText("setting", "sharedInbox", names, t)).toBe("Setting: Shared inbox");
    expect(auditTargetText("gizmo", null, names, t)).toBe("gizmo");

    expect(describeAuditEntry(entry({ details: { from: 2, to: 4, newChatId: 13 } }), names, es)).toEqual({
      actor: "Ana Lima",
      action: "Chat transferido",
      target: "Chat #12",
      details: "De: Ana Lima · Para: Bruno Souza · Chat nuevo: #13",
    });
    expect(describeAuditEntry(entry({ action: "chat.close_inactive", actorId: null, actorName: null }), names, es).actor).toBe("Sistema o línea de comandos");
  });
});

describe("the audit page's URL", () => {
  const BA = "America/Argentina/Buenos_Aires";

  it("reads filters into the service's terms, dates as whole local days", () => {
    const p = readAuditParams({ actor: "4", action: "chat.close", from: "2026-03-10", to: "2026-03-11", before: "x" });
    expect(auditFilters(p, BA)).toEqual({ actor: 4, action: "chat.close", from: Date.UTC(2026, 2, 10, 3), to: Date.UTC(2026, 2, 12, 3) });
    expect(auditFilters(readAuditParams({ actor: "system" }), BA)).toEqual({ actor: "system" });
    expect(auditFilters(readAuditParams({ actor: "-1", action: "", from: "2026-02-30", to: "soon" }), BA)).toEqual({});
    expect(auditFilters(readAuditParams({ actor: ["5", "6"] }), BA)).toEqual({ actor: 5 });
  });

  it("keeps the filters in the page links and round-trips the cursor", () => {
    const p = readAuditParams({ actor: "system", action: "", from: "2026-03-10", to: "" });
    expect(auditHref(p)).toBe("/admin/audit?actor=system&from=2026-03-10");
    expect(auditHref(p, { at: 1796134094516, id: 42 })).toBe("/admin/audit?actor=system&from=2026-03-10&before=1796134094516_42");
    expect(auditHref(readAuditParams({}))).toBe("/admin/audit");
    expect(parseCursor(cursorParam({ at: 1796134094516, id: 42 }))).toEqual({ at: 1796134094516, id: 42 });
    for (const bad of ["", "42", "1_0", "a_b", "1_2_3"]) expect(parseCursor(bad)).toBeUndefined();
  });
});
