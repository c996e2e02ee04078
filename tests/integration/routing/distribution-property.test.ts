import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { isOpenAt, type Schedule } from "@/server/domain/business-hours";
import { capacityOf, effectiveAvailability, type Availability } from "@/server/domain/routing";
import { runRoutingJobs } from "@/server/jobs/routing";
import { closeChatAction } from "@/server/services/chat-actions";
import { ingestMessage } from "@/server/services/ingest";
import { assignChatToTeam } from "@/server/services/routing/assign-team";
import { acceptOffer, declineOffer } from "@/server/services/routing/offers";
import { setAvailability } from "@/server/services/routing/presence";
import { addTeamMember, createTeam, setAgentCapacity, setChannelDefaultTeam, setTeamHours } from "@/server/services/routing/teams";
import { tempDb } from "../../support/db";
import { makeChannel, T0 } from "../../support/fixtures";

// Issue 13's property: random inbound messages, closes, transfers back to the queue, availability and
// capacity changes, offers accepted or declined, and time passing across opening hours, on a real database
// through the services. After every step: nobody went above capacity; no waiting chat is left while an
// eligible agent has room (oldest placed first); offers expire exactly once; nothing is placed outside
// hours; a contact gets at most one away message per 24 h; in round robin the always-available agents'
// counts never differ by more than one.

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const nineToSix = [{ start: "09:00", end: "18:00" }];
const SCHEDULE: Schedule = { timeZone: "UTC", days: [nineToSix, nineToSix, nineToSix, nineToSix, nineToSix, [], []], holidays: [] };
const AGENTS = 3;

type Event =
  | { k: "in"; contact: number }
  | { k: "close"; agent: number }
  | { k: "queue"; agent: number }
  | { k: "avail"; agent: number; value: Availability }
  | { k: "cap"; agent: number; value: number | null }
  | { k: "time"; minutes: number }
  | { k: "accept"; agent: number }
  | { k: "decline"; agent: number };

const agentArb = fc.integer({ min: 0, max: AGENTS - 1 });
const eventArb = (withAvailability: boolean, withCapacity: boolean): fc.Arbitrary<Event> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ k: fc.constant("in" as const), contact: fc.integer({ min: 0, max: 11 }) }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant("close" as const), agent: agentArb }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant("queue" as const), agent: agentArb }) },
    { weight: withAvailability ? 2 : 0, arbitrary: fc.record({ k: fc.constant("avail" as const), agent: agentArb, value: fc.constantFrom<Availability>("available", "away", "offline") }) },
    { weight: withCapacity ? 1 : 0, arbitrary: fc.record({ k: fc.constant("cap" as const), agent: agentArb, value: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }) }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant("time" as const), minutes: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 30 }) }, { weight: 1, arbitrary: fc.integer({ min: 60, max: 900 }) }) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant("accept" as const), agent: agentArb }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant("decline" as const), agent: agentArb }) },
  );

interface World {
  db: Db;
  now: number;
  agents: number[];
  teamId: number;
  teamCapacity: number;
  channel: ReturnType<typeof makeChannel>;
  reasonId: number;
  sent: number;
}

type Row = Record<string, number | string | null>;
const all = (w: World, q: string, ...p: unknown[]) => w.db.$client.prepare(q).all(...p) as Row[];
const one = (w: World, q: string, ...p: unknown[]) => w.db.$client.prepare(q).get(...p) as Row | undefined;

function loads(w: World): Map<number, { load: number; capacity: number; eligible: boolean }> {
  const out = new Map<number, { load: number; capacity: number; eligible: boolean }>();
  for (const id of w.agents) {
    const user = one(w, "SELECT availability, last_seen_at, capacity FROM users WHERE id = ?", id)!;
    const open = one(w, "SELECT count(*) AS n FROM chats WHERE assignee_id = ? AND status = 'open'", id)!.n as number;
    const offered = one(w, "SELECT count(*) AS n FROM chat_offers WHERE user_id = ? AND outcome = 'pending'", id)!.n as number;
    const capacity = capacityOf(user.capacity as number | null, w.teamCapacity);
    const present = effectiveAvailability(user.availability as Availability, user.last_seen_at as number | null, w.now) === "available";
    out.set(id, { load: open + offered, capacity, eligible: present && open + offered < capacity });
  }
  return out;
}

