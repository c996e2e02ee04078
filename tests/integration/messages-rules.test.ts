import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { ingestMessage, ingestStatus } from "@/server/services/ingest";
import type { PublicUser } from "@/server/services/users";
import { tempDb } from "../support/db";
import { makeChannel, makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

const HOUR = 3_600_000;

describe("sending: limits, the 24-hour window, templates, receipts", () => {
  let t: ReturnType<typeof tempDb>;
  let now: number;
  let admin: PublicUser, ana: PublicUser;
  const as = (user: PublicUser) => createCaller(createContext(user, t.db, () => now));

  beforeEach(async () => {
    t = tempDb();
    now = T0;
    admin = await makeUser(t.db, "admin", "Admin");
    ana = await makeUser(t.db, "agent", "Ana");
  });
  afterEach(() => t.close());

  it("refuses a WhatsApp reply over 4,096 characters, counting emoji as people see them", async () => {
    const channel = makeChannel(t.db);
    const { chatId } = ingestMessage(t.db, channel, inboundText("551100000001", "oi", now), now);
    await expect(as(ana).chats.send({ chatId, content: { kind: "text", body: "👍🏽".repeat(4097) } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/WhatsApp.*4,096/),
    });
    const sent = await as(ana).chats.send({ chatId, content: { kind: "text", body: "👍🏽".repeat(4096) } });
    expect(sent).toMatchObject({ status: "queued", direction: "out", authorId: ana.id });
  });

  it("refuses an Instagram reply over 1,000 characters", async () => {
    const channel = makeChannel(t.db, "instagram", "17841400000000");
    const { chatId } = ingestMessage(t.db, channel, inboundText("igsid-1", "hola", now, { channelExternalId: "17841400000000" }), now);
    await expect(as(ana).chats.send({ chatId, content: { kind: "text", body: "a".repeat(1001) } })).rejects.toMatchObject({ message: expect.stringMatching(/Instagram.*1,000/) });
    expect(await as(ana).chats.send({ chatId, content: { kind: "text", body: "á".repeat(1000) } })).toMatchObject({ status: "queued" });
  });

  it("outside the 24-hour window WhatsApp accepts only a template, and says so", async () => {
    const channel = makeChannel(t.db);
    const { chatId } = ingestMessage(t.db, channel, inboundText("551100000001", "oi", now), now);
    await as(admin).templates.create({ channelId: channel.id, name: "retomar_contato", language: "pt_BR", body: "Olá {{1}}, podemos continuar?" });
    now += 24 * HOUR;
    await expect(as(ana).chats.send({ chatId, content: { kind: "text", body: "Ainda aí?" } })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/24 hours.*template/),
    });
    await expect(as(ana).chats.send({ chatId, content: { kind: "template", name: "retomar_contato", language: "pt_BR", variables: [] } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const template = await as(ana).chats.send({ chatId, content: { kind: "template", name: "retomar_contato", language: "pt_BR", variables: ["Marina"] } });
    expect(template.body).toBe("Olá Marina, podemos continuar?");
  });

  it("a reply to a template sent from a closed chat opens a new chat assigned to the template's sender", async () => {
    const channel = makeChannel(t.db);
    const first = ingestMessage(t.db, channel, inboundText("551100000001", "oi", now), now);
    await as(admin).templates.create({ channelId: channel.id, name: "oferta", language: "pt_BR", body: "Temos uma oferta para você!" });
    const resolved = (await as(ana).closeReasons.list()).find((r) => r.label === "Resolved")!;
    await as(ana).chats.assign({ chatId: first.chatId, userId: ana.id });
    await as(ana).chats.close({ chatId: first.chatId, reasonId: resolved.id });
    now += 48 * HOUR;
    const template = await as(ana).chats.send({ chatId: first.chatId, content: { kind: "template", name: "oferta", language: "pt_BR", variables: [] } });
    expect((await as(ana).chats.get({ chatId: first.chatId })).chat.status).toBe("closed"); // sending a template opens nothing
    ingestStatus(t.db, channel, { type: "status", channelExternalId: channel.externalId!, providerMessageId: "wamid.template-1", status: "sent", timestamp: now });
    t.db.$client.prepare("UPDATE messages SET provider_message_id = 'wamid.template-1', status = 'sent' WHERE id = ?").run(template.id);
    now += HOUR;
    const reply = ingestMessage(t.db, channel, inboundText("551100000001", "Quero saber mais", now, { replyToProviderId: "wamid.template-1" }), now);
    expect(reply.openedChat).toBe(true);
    const view = await as(ana).chats.get({ chatId: reply.chatId });
    expect(view.chat.assigneeId).toBe(ana.id);
    expect(view.messages.map((m) => [m.kind, m.direction, m.body])).toEqual([
      ["template", "out", "Temos uma oferta para você!"],
      ["text", "in", "Quero saber mais"],
    ]);
  });

  it("delivery receipts only move forward and keep the provider's failure reason", async () => {
    const channel = makeChannel(t.db);
    const { chatId } = ingestMessage(t.db, channel, inboundText("551100000001", "oi", now), now);
    const sent = await as(ana).chats.send({ chatId, content: { kind: "text", body: "olá" } });
    t.db.$client.prepare("UPDATE messages SET provider_message_id = 'wamid.out-1', status = 'sent' WHERE id = ?").run(sent.id);
    const receipt = (status: "delivered" | "read" | "failed", reason?: string) =>
      ingestStatus(t.db, channel, { type: "status", channelExternalId: "x", providerMessageId: "wamid.out-1", status, timestamp: now, reason });
    expect(receipt("read")).toEqual({ updated: true });
    expect(receipt("delivered")).toEqual({ updated: false });
    expect(receipt("failed", "131047: Re-engagement message")).toEqual({ updated: false });
    const other = await as(ana).chats.send({ chatId, content: { kind: "text", body: "again" } });
    t.db.$client.prepare("UPDATE messages SET provider_message_id = 'wamid.out-2', status = 'sent' WHERE id = ?").run(other.id);
    ingestStatus(t.db, channel, { type: "status", channelExternalId: "x", providerMessageId: "wamid.out-2", status: "failed", timestamp: now, reason: "131047: Re-engagement message" });
    const view = await as(ana).chats.get({ chatId });
    expect(view.messages.filter((m) => m.direction === "out" && m.kind === "text").map((m) => [m.status, m.statusReason])).toEqual([
      ["read", null],
      ["failed", "131047: Re-engagement message"],
    ]);
  });

  it("stores a duplicate delivery once", () => {
    const channel = makeChannel(t.db);
    const event = inboundText("551100000001", "oi", now);
    const a = ingestMessage(t.db, channel, event, now);
    const b = ingestMessage(t.db, channel, event, now);
    expect(b).toMatchObject({ duplicate: true, messageId: a.messageId });
    expect(t.db.$client.prepare("SELECT count(*) AS n FROM messages WHERE kind = 'text'").get()).toEqual({ n: 1 });
  });
});
