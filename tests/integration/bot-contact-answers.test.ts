import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChannelRow } from "@/server/repositories/channels";
import { assignChannelFlow, createFlow, publishFlow } from "@/server/services/bot/flows";
import { ingestMessage } from "@/server/services/ingest";
import { whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

// The bot's writes during filing (its session and the answers it keeps on the contact) go through
// statements prepared once per connection: several contacts in turn on one connection, each answer stored
// on its own contact, and each session moving on to the hand-off.

const MIN = 60_000;

describe("the sample flow's answers, filed for several contacts on one connection", () => {
  let t: ReturnType<typeof tempDb>;
  let channel: ChannelRow;

  beforeEach(async () => {
    t = tempDb();
    const admin = await makeUser(t.db, "admin", "Ada");
    channel = whatsappChannel(t.db);
    const ctx = { viewer: admin, now: T0 };
    const flowId = createFlow(t.db, ctx, { name: "Bienvenida", sample: true }).id;
    publishFlow(t.db, ctx, flowId);
    assignChannelFlow(t.db, ctx, { channelId: channel.id, flowId, returningAfterHours: null });
  });
  afterEach(() => t.close());

  it("keeps each contact's e-mail on that contact and ends each session handed off", () => {
    const people = ["5511900000001", "5511900000002", "5511900000003"];
    const chats = people.map((wa) => ingestMessage(t.db, channel, inboundText(wa, "hola", T0), T0).chatId);
    for (const wa of people) ingestMessage(t.db, channel, inboundText(wa, "soporte", T0 + MIN), T0 + MIN);
    people.forEach((wa, i) => ingestMessage(t.db, channel, inboundText(wa, `cliente${i}@example.com`, T0 + 2 * MIN), T0 + 2 * MIN));

    expect(chats.map((id) => t.db.$client.prepare("SELECT c.email, s.status FROM chats ch JOIN contacts c ON c.id = ch.contact_id JOIN bot_sessions s ON s.chat_id = ch.id WHERE ch.id = ?").get(id))).toEqual([
      { email: "cliente0@example.com", status: "handed_off" },
      { email: "cliente1@example.com", status: "handed_off" },
      { email: "cliente2@example.com", status: "handed_off" },
    ]);
  });
});
