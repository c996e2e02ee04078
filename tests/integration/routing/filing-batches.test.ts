import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import type { InboundMessage } from "@/server/channels/types";
import { capacityOf } from "@/server/domain/routing";
import { closeChatAction, scheduleChatAction } from "@/server/services/chat-actions";
import { acceptInbound, fileInboundBatch } from "@/server/services/inbound-queue";
import { ingestMessage } from "@/server/services/ingest";
import { setAvailability } from "@/server/services/routing/presence";
import { addTeamMember, createTeam, setAgentCapacity, setChannelDefaultTeam } from "@/server/services/routing/teams";
import { tempDb } from "../../support/db";
import { makeChannel, T0 } from "../../support/fixtures";

// Filing in batches keeps the agents' loads between distributions, and between batches, instead of counting
// them for every new chat (services/routing/batch-loads.ts). Whatever happens in between — chats closed or
// scheduled, a scheduled chat reopened by its contact inside a batch, agents going away, capacities changed,
// the same agents filled by another connection — the batches must place every chat exactly as filing each
// message on its own does (which keeps capacity: distribution-property.test.ts).

const MIN = 60_000;
const AGENTS = 3;

type Step =
  | { k: "in"; contact: number }
  | { k: "file" }
  | { k: "close"; agent: number }
  | { k: "schedule"; agent: number }
  | { k: "hold" }
  | { k: "avail"; agent: number; value: "available" | "away" }
  | { k: "cap"; agent: number; value: number | null };

const agentArb = fc.integer({ min: 0, max: AGENTS - 1 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ k: fc.constant("in" as const), contact: fc.integer({ min: 0, max: 9 }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant("file" as const) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("close" as const), agent: agentArb }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("schedule" as const), agent: agentArb }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("hold" as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("avail" as const), agent: agentArb, value: fc.constantFrom("available" as const, "away" as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("cap" as const), agent: agentArb, value: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }) }) },
);

interface World {
  db: Db;
  /** A second connection to the same file: the other process. */
  other: Db;
  close: () => void;
  agents: number[];
  admin: number;
  channel: ReturnType<typeof makeChannel>;
  reasonId: number;
  teamCapacity: number;
}

function setUp(): World {
  const t = tempDb();
  const agents = Array.from({ length: AGENTS }, (_, i) =>
    Number(t.db.$client.prepare("INSERT INTO users (name, email, password_hash, role, created_at) VALUES (?, ?, 'x', 'agent', ?)").run(`A${i}`, `a${i}@x.com`, T0).lastInsertRowid),
  );
  const actor = { actorId: null, now: T0 };
  const teamCapacity = 2;
  const teamId = createTeam(t.db, { name: "Ventas", mode: "balanced", capacity: teamCapacity }, actor).id;
  for (const id of agents) addTeamMember(t.db, teamId, id, actor);
  const channel = makeChannel(t.db, "webchat", "site");
  setChannelDefaultTeam(t.db, channel.id, teamId, actor);
  for (const id of agents) setAvailability(t.db, id, "available", T0);
  const reasonId = t.db.$client.prepare("SELECT id FROM close_reasons WHERE system_key IS NULL ORDER BY id LIMIT 1").pluck().get() as number;
  const other = openDatabase(t.file, { migrate: false });
  const admin = Number(t.db.$client.prepare("INSERT INTO users (name, email, password_hash, role, created_at) VALUES ('Admin', 'admin@x.com', 'x', 'admin', ?)").run(T0).lastInsertRowid);
  return { db: t.db, other, admin, close: () => (other.$client.close(), t.close()), agents, channel, reasonId, teamCapacity };
}

const message = (contact: number, n: number, at: number): InboundMessage => ({
  type: "message",
  channelExternalId: "",
  contact: { externalId: `visitor-${contact}` },
  providerMessageId: `m${n}`,
  timestamp: at,
  direction: "in",
  kind: "text",
  body: `hola ${n}`,
});

/** Every chat in order with its owner and state: what distribution decided. */
const outcome = (w: World) => w.db.$client.prepare("SELECT id, contact_id AS contact, assignee_id AS assignee, status FROM chats ORDER BY id").all();

