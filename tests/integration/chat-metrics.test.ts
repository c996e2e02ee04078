import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { ChannelRow } from "@/server/repositories/channels";
import { closeReasons, templates } from "@/server/services/catalog";
import { assignChatAction, closeChatAction } from "@/server/services/chat-actions";
import { deleteMessage } from "@/server/services/deletion";
import { ingestMessage } from "@/server/services/ingest";
import { addNote } from "@/server/services/notes";
import { sendMessage } from "@/server/services/send-message";
import type { PublicUser } from "@/server/services/users";
import { whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";
import { keptMetrics, recomputedMetrics } from "../support/metrics";

const MIN = 60_000;
const PHONE = "5511955550001";

describe("chat metrics kept as chats happen", () => {
  let t: ReturnType<typeof tempDb>;
  let db: Db;
  let admin: PublicUser;
  let ana: PublicUser;
  let luis: PublicUser;
  let channel: ChannelRow;
  let reasonId: number;

  beforeEach(async () => {
    t = tempDb();
    db = t.db;
    admin = await makeUser(db, "admin", "Alice Admin");
    ana = await makeUser(db, "agent", "Ana");
    luis = await makeUser(db, "agent", "Luis");
    channel = whatsappChannel(db);
    reasonId = closeReasons.create(db, "Resolvido", { actorId: admin.id, now: T0 }).id;
  });
  afterEach(() => t.close());

  const inbound = (body: string, at: number) => ingestMessage(db, channel, inboundText(PHONE, body, at), at);
  const reply = (who: PublicUser, chatId: number, at: number) => sendMessage(db, { viewer: who, now: at }, chatId, { kind: "text", body: "ok" });

  it("first response, each reply's wait from the oldest unanswered message, messages each way, resolution", () => {
    const { chatId } = inbound("oi", T0);
    inbound("alguém?", T0 + 2 * MIN);
    addNote(db, { viewer: ana, now: T0 + 3 * MIN }, chatId, "vejo isso"); // a note is no answer
    reply(ana, chatId, T0 + 5 * MIN);
    reply(ana, chatId, T0 + 6 * MIN); // nothing was waiting: no wait recorded
    inbound("obrigado, e outra coisa", T0 + 10 * MIN);
    reply(ana, chatId, T0 + 11 * MIN);
    closeChatAction(db, { viewer: ana, now: T0 + 20 * MIN }, chatId, reasonId);

    const kept = keptMetrics(db, chatId)!;
    expect(kept).toMatchObject({
      openedAt: T0,
      firstReplyAt: T0 + 5 * MIN,
      firstReplyById: ana.id,
      firstResponseMs: 5 * MIN,
      messagesIn: 3,
      messagesOut: 3,
      responseCount: 2,
      responseTotalMs: 6 * MIN,
      pendingSince: null,
      assigneeId: ana.id,
      closedById: ana.id,
      closeReasonId: reasonId,
      resolutionMs: 20 * MIN,
      transferredIn: 0,
      transferredOut: 0,
    });
    expect(kept.waits).toEqual([
      { agentId: ana.id, contactAt: T0, replyAt: T0 + 5 * MIN, waitMs: 5 * MIN },
      { agentId: ana.id, contactAt: T0 + 10 * MIN, replyAt: T0 + 11 * MIN, waitMs: MIN },
    ]);
    expect(kept).toEqual(recomputedMetrics(db, chatId));
  });

  it("a transfer closes one chat and hands the waiting contact to the next one", () => {
    const { chatId } = inbound("oi", T0);
    assignChatAction(db, { viewer: admin, now: T0 + MIN }, chatId, ana.id);
    const moved = assignChatAction(db, { viewer: ana, now: T0 + 4 * MIN }, chatId, luis.id);
    if (moved.type !== "transfer") throw new Error("expected a transfer");
    reply(luis, moved.chat.id, T0 + 7 * MIN);

    expect(keptMetrics(db, chatId)).toMatchObject({ transferredOut: 1, resolutionMs: 4 * MIN, firstReplyAt: null, pendingSince: T0 });
    expect(keptMetrics(db, moved.chat.id)).toMatchObject({
      transferredIn: 1,
      assigneeId: luis.id,
      openedAt: T0 + 4 * MIN,
      firstResponseMs: 3 * MIN,
      responseCount: 1,
      responseTotalMs: 7 * MIN, // the contact waited since their first message, not since the transfer
    });
    expect(keptMetrics(db, chatId)).toEqual(recomputedMetrics(db, chatId));
    expect(keptMetrics(db, moved.chat.id)).toEqual(recomputedMetrics(db, moved.chat.id));
  });

  it("a contact coming back after the close opens a chat with figures of its own", () => {
    const first = inbound("oi", T0);
    reply(ana, first.chatId, T0 + MIN);
    closeChatAction(db, { viewer: ana, now: T0 + 2 * MIN }, first.chatId, reasonId);
    const again = inbound("voltei", T0 + 60 * MIN);
    expect(again.chatId).not.toBe(first.chatId);
    reply(luis, again.chatId, T0 + 63 * MIN);

    expect(keptMetrics(db, first.chatId)).toMatchObject({ messagesIn: 1, messagesOut: 1, firstResponseMs: MIN, resolutionMs: 2 * MIN });
    expect(keptMetrics(db, again.chatId)).toMatchObject({ messagesIn: 1, messagesOut: 1, firstResponseMs: 3 * MIN, firstReplyById: luis.id, closedAt: null, resolutionMs: null });
  });

  it("a reply to a template opens a chat whose copy of the template is no reply: the agent's answer is", () => {
    const first = inbound("oi", T0);
    assignChatAction(db, { viewer: admin, now: T0 }, first.chatId, ana.id);
    closeChatAction(db, { viewer: ana, now: T0 + MIN }, first.chatId, reasonId);
    templates.create(db, { channelId: channel.id, name: "oferta", language: "pt_BR", body: "Temos uma oferta!" }, { actorId: admin.id, now: T0 });
    const sent = sendMessage(db, { viewer: ana, now: T0 + 48 * 60 * MIN }, first.chatId, { kind: "template", name: "oferta", language: "pt_BR", variables: [] });
    db.$client.prepare("UPDATE messages SET provider_message_id = 'wamid.oferta', status = 'sent' WHERE id = ?").run(sent.id);
    const at = T0 + 49 * 60 * MIN;
    const reply = ingestMessage(db, channel, inboundText(PHONE, "Quero saber mais", at, { replyToProviderId: "wamid.oferta" }), at);
    expect(reply.openedChat).toBe(true);
    expect(keptMetrics(db, reply.chatId)).toMatchObject({ assigneeId: ana.id, firstReplyAt: null, messagesIn: 1, messagesOut: 0, pendingSince: at });
    sendMessage(db, { viewer: ana, now: at + 4 * MIN }, reply.chatId, { kind: "text", body: "claro" });
    expect(keptMetrics(db, reply.chatId)).toMatchObject({ firstResponseMs: 4 * MIN, messagesOut: 1, responseCount: 1, responseTotalMs: 4 * MIN });
    expect(keptMetrics(db, reply.chatId)).toEqual(recomputedMetrics(db, reply.chatId));
  });

  it("messages an administrator deletes still happened: the figures stay", () => {
    const { chatId, messageId } = inbound("oi", T0);
    const answer = reply(ana, chatId, T0 + 2 * MIN);
    const before = keptMetrics(db, chatId);
    deleteMessage(db, admin, messageId, T0 + 5 * MIN);
    deleteMessage(db, admin, answer.id, T0 + 5 * MIN);
    expect(keptMetrics(db, chatId)).toEqual(before);
    expect(keptMetrics(db, chatId)).toEqual(recomputedMetrics(db, chatId));
  });
});
