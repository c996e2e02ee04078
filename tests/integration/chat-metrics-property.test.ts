import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { runLifecycleJobs } from "@/server/jobs/lifecycle";
import type { ChannelRow } from "@/server/repositories/channels";
import { closeReasons } from "@/server/services/catalog";
import { assignChatAction, closeChatAction, scheduleChatAction } from "@/server/services/chat-actions";
import { deleteChat, deleteMessage } from "@/server/services/deletion";
import { ingestMessage } from "@/server/services/ingest";
import { addNote } from "@/server/services/notes";
import { sendMessage } from "@/server/services/send-message";
import type { PublicUser } from "@/server/services/users";
import { whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";
import { keptMetrics, recomputedMetrics } from "../support/metrics";
import { rebuiltRollup, rollupSnapshot } from "../support/rollup";
import { copyWorld } from "../support/world";

// Whatever happens to the chats, the figures the triggers keep equal a recomputation from the messages
// (server/domain/chat-metrics.ts), and the migration's backfill of an existing history gives the same rows.

const OPS = ["inbound", "reply", "note", "assign", "transfer", "close", "schedule", "jobs", "deleteMessage", "deleteChat"] as const;
const step = fc.record({ op: fc.constantFrom(...OPS), minutes: fc.integer({ min: 0, max: 90 }), pick: fc.nat(), other: fc.nat() });

const BACKFILL = (() => {
  const sql = fs.readFileSync(path.join(process.cwd(), "db/migrations/0013_chat_metrics.sql"), "utf8");
  const parts = sql.split("--> statement-breakpoint");
  const from = parts.findIndex((p) => p.includes("INSERT INTO `chat_metrics`"));
  const to = parts.findIndex((p) => p.includes("DROP TABLE `metric_events`"));
  return parts.slice(from, to + 1);
})();

describe("kept chat metrics equal a recomputation from the messages", () => {
  let template: string;
  let people: { admin: PublicUser; agents: PublicUser[]; channel: ChannelRow; reasonId: number };

  beforeAll(async () => {
    const base = tempDb();
    const admin = await makeUser(base.db, "admin", "Alice Admin");
    const agents = [await makeUser(base.db, "agent", "Ana"), await makeUser(base.db, "agent", "Luis")];
    const channel = whatsappChannel(base.db);
    const reasonId = closeReasons.create(base.db, "Resolvido", { actorId: admin.id, now: T0 }).id;
    base.db.$client.pragma("wal_checkpoint(TRUNCATE)");
    base.db.$client.close();
    template = base.dir;
    people = { admin, agents, channel, reasonId };
  });
  afterAll(() => fs.rmSync(template, { recursive: true, force: true }));

  it("for random histories of messages, notes, transfers, closes, returns and deletions", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 50 }), (steps) => {
        const cell = copyWorld(template);
        try {
          play(cell.db, steps);
          const ids = cell.db.$client.prepare("SELECT id FROM chats ORDER BY id").pluck().all() as number[];
          const carried = new Map<number, number | null>();
          const expected = ids.map((id) => recomputedMetrics(cell.db, id, carried));
          expect(ids.map((id) => keptMetrics(cell.db, id))).toEqual(expected);
          // The reports' rollups the triggers kept equal the migration's backfill from the rows above.
          expect(rollupSnapshot(cell.db)).toEqual(rebuiltRollup(cell.db));
          cell.db.$client.exec("DELETE FROM response_waits; DELETE FROM chat_metrics;");
          for (const statement of BACKFILL) cell.db.$client.exec(statement);
          // The backfill cannot know what a transfer handed over, so the carried wait is compared without it.
          const rebuilt = ids.map((id) => keptMetrics(cell.db, id));
          const noCarry = ids.map((id) => recomputedMetrics(cell.db, id, new Map<number, number | null>(ids.map((i) => [i, null]))));
          expect(rebuilt).toEqual(noCarry);
          expect(rollupSnapshot(cell.db)).toEqual(rebuiltRollup(cell.db));
        } finally {
          cell.close();
        }
      }),
      { numRuns: 12, seed: 20261215 },
    );
  });

  function play(db: Db, steps: (typeof step extends fc.Arbitrary<infer S> ? S : never)[]) {
    const { admin, agents, channel, reasonId } = people;
    const everyone = [admin, ...agents];
    let clock = T0;
    const phones = ["5511966660001", "5511966660002", "5511966660003"];
    const active = () => db.$client.prepare("SELECT id, assignee_id AS assigneeId FROM chats WHERE status <> 'closed' ORDER BY id").all() as { id: number; assigneeId: number | null }[];
    const pick = <X>(xs: readonly X[], n: number): X | undefined => (xs.length ? xs[n % xs.length] : undefined);
    for (const s of steps) {
      clock += s.minutes * 60_000;
      const chat = pick(active(), s.pick);
      const someone = pick(everyone, s.other)!;
      const agent = pick(agents, s.other)!;
      switch (s.op) {
        case "inbound": {
          const phone = pick(phones, s.pick)!;
          // Providers' timestamps may lag the filing: the wait never goes below zero.
          const at = clock - (s.other % 3) * 60_000;
          ingestMessage(db, channel, inboundText(phone, `oi ${s.other}`, at), clock);
          break;
        }
        case "reply":
          if (chat) sendMessage(db, { viewer: everyone.find((u) => u.id === chat.assigneeId) ?? someone, now: clock }, chat.id, { kind: "text", body: "ok" });
          break;
        case "note":
          if (chat) addNote(db, { viewer: someone, now: clock }, chat.id, "nota");
          break;
        case "assign":
        case "transfer":
          if (chat && chat.assigneeId !== agent.id) assignChatAction(db, { viewer: admin, now: clock }, chat.id, agent.id);
          break;
        case "close":
          if (chat) closeChatAction(db, { viewer: admin, now: clock }, chat.id, reasonId);
          break;
        case "schedule":
          if (chat) scheduleChatAction(db, { viewer: admin, now: clock }, chat.id, clock + 30 * 60_000, null);
          break;
        case "jobs":
          runLifecycleJobs(db, clock);
          break;
        case "deleteMessage": {
          const id = pick(db.$client.prepare("SELECT id FROM messages WHERE deleted_at IS NULL ORDER BY id").pluck().all() as number[], s.other);
          if (id !== undefined) deleteMessage(db, admin, id, clock);
          break;
        }
        case "deleteChat":
          if (s.other % 4 === 0 && chat) deleteChat(db, admin, chat.id, clock);
          break;
      }
    }
  }
});
