import fs from "node:fs";
import path from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrationsFolder, openDatabase } from "@/db/client";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { findUserById } from "@/server/repositories/users";
import { adoptBrowserTimeZone, createUser, updateOwnProfile, updateUserAccess, type PublicUser } from "@/server/services/users";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";

// Issue 12, item 3: a new account starts in UTC and takes the browser's zone at its first sign-in; a zone
// someone chose (the user, an admin, the banner) is never replaced by the browser's.

const BA = "America/Argentina/Buenos_Aires";
const LATER = T0 + 3_600_000;

describe("the browser's time zone at sign-in", () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => (t = tempDb()));
  afterEach(() => t.close());

  const zoneOf = (user: PublicUser) => findUserById(t.db, user.id)!;
  const auditOf = (userId: number) =>
    t.db.$client.prepare("SELECT action, details FROM audit_log WHERE target_type = 'user' AND target_id = ? ORDER BY id").all(String(userId)) as { action: string; details: string }[];

  it("is adopted by a new account, once", async () => {
    const ana = await makeUser(t.db, "agent", "Ana");
    expect(zoneOf(ana)).toMatchObject({ timeZone: "UTC", timeZoneSetAt: null });

    expect(adoptBrowserTimeZone(t.db, ana.id, BA, LATER)).toBe(true);
    expect(zoneOf(ana)).toMatchObject({ timeZone: BA, timeZoneSetAt: LATER });
    expect(auditOf(ana.id).at(-1)).toEqual({ action: "user.time_zone_detected", details: JSON.stringify({ timeZone: BA }) });

    // Signing in later from a laptop in another zone keeps the zone: the banner offers the switch instead.
    expect(adoptBrowserTimeZone(t.db, ana.id, "Europe/Madrid", LATER + 1)).toBe(false);
    expect(zoneOf(ana)).toMatchObject({ timeZone: BA, timeZoneSetAt: LATER });
  });

  it("never replaces a zone the user saved, even UTC, nor one an admin gave", async () => {
    const saved = await makeUser(t.db, "agent", "Saved");
    updateOwnProfile(t.db, saved.id, { locale: null, timeZone: "UTC" }, T0 + 1);
    expect(adoptBrowserTimeZone(t.db, saved.id, BA, LATER)).toBe(false);
    expect(zoneOf(saved)).toMatchObject({ timeZone: "UTC", timeZoneSetAt: T0 + 1 });

    const given = await createUser(t.db, { email: "given@example.com", name: "Given", role: "agent", password: "password-123", timeZone: "America/Sao_Paulo" }, { actorId: null, now: T0 });
    expect(adoptBrowserTimeZone(t.db, given.id, BA, LATER)).toBe(false);
    expect(zoneOf(given).timeZone).toBe("America/Sao_Paulo");

    const changed = await makeUser(t.db, "agent", "Changed");
    updateUserAccess(t.db, changed.id, { timeZone: "Europe/Lisbon" }, { actorId: null, now: T0 + 2 });
    expect(adoptBrowserTimeZone(t.db, changed.id, BA, LATER)).toBe(false);
    expect(zoneOf(changed)).toMatchObject({ timeZone: "Europe/Lisbon", timeZoneSetAt: T0 + 2 });
  });

  it("ignores a missing or made-up zone without failing the sign-in or writing anything", async () => {
    const ana = await makeUser(t.db, "agent", "Ana");
    const before = auditOf(ana.id).length;
    for (const junk of ["", "Mars/Olympus_Mons", "x".repeat(200), undefined, null, 42]) {
      expect(adoptBrowserTimeZone(t.db, ana.id, junk, LATER)).toBe(false);
    }
    expect(zoneOf(ana)).toMatchObject({ timeZone: "UTC", timeZoneSetAt: null });
    expect(auditOf(ana.id)).toHaveLength(before);
  });
});

describe("me.setTimeZone (the banner's button)", () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => (t = tempDb()));
  afterEach(() => t.close());

  it("changes only the signer's zone, marks it chosen and audits it; refuses an unknown zone", async () => {
    const ana = await makeUser(t.db, "agent", "Ana");
    updateOwnProfile(t.db, ana.id, { locale: "pt", timeZone: "UTC" }, T0);
    const api = createCaller(createContext(ana, t.db, () => LATER));

    const updated = await api.me.setTimeZone({ timeZone: BA });
    expect(updated).toMatchObject({ timeZone: BA, timeZoneSetAt: LATER, locale: "pt" });
    const last = t.db.$client.prepare("SELECT actor_id, action, details FROM audit_log ORDER BY id DESC LIMIT 1").get();
    expect(last).toEqual({ actor_id: ana.id, action: "user.time_zone", details: JSON.stringify({ timeZone: BA }) });

    await expect(api.me.setTimeZone({ timeZone: "Mars/Olympus_Mons" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(findUserById(t.db, ana.id)!.timeZone).toBe(BA);
    await expect(createCaller(createContext(null, t.db)).me.setTimeZone({ timeZone: BA })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("migration 0009", () => {
  it("counts a zone as chosen for users who saved their profile or hold a zone other than UTC", () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "charla-tz-migration-"));
    try {
      // The migrations as they stood before 0009, applied to a database that then gets users.
      const older = path.join(dir, "migrations");
      fs.cpSync(migrationsFolder(), older, { recursive: true });
      const journalFile = path.join(older, "meta/_journal.json");
      const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { idx: number; tag: string }[] };
      const from = journal.entries.findIndex((e) => e.tag.startsWith("0009_"));
      expect(from).toBeGreaterThan(0);
      journal.entries = journal.entries.slice(0, from);
      fs.writeFileSync(journalFile, JSON.stringify(journal));
      const db = openDatabase(path.join(dir, "charla.db"), { migrate: false });
      migrate(db, { migrationsFolder: older });

      const sqlite = db.$client;
      const addUser = sqlite.prepare("INSERT INTO users (name, email, password_hash, role, time_zone, created_at) VALUES (?, ?, 'x', 'agent', ?, ?)");
      const never = Number(addUser.run("Never", "never@example.com", "UTC", T0).lastInsertRowid);
      const savedUtc = Number(addUser.run("Saved", "saved@example.com", "UTC", T0).lastInsertRowid);
      const madrid = Number(addUser.run("Madrid", "madrid@example.com", "Europe/Madrid", T0 + 5).lastInsertRowid);
      const addAudit = sqlite.prepare("INSERT INTO audit_log (actor_id, action, target_type, target_id, at) VALUES (?, ?, 'user', ?, ?)");
      addAudit.run(savedUtc, "user.profile", String(savedUtc), T0 + 10);
      addAudit.run(savedUtc, "user.profile", String(savedUtc), T0 + 20);
      addAudit.run(never, "user.set_password", String(never), T0 + 30);

      migrate(db, { migrationsFolder: migrationsFolder() });
      const setAt = (id: number) => (sqlite.prepare("SELECT time_zone_set_at AS v FROM users WHERE id = ?").get(id) as { v: number | null }).v;
      expect(setAt(never)).toBeNull();
      expect(setAt(savedUtc)).toBe(T0 + 20);
      expect(setAt(madrid)).toBe(T0 + 5);
      sqlite.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
