import { TRPCError } from "@trpc/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { DomainError } from "@/server/domain/errors";
import { auditQuery, writeAudit, type AuditQuery } from "@/server/repositories/audit";
import { auditPage } from "@/server/services/audit";
import { closeReasons } from "@/server/services/catalog";
import type { PublicUser } from "@/server/services/users";
import { tempDb } from "../support/db";
import { makeChannel, makeUser, T0 } from "../support/fixtures";

// The audit log as administrators read it through audit.list: newest first by (at, id) whatever order the
// rows were written in, filtered by actor, action and dates, paged by keyset, with the names it mentions.

const MIN = 60_000;

describe("audit.list", () => {
  let t: ReturnType<typeof tempDb>;
  let admin: PublicUser;
  let ana: PublicUser;
  let bruno: PublicUser;
  const caller = (user: PublicUser | null) => createCaller(createContext(user, t.db, () => T0 + 100 * MIN));
  const ids = (entries: { id: number }[]) => entries.map((e) => e.id);
  const write = (actorId: number | null, action: string, at: number, details?: Record<string, unknown>) =>
    writeAudit(t.db, { actorId, action, targetType: "chat", targetId: 7, details }, at);
  const all = () => t.db.$client.prepare("SELECT id, at FROM audit_log").all() as { id: number; at: number }[];
  const newestFirst = (rows: { id: number; at: number }[]) => [...rows].sort((a, b) => b.at - a.at || b.id - a.id).map((r) => r.id);

  beforeEach(async () => {
    t = tempDb();
    admin = await makeUser(t.db, "admin", "Alice Admin");
    ana = await makeUser(t.db, "agent", "Ana Lima");
    bruno = await makeUser(t.db, "agent", "Bruno Souza");
    // Each test writes the entries it reads; the fixtures' own "user created" entries would only blur them.
    t.db.$client.exec("DELETE FROM audit_log");
  });
  afterEach(() => t.close());

  it("lists newest first by time, then id, even when rows were written out of time order", async () => {
    // A job that ran late writes an older moment after a newer one: ids alone would put it first.
    write(ana.id, "chat.close", T0 + 5 * MIN);
    write(null, "chat.close_inactive", T0 + 1 * MIN);
    write(bruno.id, "chat.assign", T0 + 5 * MIN);
    write(ana.id, "chat.schedule", T0 + 3 * MIN);
    const page = await caller(admin).audit.list({});
    expect(ids(page.entries)).toEqual(newestFirst(all()));
    expect(page.entries.map((e) => e.at)).toEqual([...page.entries.map((e) => e.at)].sort((a, b) => b - a));
    expect(page.nextCursor).toBeNull();
  });

  it("pages by keyset through equal times without a gap or a repeat, and keeps the filters", async () => {
    // Times 0, 2, 1, 0, 2, 1, 0 minutes: ties, and ids out of time order.
    for (let i = 0; i < 7; i++) write(i % 2 ? ana.id : bruno.id, "chat.close", T0 + ((i * 2) % 3) * MIN);
    for (let i = 0; i < 3; i++) write(ana.id, "chat.assign", T0 + i * MIN);
    const api = caller(admin);
    const seen: number[] = [];
    let before: { at: number; id: number } | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await api.audit.list({ action: "chat.close", limit: 3, before });
      seen.push(...ids(page.entries));
      if (!page.nextCursor) break;
      expect(page.entries).toHaveLength(3);
      before = page.nextCursor;
      expect(before).toEqual({ at: page.entries[2]!.at, id: page.entries[2]!.id });
    }
    const closes = (t.db.$client.prepare("SELECT id, at FROM audit_log WHERE action = 'chat.close'").all() as { id: number; at: number }[]);
    expect(seen).toEqual(newestFirst(closes));
    expect(seen).toHaveLength(7);
  });

  it("filters by person, by the system, by action and by a date range (end exclusive), alone or together", async () => {
    write(ana.id, "chat.close", T0);
    write(ana.id, "chat.transfer", T0 + 10 * MIN);
    write(bruno.id, "chat.transfer", T0 + 20 * MIN);
    write(null, "chat.close_inactive", T0 + 30 * MIN);
    write(ana.id, "chat.close", T0 + 40 * MIN);
    const api = caller(admin);
    const actions = async (input: Parameters<typeof api.audit.list>[0]) => (await api.audit.list(input)).entries.map((e) => `${e.actorName ?? "system"} ${e.action} ${(e.at - T0) / MIN}`);

    expect(await actions({ actor: ana.id })).toEqual(["Ana Lima chat.close 40", "Ana Lima chat.transfer 10", "Ana Lima chat.close 0"]);
    expect(await actions({ actor: "system" })).toEqual(["system chat.close_inactive 30"]);
    expect(await actions({ action: "chat.transfer" })).toEqual(["Bruno Souza chat.transfer 20", "Ana Lima chat.transfer 10"]);
    expect(await actions({ from: T0 + 10 * MIN, to: T0 + 30 * MIN })).toEqual(["Bruno Souza chat.transfer 20", "Ana Lima chat.transfer 10"]);
    expect(await actions({ actor: ana.id, action: "chat.close", from: T0 + 1 })).toEqual(["Ana Lima chat.close 40"]);
    expect(await actions({ action: "chat.unknown" })).toEqual([]);
  });

  it("names the people, close reasons and channels a page mentions, and no one else", async () => {
    const reason = closeReasons.create(t.db, "Pedido entregue", { actorId: admin.id, now: T0 });
    const channel = makeChannel(t.db);
    write(ana.id, "chat.transfer", T0 + MIN, { from: ana.id, to: bruno.id, newChatId: 8 });
    write(ana.id, "chat.close", T0 + 2 * MIN, { reasonId: reason.id });
    writeAudit(t.db, { actorId: admin.id, action: "channel.update", targetType: "channel", targetId: channel.id }, T0 + 3 * MIN);
    write(ana.id, "chat.assign", T0 + 4 * MIN, { to: 999 });

    const page = await caller(admin).audit.list({ from: T0 + 1 });
    expect(page.names.users).toEqual({ [admin.id]: "Alice Admin", [ana.id]: "Ana Lima", [bruno.id]: "Bruno Souza" });
    expect(page.names.reasons).toEqual({ [reason.id]: { label: "Pedido entregue", systemKey: null, builtinKey: null } });
    expect(page.names.channels).toEqual({ [channel.id]: channel.name });
    expect(page.entries.map((e) => e.actorName)).toEqual(["Ana Lima", "Alice Admin", "Ana Lima", "Ana Lima"]);

    const onlyAna = await caller(admin).audit.list({ action: "chat.close" });
    expect(onlyAna.names.users).toEqual({ [ana.id]: "Ana Lima" });
  });

  it("is for administrators only", async () => {
    write(ana.id, "chat.close", T0);
    await expect(caller(ana).audit.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(null).audit.list({})).rejects.toBeInstanceOf(TRPCError);
    expect(() => auditPage(t.db, ana, { limit: 3 })).toThrow(DomainError);
  });

  it("reads every filter through an index, in order, without sorting", () => {
    const plan = (q: AuditQuery) => {
      const { sql, params } = auditQuery(t.db, q).toSQL();
      return (t.db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as unknown[])) as { detail: string }[]).map((r) => r.detail).join(" | ");
    };
    const before = { at: T0, id: 10 };
    expect(plan({ limit: 51 })).toMatch(/USING INDEX audit_log_at_idx/);
    expect(plan({ before, from: T0 - MIN, limit: 51 })).toMatch(/SEARCH audit_log USING INDEX audit_log_at_idx/);
    expect(plan({ actor: ana.id, before, limit: 51 })).toMatch(/SEARCH audit_log USING INDEX audit_log_actor_at_idx \(actor_id=\? AND at/);
    expect(plan({ actor: "system", limit: 51 })).toMatch(/SEARCH audit_log USING INDEX audit_log_actor_at_idx \(actor_id=\?/);
    expect(plan({ action: "chat.close", to: T0, limit: 51 })).toMatch(/SEARCH audit_log USING INDEX audit_log_action_at_idx \(action=\? AND at/);
    for (const q of [{ limit: 51 }, { actor: ana.id, limit: 51 }, { action: "chat.close", before, limit: 51 }]) expect(plan(q)).not.toMatch(/TEMP B-TREE/);
  });
});
