import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runLifecycleJobs } from "@/server/jobs/lifecycle";
import { closeReasons } from "@/server/services/catalog";
import { assignChatAction, closeChatAction, scheduleChatAction } from "@/server/services/chat-actions";
import { deleteChat } from "@/server/services/deletion";
import { ingestMessage } from "@/server/services/ingest";
import { sectionCounts } from "@/server/services/inbox";
import { sendMessage } from "@/server/services/send-message";
import { whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

// The pending counters are kept by triggers on chats (migration 0007) instead of counted on every poll.
// Whatever happens to chats — messages both ways, assignment and transfer, close, schedule, reminders,
// inactivity, deletion — they must equal a fresh count of the open chats awaiting a reply.

describe("maintained pending counters", () => {
  const OPS = ["inbound", "reply", "assign", "close", "schedule", "jobs", "remove"] as const;
  // Weighted as an inbox lives: mostly messages, some assignment, fewer closes and deletions.
  const op = fc.oneof(
    { arbitrary: fc.constant(OPS[0]), weight: 8 },
    { arbitrary: fc.constant(OPS[1]), weight: 4 },
    { arbitrary: fc.constant(OPS[2]), weight: 3 },
    { arbitrary: fc.constant(OPS[3]), weight: 2 },
    { arbitrary: fc.constant(OPS[4]), weight: 2 },
    { arbitrary: fc.constant(OPS[5]), weight: 1 },
    { arbitrary: fc.constant(OPS[6]), weight: 1 },
  );
  const step = fc.record({ op, minutes: fc.integer({ min: 1, max: 40 }), pick: fc.nat(), other: fc.nat() });

  it("equal a fresh count after every step of random operations", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 300, maxLength: 300 }), async (steps) => {
        const t = tempDb();
        try {
          await checkSteps(t.db, steps);
        } finally {
          t.close();
        }
      }),
      { numRuns: 2, seed: 20261125 },
    );
  });

  async function checkSteps(db: ReturnType<typeof tempDb>["db"], steps: Array<{ op: (typeof OPS)[number]; minutes: number; pick: number; other: number }>) {
    const channel = whatsappChannel(db);
    const admin = await makeUser(db, "admin");
    const agents = [await makeUser(db, "agent"), await makeUser(db, "agent")];
    const reasonId = closeReasons.create(db, "Resolvido", { actorId: null, now: T0 }).id;
    const phones = Array.from({ length: 12 }, (_, i) => `55119876500${String(i).padStart(2, "0")}`);
    let now = T0;
    let current = steps[0]!;
    const pick = <X>(xs: X[], n = current.pick): X | undefined => xs[n % Math.max(1, xs.length)];
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
    const ops: Record<(typeof OPS)[number], () => void> = {
      inbound: () => void ingestMessage(db, channel, inboundText(pick(phones)!, "Oi", now), now),
      reply: () => {
        const chat = pick(activeChats());
        if (chat) sendMessage(db, { viewer: admin, now }, chat.id, { kind: "text", body: "Olá" });
      },
      assign: () => {
        const chat = pick(activeChats());
        if (chat) assignChatAction(db, { viewer: admin, now }, chat.id, pick(agents, current.other)!.id);
      },
      close: () => {
        const chat = pick(activeChats());
        if (chat) closeChatAction(db, { viewer: admin, now }, chat.id, reasonId);
      },
      schedule: () => {
        const chat = pick(activeChats());
        if (chat) scheduleChatAction(db, { viewer: admin, now }, chat.id, now + (1 + (current.other % 30)) * 60_000, null);
      },
      jobs: () => void runLifecycleJobs(db, now),
      remove: () => {
        const chat = pick(activeChats());
        if (chat) deleteChat(db, admin, chat.id, now);
      },
    };
    let refused = 0;
    for (const [i, s] of steps.entries()) {
      current = s;
      now += s.minutes * 60_000;
      try {
        ops[s.op]();
      } catch {
        refused += 1; // a rule said no (e.g. the reply window): nothing changed, counters included
      }
      expect(maintained(), `after step ${i} (${s.op})`).toEqual(fresh());
    }
    // The run must have exercised the counters, not only kept them at zero.
    expect(db.$client.prepare("SELECT count(*) AS n FROM chats").get()).not.toEqual({ n: 0 });
    expect(refused).toBeLessThan(steps.length / 2);
  }
});
