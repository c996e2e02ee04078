import fs from "node:fs";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrationsFolder, openDatabase } from "@/db/client";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import type { Locale } from "@/server/i18n/locale";
import { translator } from "@/server/i18n/locale";
import { closeChatAction } from "@/server/services/chat-actions";
import { closeReasons } from "@/server/services/catalog";
import { chatRowItem } from "@/server/services/inbox-items";
import { DURATION_MARK, formatDuration } from "@/server/i18n/format";
import { listSection } from "@/server/services/inbox";
import { ingestMessage } from "@/server/services/ingest";
import { updateUserAccess, type PublicUser } from "@/server/services/users";
import { tempDb } from "../support/db";
import { makeChannel, makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

// What a Spanish or Portuguese reader sees: refusals through tRPC and the everyday close reasons, in their
// language; the same calls without a known language keep the English text (logs, the CLI, older clients).

describe("refusals in the reader's language", () => {
  let t: ReturnType<typeof tempDb>;
  let admin: PublicUser;
  let agent: PublicUser;
  beforeEach(async () => {
    t = tempDb();
    admin = await makeUser(t.db, "admin");
    agent = await makeUser(t.db, "agent");
  });
  afterEach(() => t.close());

  const api = (user: PublicUser | null, locale?: Locale) => createCaller(createContext(user, t.db, () => T0, locale));
  const messageOf = async (call: Promise<unknown>) => {
    const err = await call.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    return (err as TRPCError).message;
  };

  it("words a missing chat, a taken shortcut and an existing email in Spanish and Portuguese", async () => {
    expect(await messageOf(api(agent, "es").chats.get({ chatId: 2222 }))).toBe("No existe el chat #2222.");
    expect(await messageOf(api(agent, "pt").chats.get({ chatId: 2222 }))).toBe("Não existe o chat #2222.");
    expect(await messageOf(api(agent).chats.get({ chatId: 2222 }))).toBe("There is no chat #2222.");

    await api(admin, "es").quickReplies.create({ shortcut: "hola", body: "¡Hola!" });
    expect(await messageOf(api(admin, "es").quickReplies.create({ shortcut: "/hola", body: "Otra" }))).toBe("El atajo /hola ya está en uso.");

    expect(await messageOf(api(admin, "es").users.create({ email: agent.email, name: "Otra", role: "agent", password: "password-123" }))).toBe(
      `Ya existe un usuario con el correo ${agent.email}.`,
    );
  });

  it("words the role checks too", async () => {
    expect(await messageOf(api(agent, "es").users.list())).toBe("Solo los administradores pueden hacer esto.");
    expect(await messageOf(api(null, "pt").me.get())).toBe("Entre para continuar.");
  });

  it("refuses an administrator deactivating themself, and lets another administrator or the command line do it", async () => {
    expect(await messageOf(api(admin, "es").users.update({ id: admin.id, active: false }))).toBe(
      "No puedes desactivar tu propia cuenta; otro administrador puede hacerlo.",
    );
    expect(() => updateUserAccess(t.db, admin.id, { active: false }, { actorId: admin.id, now: T0 })).toThrow("You can't deactivate your own account");
    expect((await api(admin).users.list()).find((u) => u.id === admin.id)?.active).toBe(true);

    const second = await makeUser(t.db, "admin");
    expect((await api(second, "es").users.update({ id: admin.id, active: false })).active).toBe(false);
    updateUserAccess(t.db, admin.id, { active: true }, { actorId: null, now: T0 });
    // `charla user deactivate` acts as nobody in particular.
    expect(updateUserAccess(t.db, admin.id, { active: false }, { actorId: null, now: T0 }).active).toBe(false);
  });
});

describe("the everyday close reasons", () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => (t = tempDb()));
  afterEach(() => t.close());

  const builtin = (key: string) => closeReasons.list(t.db).find((r) => r.builtinKey === key)!;

  it("a new install creates them with keys, and each reader sees them in their language", async () => {
    expect(closeReasons.list(t.db).filter((r) => r.builtinKey).map((r) => [r.builtinKey, r.label, r.systemKey])).toEqual([
      ["no_reply", "No reply from contact", null],
      ["resolved", "Resolved", null],
      ["spam", "Spam", null],
    ]);
    const agent = await makeUser(t.db, "agent");
    const labels = async (locale?: Locale) => (await createCaller(createContext(agent, t.db, () => T0, locale)).closeReasons.list()).map((r) => r.label);
    expect(await labels("es")).toEqual(["Inactividad", "Resuelto", "Sin respuesta del contacto", "Spam", "Transferido"]);
    expect(await labels("pt")).toContain("Sem resposta do contato");
    expect(await labels()).toContain("No reply from contact");
  });

  it("a chat closed with one reads “Cerrado: Sin respuesta del contacto” in a Spanish agent's list", async () => {
    const agent = await makeUser(t.db, "agent");
    const channel = makeChannel(t.db);
    const { chatId } = ingestMessage(t.db, channel, inboundText("5511999990000", "Oi", T0), T0);
    closeChatAction(t.db, { viewer: agent, now: T0 + 1000 }, chatId, builtin("no_reply").id);
    const [row] = listSection(t.db, agent, { section: "all", status: "closed" }).rows;
    expect(chatRowItem(row!, T0 + 2000, "es", "UTC", translator("es")).meta).toContain("Cerrado: Sin respuesta del contacto");
    expect(chatRowItem(row!, T0 + 2000, "pt", "UTC", translator("pt")).meta).toContain("Fechado: Sem resposta do contato");
  });

  it("a waiting row carries its wait for the browser to age: as it reads in its first minute and with a place for the time", async () => {
    const agent = await makeUser(t.db, "agent");
    const channel = makeChannel(t.db);
    ingestMessage(t.db, channel, inboundText("5511999990001", "Oi", T0), T0);
    const [row] = listSection(t.db, agent, { section: "unassigned", status: "open" }).rows;
    const item = chatRowItem(row!, T0 + 5 * 60_000, "es", "UTC", translator("es"));
    expect(item.meta).toMatch(/esperando 5\s?min/);
    expect(item.aging).toMatchObject({ since: T0, locale: "es" });
    expect(item.aging!.fresh).toContain("esperando desde ahora");
    // What the browser writes twelve minutes in: the same text as a render at that moment.
    const later = item.aging!.text.replace(DURATION_MARK, formatDuration(12 * 60_000, "es"));
    expect(later).toBe(chatRowItem(row!, T0 + 12 * 60_000, "es", "UTC", translator("es")).meta);
  });

  it("renamed by an administrator, it reads as written in every language", async () => {
    const admin = await makeUser(t.db, "admin");
    closeReasons.update(t.db, builtin("spam").id, { label: "Spam" }, { actorId: admin.id, now: T0 });
    expect(builtin("spam").label).toBe("Spam");
    const renamed = closeReasons.update(t.db, builtin("resolved").id, { label: "Pedido entregue" }, { actorId: admin.id, now: T0 });
    expect(renamed.builtinKey).toBeNull();
    const agent = await makeUser(t.db, "agent");
    const labels = (await createCaller(createContext(agent, t.db, () => T0, "es")).closeReasons.list()).map((r) => r.label);
    expect(labels).toContain("Pedido entregue");
    expect(labels).not.toContain("Resuelto");
  });

  it("an install from before gets its English rows marked by the migration; a renamed one keeps its name", () => {
    // The database as it stood at migration 0009, with the reasons the first start used to create.
    const dir = fs.mkdtempSync(path.join(t.dir, "old-"));
    const before = path.join(dir, "migrations");
    fs.cpSync(migrationsFolder(), before, { recursive: true });
    const journalFile = path.join(before, "meta", "_journal.json");
    const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { idx: number }[] };
    journal.entries = journal.entries.filter((e) => e.idx <= 9);
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    const old = openDatabase(path.join(dir, "charla.db"), { migrate: false });
    try {
      migrate(old, { migrationsFolder: before });
      const insert = old.$client.prepare("INSERT INTO close_reasons (label, system_key, active, created_at) VALUES (?, ?, 1, 0)");
      for (const [label, key] of [["Transferred", "transferred"], ["Inactivity", "inactivity"], ["Resolved", null], ["Sem retorno", null], ["Spam", null]]) insert.run(label, key);

      migrate(old, { migrationsFolder: migrationsFolder() });
      expect(old.$client.prepare("SELECT label, builtin_key AS key FROM close_reasons ORDER BY id").all()).toEqual([
        { label: "Transferred", key: null },
        { label: "Inactivity", key: null },
        { label: "Resolved", key: "resolved" },
        { label: "Sem retorno", key: null },
        { label: "Spam", key: "spam" },
      ]);
    } finally {
      old.$client.close();
    }
  });
});