function overCapacity(w: World): string[] {
  const out: string[] = [];
  for (const id of w.agents) {
    const user = w.db.$client.prepare("SELECT capacity FROM users WHERE id = ?").get(id) as { capacity: number | null };
    const open = w.db.$client.prepare("SELECT count(*) FROM chats WHERE assignee_id = ? AND status = 'open'").pluck().get(id) as number;
    if (open > capacityOf(user.capacity, w.teamCapacity)) out.push(`agent ${id}: ${open} open`);
  }
  return out;
}

/**
 * Runs the steps. Messages wait to be filed until a "file" step (and the end); `batched`: then filed together
 * from the inbound queue, each as of when it came, else each in a transaction of its own (ingestMessage),
 * as of the same time. The outside events run on the other connection.
 */
function run(steps: Step[], batched: boolean): { chats: unknown[]; over: string[][] } {
  const w = setUp();
  try {
    let now = T0;
    let sent = 0;
    const over: string[][] = [];
    let waiting: Array<{ event: InboundMessage; at: number }> = [];
    const file = () => {
      if (batched) fileInboundBatch(w.db, now, 100, Number.POSITIVE_INFINITY);
      else for (const { event, at } of waiting) ingestMessage(w.db, w.channel, event, at);
      waiting = [];
      over.push(overCapacity(w));
    };
    const oldestOf = (agent: number, status: string) =>
      w.other.$client.prepare("SELECT id FROM chats WHERE assignee_id = ? AND status = ? ORDER BY id LIMIT 1").pluck().get(agent, status) as number | undefined;
    for (const step of steps) {
      now += MIN;
      // Everyone's inbox polled all along (the presence heartbeat).
      w.other.$client.prepare("UPDATE users SET last_seen_at = ?").run(now);
      const agent = "agent" in step ? w.agents[step.agent]! : 0;
      const ctx = { viewer: { id: agent, role: "agent" as const }, now };
      switch (step.k) {
        case "in":
          sent += 1;
          if (batched) acceptInbound(w.db, [{ channel: w.channel, event: message(step.contact, sent, now) }], now);
          else waiting.push({ event: message(step.contact, sent, now), at: now });
          break;
        case "file":
          file();
          break;
        case "close": {
          const chatId = oldestOf(agent, "open");
          if (chatId) closeChatAction(w.other, ctx, chatId, w.reasonId);
          break;
        }
        case "schedule": {
          // The contact's next message reopens it: inside a batch, a load that rises without distribution.
          const chatId = oldestOf(agent, "open");
          if (chatId) scheduleChatAction(w.other, ctx, chatId, now + 24 * 60 * MIN, null);
          break;
        }
        case "hold": {
          // A waiting chat put off: when its contact writes inside a batch, it waits in the queue again.
          const chatId = w.other.$client.prepare("SELECT id FROM chats WHERE assignee_id IS NULL AND status = 'open' ORDER BY id LIMIT 1").pluck().get() as number | undefined;
          if (chatId) scheduleChatAction(w.other, { viewer: { id: w.admin, role: "admin" }, now }, chatId, now + 24 * 60 * MIN, null);
          break;
        }
        case "avail":
          setAvailability(w.other, agent, step.value, now);
          break;
        case "cap":
          setAgentCapacity(w.other, agent, step.value, { actorId: null, now });
          break;
      }
    }
    file();
    return { chats: outcome(w), over };
  } finally {
    w.close();
  }
}

describe("filing in batches with kept loads", () => {
  it("places every chat as filing each message alone does", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 10, maxLength: 60 }), (steps) => {
        const alone = run(steps, false);
        const batched = run(steps, true);
        expect(batched.chats).toEqual(alone.chats);
        // Only a contact reopening a scheduled chat puts its owner above capacity (nobody chose that), alike in both.
        expect(batched.over).toEqual(alone.over);
      }),
      {
        numRuns: 40,
        // A put-off chat reopened by its contact inside a batch, after that batch left its queue empty: it is
        // older than the next new chat, so it goes first.
        examples: [
          [
            [
              { k: "avail", agent: 0, value: "away" },
              { k: "avail", agent: 1, value: "away" },
              { k: "avail", agent: 2, value: "away" },
              { k: "in", contact: 0 },
              { k: "file" },
              { k: "hold" },
              { k: "avail", agent: 0, value: "available" },
              { k: "in", contact: 5 },
              { k: "in", contact: 0 },
              { k: "in", contact: 1 },
            ],
          ],
        ],
      },
    );
  }, 120_000);
});
