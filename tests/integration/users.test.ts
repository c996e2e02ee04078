import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { authenticate, createUser, updateUserAccess } from "@/server/services/users";
import { ensureFirstAdmin } from "@/server/services/bootstrap";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";

describe("passwords", () => {
  it("hashes with scrypt and a fresh salt, and verifies only the right password", async () => {
    const a = await hashPassword("correct horse");
    const b = await hashPassword("correct horse");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse", a)).toBe(true);
    expect(await verifyPassword("correct hors", a)).toBe(false);
    expect(await verifyPassword("correct horse", "garbage")).toBe(false);
  });
});

describe("users and sign-in", () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => (t = tempDb()));
  afterEach(() => t.close());

  it("signs in with the right password, case-insensitive email", async () => {
    await createUser(t.db, { email: "Ana@Example.com", name: "Ana", role: "agent", password: "secret-123" }, { actorId: null, now: T0 });
    const ok = await authenticate(t.db, "ANA@example.COM", "secret-123");
    expect(ok.ok && ok.user.email).toBe("ana@example.com");
    expect(await authenticate(t.db, "ana@example.com", "wrong-pass")).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(t.db, "nobody@example.com", "secret-123")).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a deactivated user even with the right password", async () => {
    const admin = await makeUser(t.db, "admin");
    const user = await createUser(t.db, { email: "luis@example.com", name: "Luis", role: "agent", password: "secret-123" }, { actorId: null, now: T0 });
    updateUserAccess(t.db, user.id, { active: false }, { actorId: admin.id, now: T0 });
    expect(await authenticate(t.db, "luis@example.com", "secret-123")).toEqual({ ok: false, reason: "inactive" });
  });

  it("refuses duplicate emails whatever their case, and short passwords", async () => {
    await createUser(t.db, { email: "a@example.com", name: "A", role: "agent", password: "secret-123" }, { actorId: null, now: T0 });
    await expect(createUser(t.db, { email: "A@EXAMPLE.com", name: "B", role: "agent", password: "secret-123" }, { actorId: null, now: T0 })).rejects.toThrow(/already exists/);
    await expect(createUser(t.db, { email: "c@example.com", name: "C", role: "agent", password: "short" }, { actorId: null, now: T0 })).rejects.toThrow(/at least 8/);
  });

  it("never demotes or deactivates the last active administrator", async () => {
    const admin = await makeUser(t.db, "admin");
    expect(() => updateUserAccess(t.db, admin.id, { role: "agent" }, { actorId: admin.id, now: T0 })).toThrow(/last active administrator/);
    const second = await makeUser(t.db, "admin");
    expect(updateUserAccess(t.db, admin.id, { active: false }, { actorId: second.id, now: T0 }).active).toBe(false);
  });

  it("creates the first administrator once, with a generated password when none is given", async () => {
    const first = await ensureFirstAdmin(t.db, T0, {});
    expect(first?.email).toBe("admin@localhost");
    expect(first?.generatedPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    expect((await authenticate(t.db, "admin@localhost", first!.generatedPassword!)).ok).toBe(true);
    expect(await ensureFirstAdmin(t.db, T0, {})).toBeNull();
  });
});