function apply(w: World, e: Event): void {
  const agent = w.agents[("agent" in e ? e.agent : 0) % AGENTS]!;
  const viewer = { id: agent, role: "agent" as const };
  const oldestOf = (id: number) => one(w, "SELECT id FROM chats WHERE assignee_id = ? AND status = 'open' ORDER BY id LIMIT 1", id)?.id as number | undefined;
  const offerOf = (id: number) => one(w, "SELECT chat_id AS chatId FROM chat_offers WHERE user_id = ? AND outcome = 'pending' ORDER BY id LIMIT 1", id)?.chatId as number | undefined;
  switch (e.k) {
    case "in":
      w.sent += 1;
      ingestMessage(w.db, w.channel, { type: "message", channelExternalId: "", contact: { externalId: `visitor-${e.contact}` }, providerMessageId: `m${w.sent}`, timestamp: w.now, direction: "in", kind: "text", body: `hi ${w.sent}` }, w.now);
      break;
    case "close": {
      const chatId = oldestOf(agent);
      if (chatId) closeChatAction(w.db, { viewer, now: w.now }, chatId, w.reasonId);
      break;
    }
    case "queue": {
      const chatId = oldestOf(agent);
      if (chatId) assignChatToTeam(w.db, { viewer, now: w.now }, chatId, w.teamId);
      break;
    }
    case "avail":
      setAvailability(w.db, agent, e.value, w.now);
      break;
    case "cap":
      setAgentCapacity(w.db, agent, e.value, { actorId: null, now: w.now });
      break;
    case "time":
      w.now += e.minutes * MIN;
      // Their inbox tabs stayed open and polled all along (the heartbeat), then the job runs.
      w.db.$client.prepare("UPDATE users SET last_seen_at = ?").run(w.now);
      runRoutingJobs(w.db, w.now);
      break;
    case "accept": {
      const chatId = offerOf(agent);
      if (chatId) acceptOffer(w.db, viewer, chatId, w.now);
      break;
    }
    case "decline": {
      const chatId = offerOf(agent);
      if (chatId) declineOffer(w.db, viewer, chatId, w.now);
      break;
    }
  }
}

async function setUp(mode: "round_robin" | "balanced" | "offer", teamCapacity: number, offerSeconds: number) {
  const t = tempDb();
  const w: World = { db: t.db, now: T0, agents: [], teamId: 0, teamCapacity, channel: makeChannel(t.db, "webchat", "site"), reasonId: 0, sent: 0 };
  // Straight rows rather than createUser: scrypt would make each run take seconds.
  for (let i = 0; i < AGENTS; i++) {
    w.agents.push(Number(t.db.$client.prepare("INSERT INTO users (name, email, password_hash, role, created_at) VALUES (?, ?, 'x', 'agent', ?)").run(`A${i}`, `a${i}@x.com`, T0).lastInsertRowid));
  }
  w.reasonId = one(w, "SELECT id FROM close_reasons WHERE system_key IS NULL ORDER BY id LIMIT 1")!.id as number;
  const actor = { actorId: null, now: w.now };
  w.teamId = createTeam(t.db, { name: "Ventas", mode, capacity: teamCapacity, offerSeconds, awayMessage: "Volvemos a las 9." }, actor).id;
  for (const id of w.agents) addTeamMember(t.db, w.teamId, id, actor);
  setTeamHours(t.db, w.teamId, SCHEDULE, actor);
  setChannelDefaultTeam(t.db, w.channel.id, w.teamId, actor);
  for (const id of w.agents) setAvailability(t.db, id, "available", w.now);
  return { t, w };
}

