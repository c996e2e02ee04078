import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memberLoads, waitingChats } from "@/server/repositories/teams";
import { ingestMessage } from "@/server/services/ingest";
import { setAvailability } from "@/server/services/routing/presence";
import { addTeamMember, createTeam, setChannelDefaultTeam } from "@/server/services/routing/teams";
import type { PublicUser } from "@/server/services/users";
import { tempDb } from "../../support/db";
import { makeChannel, makeUser, T0 } from "../../support/fixtures";
import { inboundText } from "../../support/inbound";

// Distribution's reads are prepared once per connection and reused (the routing bench): each shape must
// still answer for its own arguments — the number of teams, with or without the presence filter — and see
// what the caller's transaction wrote before it.

describe("routing's queue and load statements, reused on one connection", () => {
  let t: ReturnType<typeof tempDb>;
  let admin: PublicUser;
  let ana: PublicUser;
  let bea: PublicUser;
  let ventas: number;
  let soporte: number;
  const actor = () => ({ actorId: admin.id, now: T0 });

  beforeEach(async () => {
    t = tempDb();
    admin = await makeUser(t.db, "admin", "Admin");
    ana = await makeUser(t.db, "agent", "Ana");
    bea = await makeUser(t.db, "agent", "Bea");
    // Manual teams: chats wait in their queue, nobody is chosen.
    ventas = createTeam(t.db, { name: "Ventas", mode: "manual" }, actor()).id;
    soporte = createTeam(t.db, { name: "Soporte", mode: "manual" }, actor()).id;
    addTeamMember(t.db, ventas, ana.id, actor());
    addTeamMember(t.db, ventas, bea.id, actor());
    addTeamMember(t.db, soporte, bea.id, actor());
    const wa = makeChannel(t.db, "whatsapp", "111");
    const web = makeChannel(t.db, "webchat", "222");
    setChannelDefaultTeam(t.db, wa.id, ventas, actor());
    setChannelDefaultTeam(t.db, web.id, soporte, actor());
    ingestMessage(t.db, wa, inboundText("5511900000001", "Oi", T0, { channelExternalId: "111" }), T0);
    ingestMessage(t.db, web, inboundText("visitor-1", "Hola", T0 + 1000, { channelExternalId: "222" }), T0 + 1000);
    ingestMessage(t.db, wa, inboundText("5511900000002", "Oi", T0 + 2000, { channelExternalId: "111" }), T0 + 2000);
  });
  afterEach(() => t.close());

  it("waitingChats answers for one team, then two, then one again", () => {
    const teamsOf = (ids: number[]) => waitingChats(t.db, ids, 10).map((c) => c.teamId);
    expect(teamsOf([ventas])).toEqual([ventas, ventas]);
    expect(teamsOf([ventas, soporte])).toEqual([ventas, soporte, ventas]);
    expect(teamsOf([soporte])).toEqual([soporte]);
    expect(waitingChats(t.db, [ventas, soporte], 1)).toHaveLength(1);
  });

  it("memberLoads filters by presence only when asked, and sees the transaction's own writes", () => {
    setAvailability(t.db, ana.id, "available", T0);
    expect(memberLoads(t.db, ventas).map((m) => m.userId)).toEqual([ana.id, bea.id]);
    expect(memberLoads(t.db, ventas, T0 - 1000).map((m) => m.userId)).toEqual([ana.id]);
    expect(memberLoads(t.db, ventas).map((m) => m.userId)).toEqual([ana.id, bea.id]);
    expect(() =>
      t.db.transaction((tx) => {
        t.db.$client.prepare("UPDATE users SET availability = 'away' WHERE id = ?").run(ana.id);
        expect(memberLoads(tx, ventas, T0 - 1000)).toEqual([]);
        throw new Error("roll back");
      }),
    ).toThrow("roll back");
    expect(memberLoads(t.db, ventas, T0 - 1000).map((m) => m.userId)).toEqual([ana.id]);
  });
});
