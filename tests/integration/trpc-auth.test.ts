import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";

describe("tRPC roles", () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => (t = tempDb()));
  afterEach(() => t.close());
  const caller = (user: Awaited<ReturnType<typeof makeUser>> | null) => createCaller(createContext(user, t.db, () => T0));

  it("answers UNAUTHORIZED when signed out", async () => {
    await expect(caller(null).me.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("lets an agent read but not manage users or settings", async () => {
    const agent = await makeUser(t.db, "agent");
    expect((await caller(agent).me.get())?.id).toBe(agent.id);
    await expect(caller(agent).users.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(agent).settings.update({ key: "sharedInbox", value: false })).rejects.toBeInstanceOf(TRPCError);
    await expect(caller(agent).settings.update({ key: "sharedInbox", value: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await caller(agent).settings.get()).sharedInbox).toBe(true);
  });

  it("lets an administrator change settings and records it in the audit log", async () => {
    const admin = await makeUser(t.db, "admin");
    const after = await caller(admin).settings.update({ key: "sharedInbox", value: false });
    expect(after.sharedInbox).toBe(false);
    const audit = t.db.$client.prepare("SELECT action, actor_id FROM audit_log WHERE action = 'settings.update'").all();
    expect(audit).toEqual([{ action: "settings.update", actor_id: admin.id }]);
  });

  it("maps domain errors to their codes with the rule's own message", async () => {
    const admin = await makeUser(t.db, "admin");
    await expect(caller(admin).users.create({ email: "not-an-email", name: "X", role: "agent", password: "password-1" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("not a valid email"),
    });
  });
});