function checkStep(w: World, before: ReturnType<typeof loads>, auditBefore: number, mode: string): void {
  const after = loads(w);
  // Nobody above capacity: an agent's load never rises above their capacity, nor while above it (capacity lowered).
  for (const [id, now] of after) expect(now.load, `agent ${id}`).toBeLessThanOrEqual(Math.max(now.capacity, before.get(id)!.load));

  // A pending offer is for an unassigned open chat.
  expect(all(w, "SELECT o.id FROM chat_offers o JOIN chats c ON c.id = o.chat_id WHERE o.outcome = 'pending' AND (c.assignee_id IS NOT NULL OR c.status <> 'open')")).toEqual([]);

  // Nothing placed outside opening hours.
  const placements = all(w, "SELECT at, target_id AS chatId, action FROM audit_log WHERE id > ? AND action IN ('chat.auto_assign', 'chat.offer')", auditBefore);
  for (const p of placements) expect(isOpenAt(SCHEDULE, p.at as number), `placed at ${new Date(p.at as number).toISOString()}`).toBe(true);

  const waiting = all(w, `SELECT c.id, c.queued_at AS queuedAt FROM chats c WHERE c.team_id = ? AND c.assignee_id IS NULL AND c.status = 'open'
      AND NOT EXISTS (SELECT 1 FROM chat_offers o WHERE o.chat_id = c.id AND o.outcome = 'pending')`, w.teamId);
  if (isOpenAt(SCHEDULE, w.now)) {
    for (const chat of waiting) {
      const passed = new Set(all(w, "SELECT user_id AS u FROM chat_offers WHERE chat_id = ? AND outcome <> 'pending'", chat.id).map((r) => r.u));
      const eligible = [...after].filter(([id, a]) => a.eligible && !(mode === "offer" && passed.has(id)));
      expect(eligible.map(([id]) => id), `chat ${chat.id} waits while someone has room`).toEqual([]);
    }
  }
  // Oldest first: whatever was assigned in this step had waited at least as long as anything still waiting.
  if (mode !== "offer") {
    const newest = Math.max(...placements.map((p) => one(w, "SELECT queued_at AS q FROM chats WHERE id = ?", Number(p.chatId))!.q as number), -Infinity);
    for (const chat of waiting) expect(chat.queuedAt as number).toBeGreaterThanOrEqual(newest);
  }

  // Each offer expires exactly once (and only offers that ended as expired).
  for (const o of all(w, "SELECT id, outcome FROM chat_offers")) {
    const expiries = one(w, "SELECT count(*) AS n FROM audit_log WHERE action = 'chat.offer_expired' AND json_extract(details, '$.offerId') = ?", o.id)!.n;
    expect(expiries, `offer ${o.id}`).toBe(o.outcome === "expired" ? 1 : 0);
  }

  // At most one away message per contact per 24 h.
  const away = all(w, "SELECT contact_id AS c, created_at AS at FROM messages WHERE author_kind = 'bot' AND json_extract(payload, '$.teamMessage') = 'away' ORDER BY contact_id, created_at");
  for (let i = 1; i < away.length; i++) {
    if (away[i]!.c === away[i - 1]!.c) expect((away[i]!.at as number) - (away[i - 1]!.at as number)).toBeGreaterThanOrEqual(DAY);
  }
}

describe("distribution under random events (fast-check)", () => {
  it("keeps capacity, serves the oldest at once, offers expire once, respects hours and the away-message limit", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("round_robin" as const, "balanced" as const, "offer" as const),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 30, max: 120 }),
        fc.array(eventArb(true, true), { minLength: 10, maxLength: 40 }),
        async (mode, capacity, offerSeconds, events) => {
          const { t, w } = await setUp(mode, capacity, offerSeconds);
          try {
            for (const e of events) {
              const before = loads(w);
              const auditBefore = one(w, "SELECT coalesce(max(id), 0) AS id FROM audit_log")!.id as number;
              apply(w, e);
              checkStep(w, before, auditBefore, mode);
            }
          } finally {
            t.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 240_000);

  it("round robin: the counts of always-available agents never differ by more than one", async () => {
    await fc.assert(
      fc.asyncProperty(
        // Availability changes only for the third agent; capacity never binds here.
        fc.array(
          eventArb(true, false).map((e) => (e.k === "avail" ? { ...e, agent: 2 } : e)),
          { minLength: 5, maxLength: 40 },
        ),
        async (events) => {
          const { t, w } = await setUp("round_robin", 100, 60);
          try {
            for (const e of events) {
              apply(w, e);
              const counts = w.agents.slice(0, 2).map((id) => one(w, "SELECT count(*) AS n FROM audit_log WHERE action = 'chat.auto_assign' AND json_extract(details, '$.to') = ?", id)!.n as number);
              expect(Math.abs(counts[0]! - counts[1]!)).toBeLessThanOrEqual(1);
            }
          } finally {
            t.close();
          }
        },
      ),
      {
        numRuns: 25,
        // A night's queue served at once when the hours open: several placements in one pass must still alternate.
        examples: [[[{ k: "time", minutes: 480 }, { k: "in", contact: 0 }, { k: "in", contact: 1 }, { k: "in", contact: 2 }, { k: "in", contact: 3 }, { k: "in", contact: 4 }, { k: "time", minutes: 780 }]]],
      },
    );
  }, 240_000);
});
