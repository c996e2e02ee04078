import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DomainError } from "@/server/domain/errors";
import { auditPage } from "@/server/services/audit";
import { closeReasons } from "@/server/services/catalog";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";

describe("audit log pages", () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => (t = tempDb()));
  afterEach(() => t.close());

  it("pages newest first by keyset, with the actor's name, and only for administrators", async () => {
    const admin = await makeUser(t.db, "admin", "Alice Admin");
    const agent = await makeUser(t.db, "agent");
    for (let i = 0; i < 5; i++) closeReasons.create(t.db, `Reason ${i}`, { actorId: admin.id, now: T0 + i });

    const first = auditPage(t.db, admin, { limit: 3 });
    expect(first.entries).toHaveLength(3);
    expect(first.entries.map((e) => e.id)).toEqual([...first.entries.map((e) => e.id)].sort((a, b) => b - a));
    expect(first.entries[0]).toMatchObject({ action: "close_reason.create", actorName: "Alice Admin", at: T0 + 4 });
    expect(first.nextBefore).toBe(first.entries[2]!.id);

    const second = auditPage(t.db, admin, { limit: 3, before: first.nextBefore! });
    expect(second.entries.every((e) => e.id < first.nextBefore!)).toBe(true);
    // The two user.create entries were written by the fixtures with no actor: the system.
    expect(second.entries.filter((e) => e.action === "user.create").every((e) => e.actorName === null)).toBe(true);
    const last = auditPage(t.db, admin, { limit: 50, before: second.entries.at(-1)!.id });
    expect(last.nextBefore).toBeNull();

    expect(() => auditPage(t.db, agent, { limit: 3 })).toThrow(DomainError);
  });
});
