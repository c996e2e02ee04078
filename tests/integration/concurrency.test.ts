import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeReasons } from "@/server/services/catalog";
import { ingestMessage } from "@/server/services/ingest";
import type { RaceTask } from "../support/race-worker";
import { race, type Outcome } from "../support/race";
import { metaSignature, WA_PHONE_NUMBER_ID, whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

// Races between real processes, each with its own connection to the same SQLite file (as the server,
// the CLI and a second server would be). Each worker opens the database, then all start together.

function whatsappText(from: string, id: string, text: string) {
  const raw = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "1", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { phone_number_id: WA_PHONE_NUMBER_ID }, contacts: [{ profile: { name: "Nova" }, wa_id: from }], messages: [{ from, id, timestamp: String(Math.floor(T0 / 1000)), type: "text", text: { body: text } }] } }] }],
  });
  return { raw, signature: metaSignature(raw) };
}

const crashes = (all: Outcome[][]) => all.flat().filter((o) => !o.ok && o.code === "CRASH");

describe("concurrency across processes", () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => (t = tempDb()));
  afterEach(() => t.close());
  const q = <T>(sql: string, ...args: unknown[]) => t.db.$client.prepare(sql).all(...args) as T[];

  it("50 simultaneous inbound messages for one new contact end in exactly one active chat holding all 50", async () => {
    whatsappChannel(t.db);
    const from = "5511977776666";
    const bodies = Array.from({ length: 50 }, (_, i) => whatsappText(from, `wamid.race.${i}`, `mensagem ${i}`));
    // 10 processes × 5 webhooks, interleaved so every process competes for the new contact at once.
    const tasks: RaceTask[] = Array.from({ length: 10 }, (_, p) => ({ op: "webhooks", file: t.file, bodies: bodies.filter((_, i) => i % 10 === p) }));
    const outcomes = await race(tasks);
    expect(crashes(outcomes)).toEqual([]);
    expect(outcomes.flat().every((o) => o.ok)).toBe(true);
    expect(q("SELECT count(*) AS n FROM contacts")).toEqual([{ n: 1 }]);
    const chats = q<{ id: number; status: string }>("SELECT id, status FROM chats");
    expect(chats).toHaveLength(1);
    expect(chats[0]!.status).toBe("open");
    expect(q("SELECT count(*) AS n, count(DISTINCT provider_message_id) AS d FROM messages WHERE chat_id = ?", chats[0]!.id)).toEqual([{ n: 50, d: 50 }]);
  }, 60_000);

  it("two agents assigning the same chats at once: one wins each, the other gets a clear CONFLICT", async () => {
    const channel = whatsappChannel(t.db);
    const ana = await makeUser(t.db, "agent", "Ana Lima");
    const luis = await makeUser(t.db, "agent", "Luis Perez");
    const chatIds = Array.from({ length: 20 }, (_, i) => ingestMessage(t.db, channel, inboundText(`55119000000${10 + i}`, "Oi", T0), T0).chatId);
    const [forAna, forLuis] = await race([
      { op: "assign", file: t.file, userId: ana.id, chatIds },
      { op: "assign", file: t.file, userId: luis.id, chatIds },
    ]);
    expect(crashes([forAna!, forLuis!])).toEqual([]);
    chatIds.forEach((chatId, i) => {
      const pair = [forAna![i]!, forLuis![i]!];
      expect(pair.filter((o) => o.ok), `chat ${chatId}`).toHaveLength(1);
      const loser = pair.find((o) => !o.ok) as Extract<Outcome, { ok: false }>;
      expect(loser.code).toBe("CONFLICT");
      expect(loser.message).toMatch(/(Ana Lima|Luis Perez) took this chat a moment ago; reload to see it\./);
      const winner = pair[0]!.ok ? ana.id : luis.id;
      expect(q("SELECT assignee_id AS a, status FROM chats WHERE id = ?", chatId)).toEqual([{ a: winner, status: "open" }]);
    });
    // Never a transfer: nobody's chat was taken from them behind their back.
    expect(q("SELECT count(*) AS n FROM chats")).toEqual([{ n: 20 }]);
  }, 60_000);

  it("a close racing an inbound message: the message is in the closed chat or in a new one, never lost", async () => {
    const channel = whatsappChannel(t.db);
    const ana = await makeUser(t.db, "agent", "Ana Lima");
    const reason = closeReasons.create(t.db, "Resolvido", { actorId: null, now: T0 });
    const phones = Array.from({ length: 60 }, (_, i) => `5511800000${100 + i}`);
    const chatIds = phones.map((p) => ingestMessage(t.db, channel, inboundText(p, "Oi", T0), T0).chatId);
    const bodies = phones.map((p, i) => whatsappText(p, `wamid.close-race.${i}`, "Mais uma coisa"));
    const [closes, inbound] = await race([
      { op: "close", file: t.file, userId: ana.id, chatIds, reasonId: reason.id },
      // Opposite orders, so the two meet in the middle: early chats close first, late ones get the message first.
      { op: "webhooks", file: t.file, bodies: [...bodies].reverse() },
    ]);
    expect(crashes([closes!, inbound!])).toEqual([]);
    expect(inbound!.every((o) => o.ok)).toBe(true);
    const placement = { closedChat: 0, newChat: 0 };
    phones.forEach((_, i) => {
      const rows = q<{ chat_id: number; status: string }>(
        "SELECT m.chat_id, c.status FROM messages m JOIN chats c ON c.id = m.chat_id WHERE m.provider_message_id = ?",
        `wamid.close-race.${i}`,
      );
      expect(rows, `message ${i} stored exactly once`).toHaveLength(1);
      const closeOk = closes![i]!.ok;
      if (rows[0]!.chat_id === chatIds[i]) {
        // It arrived first: the chat then closed with it inside (or, if the close lost, stays open).
        expect(rows[0]!.status).toBe(closeOk ? "closed" : "open");
        placement.closedChat += 1;
      } else {
        // The close came first: the message opened a new chat for the contact.
        expect(closeOk).toBe(true);
        expect(rows[0]!.status).toBe("open");
        expect(q("SELECT status FROM chats WHERE id = ?", chatIds[i])).toEqual([{ status: "closed" }]);
        placement.newChat += 1;
      }
    });
    // One active chat per contact at most, and every closed chat says when and why.
    expect(q("SELECT contact_id FROM chats WHERE status <> 'closed' GROUP BY contact_id HAVING count(*) > 1")).toEqual([]);
    expect(q("SELECT id FROM chats WHERE status = 'closed' AND (closed_at IS NULL OR close_reason_id IS NULL)")).toEqual([]);
    console.info(`[race] close vs inbound: ${placement.closedChat} in the closed chat, ${placement.newChat} in a new chat`);
  }, 60_000);
});
