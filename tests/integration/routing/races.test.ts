import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setAvailability } from "@/server/services/routing/presence";
import { addTeamMember, createTeam, setChannelDefaultTeam } from "@/server/services/routing/teams";
import { tempDb } from "../../support/db";
import { makeChannel, T0 } from "../../support/fixtures";
import { race } from "../../support/race";

// Routing across processes (two servers, or the CLI beside one): each decision re-reads inside an immediate
// transaction, so concurrent deliveries never put an agent above capacity nor give a chat two owners, and
// concurrent job runs expire each offer exactly once.
describe("routing races", () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => (t = tempDb()));
  afterEach(() => t.close());
  const sqlite = () => t.db.$client;

  function team(mode: "balanced" | "offer", capacity: number): { agents: number[]; channelId: number } {
    const channel = makeChannel(t.db, "webchat", "site");
    const teamId = createTeam(t.db, { name: "Ventas", mode, capacity, offerSeconds: 30 }, { actorId: null, now: Date.now() }).id;
    const agents = [1, 2, 3].map((i) => Number(sqlite().prepare("INSERT INTO users (name, email, password_hash, role, created_at) VALUES (?, ?, 'x', 'agent', ?)").run(`A${i}`, `a${i}@x.com`, T0).lastInsertRowid));
    for (const id of agents) {
      addTeamMember(t.db, teamId, id, { actorId: null, now: Date.now() });
      // Present for the next few minutes of real time (the writers file with the real clock).
      setAvailability(t.db, id, "available", Date.now());
    }
    setChannelDefaultTeam(t.db, channel.id, teamId, { actorId: null, now: Date.now() });
    return { agents, channelId: channel.id };
  }

  it("four processes filing new chats at once fill every agent to capacity and no further, one owner each", async () => {
    const { agents } = team("balanced", 3);
    const results = await race([1, 2, 3, 4].map(() => ({ op: "write-for" as const, file: t.file, ms: 1_500 })));
    expect(results.flat().every((o) => o.ok)).toBe(true);
    // The writers use the same contact names, so they race on the same chats too.
    const chats = (sqlite().prepare("SELECT count(*) AS n FROM chats WHERE status = 'open'").get() as { n: number }).n;
    expect(chats).toBeGreaterThan(agents.length * 3);
    const loads = sqlite().prepare("SELECT assignee_id AS a, count(*) AS n FROM chats WHERE status = 'open' AND assignee_id IS NOT NULL GROUP BY 1 ORDER BY 1").all();
    expect(loads).toEqual(agents.map((a) => ({ a, n: 3 })));
    const autos = sqlite().prepare("SELECT target_id AS chat, count(*) AS n FROM audit_log WHERE action = 'chat.auto_assign' GROUP BY 1 HAVING n > 1").all();
    expect(autos).toEqual([]);
    expect((sqlite().prepare("SELECT count(*) AS n FROM chats WHERE assignee_id IS NULL AND status = 'open'").get() as { n: number }).n).toBe(chats - 9);
  }, 120_000);

  it("three processes running the routing job at once expire each offer exactly once and re-offer it once", async () => {
    const { agents } = team("offer", 20);
    const contact = sqlite().prepare("INSERT INTO contacts (name, created_at) VALUES (?, ?)");
    const chat = sqlite().prepare("INSERT INTO chats (contact_id, channel_id, status, opened_at, sort_at, updated_at, team_id, queued_at) VALUES (?, (SELECT id FROM channels LIMIT 1), 'open', ?, ?, ?, (SELECT id FROM teams WHERE name = 'Ventas'), ?)");
    const offer = sqlite().prepare("INSERT INTO chat_offers (chat_id, user_id, team_id, offered_at, expires_at) VALUES (?, ?, (SELECT id FROM teams WHERE name = 'Ventas'), ?, ?)");
    const now = Date.now();
    for (let i = 0; i < 30; i++) {
      const c = Number(chat.run(Number(contact.run(`C${i}`, T0).lastInsertRowid), now - 60_000, now - 60_000, now - 60_000, now - 60_000 + i).lastInsertRowid);
      offer.run(c, agents[i % 3], now - 60_000, now - 30_000);
    }
    const results = await race([1, 2, 3].map(() => ({ op: "routing-jobs" as const, file: t.file, now })));
    const outcomes = results.flat();
    expect(outcomes.every((o) => o.ok), JSON.stringify(outcomes)).toBe(true);
    expect(outcomes.reduce((n, o) => n + (o.ok ? (o.detail as { expired: number }).expired : 0), 0)).toBe(30);
    expect((sqlite().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'chat.offer_expired'").get() as { n: number }).n).toBe(30);
    // Each chat is offered again, once, to someone who had not let it pass.
    const pending = sqlite().prepare("SELECT o.chat_id AS c, o.user_id AS u FROM chat_offers o WHERE outcome = 'pending'").all() as Array<{ c: number; u: number }>;
    expect(pending).toHaveLength(30);
    const expired = new Map((sqlite().prepare("SELECT chat_id AS c, user_id AS u FROM chat_offers WHERE outcome = 'expired'").all() as Array<{ c: number; u: number }>).map((r) => [r.c, r.u]));
    for (const p of pending) expect(p.u).not.toBe(expired.get(p.c));
  }, 120_000);
});
