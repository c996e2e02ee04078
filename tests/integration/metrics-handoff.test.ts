import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { sampleFlow } from "@/server/domain/bot/sample-flow";
import type { ChannelRow } from "@/server/repositories/channels";
import { assignChannelFlow, createFlow, publishFlow, saveDraft } from "@/server/services/bot/flows";
import { ingestMessage } from "@/server/services/ingest";
import { sendMessage } from "@/server/services/send-message";
import type { PublicUser } from "@/server/services/users";
import { whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

// Issue 15: first response counts "from the opening or from the bot's hand-off", and bot replies never
// count as responses. Minutes the contact spent with the bot are not the team's wait.

const MIN = 60_000;

describe("metrics of chats that start with the bot", () => {
  let t: ReturnType<typeof tempDb>;
  let db: Db;
  let admin: PublicUser;
  let channel: ChannelRow;

  beforeEach(async () => {
    t = tempDb();
    db = t.db;
    admin = await makeUser(db, "admin", "Ada");
    channel = whatsappChannel(db);
    const ventas = Number(db.$client.prepare("INSERT INTO teams (name, is_default, created_at) VALUES ('Ventas', 0, 0)").run().lastInsertRowid);
    const ctx = { viewer: admin, now: T0 };
    const flowId = createFlow(db, ctx, { name: "Bienvenida" }).id;
    saveDraft(db, ctx, flowId, sampleFlow({ ventas }));
    publishFlow(db, ctx, flowId);
    assignChannelFlow(db, ctx, { channelId: channel.id, flowId, returningAfterHours: null });
  });
  afterEach(() => t.close());

  const write = (from: string, body: string, at: number, payload?: Record<string, unknown>) => ingestMessage(db, channel, inboundText(from, body, at, payload ? { payload } : {}), at);
  const reply = (chatId: number, at: number) => sendMessage(db, { viewer: admin, now: at }, chatId, { kind: "text", body: "Hola, soy Ada" });
  const metrics = (chatId: number) =>
    db.$client.prepare("SELECT first_response_ms AS firstResponseMs, handoff_at AS handoffAt, response_count AS responses, response_total_ms AS totalMs FROM chat_metrics WHERE chat_id = ?").get(chatId);

  it("after a hand-off, first response and the wait count from the hand-off, not from the opening", () => {
    const { chatId } = write("5491100000001", "hola", T0);
    write("5491100000001", "Ventas", T0 + MIN, { choiceId: "menu/ventas" });
    write("5491100000001", "Ana Paula", T0 + 2 * MIN); // the bot hands off here
    reply(chatId, T0 + 5 * MIN);
    expect(metrics(chatId)).toEqual({ firstResponseMs: 3 * MIN, handoffAt: T0 + 2 * MIN, responses: 1, totalMs: 3 * MIN });
  });

  it("a person taking over mid-flow is no hand-off: their reply counts from the opening", () => {
    const { chatId } = write("5491100000002", "hola", T0);
    reply(chatId, T0 + 4 * MIN);
    expect(metrics(chatId)).toEqual({ firstResponseMs: 4 * MIN, handoffAt: null, responses: 1, totalMs: 4 * MIN });
  });
});
