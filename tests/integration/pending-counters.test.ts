import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runLifecycleJobs } from "@/server/jobs/lifecycle";
import { closeReasons } from "@/server/services/catalog";
import { assignChatAction, closeChatAction, scheduleChatAction } from "@/server/services/chat-actions";
import { deleteChat } from "@/server/services/deletion";
import { ingestMessage } from "@/server/services/ingest";
import { sectionCounts } from "@/server/services/inbox";
import { sendMessage } from "@/server/services/send-message";
import { Rng } from "../../bench/lib/prng";
import { whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

// The pending counters are kept by triggers on chats (migration 0007) instead of counted on every poll.
// Whatever happens to chats — messages both ways, assignment and transfer, close, schedule, reminders,
// inactivity, deletion — they must equal a fresh count of the open chats awaiting a reply.

describe("maintained pending counters", () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => (t = tempDb()));
  afterEach(() => t.close());

  it("equal a fresh count after every step of 600 random operations", async () => {
    const db = t.db;
    const channel = whatsappChannel(db);
    const admin = await makeUser(db, "admin");
    const agents = [await makeUser(db, "agent"), await makeUser(db, "agent")];
    const reasonId = closeReasons.create(db, "Resolvido", { actorId: null, now: T0 }).id;
    const rng = new Rng(20261125);
    const phones = Array.from({ length: 12 }, (_, i) => `55119876500${String(i).padStart(2, "0")}`);
    let now = T0;
    const fresh = () => {
      const rows = db.$client.prepare("SELECT coalesce(assignee_id, 0) AS k, count(*) AS n FROM chats WHERE status = 'open' AND awaiting_reply = 1 GROUP BY 1").all() as { k: number; n: number }[];
      const by = new Map(rows.map((r) => [r.k, r.n]));
      const total = rows.reduce((s, r) => s + r.n, 0);
      const mine = (id: number) => by.get(id) ?? 0;
      return { all: total, unassigned: by.get(0) ?? 0, mine: agents.map((a) => mine(a.id)) };
    };
    const maintained = () => {
      const all = sectionCounts(db, admin);
      return { all: all.pending.all, unassigned: all.pending.unassigned, mine: agents.map((a) => sectionCounts(db, a).pending.mine) };
    };
    const activeChats = () => db.$client.prepare("SELECT id, assignee_id AS assigneeId FROM chats WHERE status <> 'closed'").all() as { id: number; assigneeId: number | null }[];
    const ops: Record<string, () => void> = {
      inbound: () => void ingestMessage(db, channel, inboundText(rng.pick(phones), "Oi", now), now),
      reply: () => {
        const chat = rng.pick(activeChats());
        if (chat) sendMessage(db, { viewer: admin, now }, chat.id, { kind: "text", body: "Olá" });
      },
      assign: () => {
        const chat = rng.pick(activeChats());
        if (chat) assignChatAction(db, { viewer: admin, now }, chat.id, rng.pick(agents).id);
      },
      close: () => {
        const chat = rng.pick(activeChats());
        if (chat) closeChatAction(db, { viewer: admin, now }, chat.id, reasonId);
      },
      schedule: () => {
        const chat = rng.pick(activeChats());
        if (chat) scheduleChatAction(db, { viewer: admin, now }, chat.id, now + rng.int(1, 30) * 60_000, null);
      },
      jobs: () => void runLifecycleJobs(db, now),
      remove: () => {
        const chat = rng.pick(activeChats());
        if (chat) deleteChat(db, admin, chat.id, now);
      },
    };
    const weights: Array<[string, number]> = [["inbound", 8], ["reply", 4], ["assign", 3], ["close", 2], ["schedule", 2], ["jobs", 1], ["remove", 1]];
    const names = weights.flatMap(([name, w]) => Array<string>(w).fill(name));
    let refused = 0;
    for (let step = 0; step < 600; step++) {
      now += rng.int(1, 40) * 60_000;
      const op = rng.pick(names);
      try {
        ops[op]!();
      } catch {
        refused += 1; // a rule said no (e.g. the reply window): nothing changed, counters included
      }
      expect(maintained(), `after step ${step} (${op})`).toEqual(fresh());
    }
    // The run must have exercised the counters, not only kept them at zero.
    expect(db.$client.prepare("SELECT count(*) AS n FROM chats").get()).not.toEqual({ n: 0 });
    expect(refused).toBeLessThan(300);
  });
});
