import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { ingestMessage } from "@/server/services/ingest";
import type { PublicUser } from "@/server/services/users";
import { tempDb } from "../support/db";
import { makeChannel, makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

describe("shared-inbox visibility, enforced in queries and procedures", () => {
  let t: ReturnType<typeof tempDb>;
  let admin: PublicUser, ana: PublicUser, luis: PublicUser;
  let anasChat: number, luisChat: number, freeChat: number;
  const as = (user: PublicUser) => createCaller(createContext(user, t.db, () => T0 + 10_000));

  beforeEach(async () => {
    t = tempDb();
    admin = await makeUser(t.db, "admin", "Admin");
    ana = await makeUser(t.db, "agent", "Ana");
    luis = await makeUser(t.db, "agent", "Luis");
    const channel = makeChannel(t.db);
    anasChat = ingestMessage(t.db, channel, inboundText("551100000001", "pedido 123 atrasado", T0), T0).chatId;
    luisChat = ingestMessage(t.db, channel, inboundText("551100000002", "pedido 456 atrasado", T0 + 1), T0 + 1).chatId;
    freeChat = ingestMessage(t.db, channel, inboundText("551100000003", "pedido 789 atrasado", T0 + 2), T0 + 2).chatId;
    await as(admin).chats.assign({ chatId: anasChat, userId: ana.id });
    await as(admin).chats.assign({ chatId: luisChat, userId: luis.id });
  });
  afterEach(() => t.close());

  it("with the inbox shared, agents see all four sections and teammates' chats", async () => {
    const counts = await as(ana).inbox.counts();
    expect(counts.sections).toEqual(["mine", "unassigned", "teammates", "all"]);
    expect(counts.pending).toEqual({ mine: 1, unassigned: 1, teammates: 1, all: 3 });
    expect((await as(ana).inbox.list({ section: "teammates", status: "open" })).rows.map((r) => r.id)).toEqual([luisChat]);
    expect((await as(ana).chats.get({ chatId: luisChat })).chat.id).toBe(luisChat);
  });

  describe("with the inbox not shared", () => {
    beforeEach(async () => {
      await as(admin).settings.update({ key: "sharedInbox", value: false });
    });

    it("an agent sees only Mine and Unassigned, and their counters", async () => {
      const counts = await as(ana).inbox.counts();
      expect(counts.sections).toEqual(["mine", "unassigned"]);
      expect(counts.pending).toEqual({ mine: 1, unassigned: 1 });
      expect(counts.total).toBe(2);
      await expect(as(ana).inbox.list({ section: "teammates", status: "open" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(as(ana).inbox.list({ section: "all", status: "closed" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    });

    it("an agent cannot open, act on or search a teammate's chat", async () => {
      const denied = { code: "FORBIDDEN" };
      await expect(as(ana).chats.get({ chatId: luisChat })).rejects.toMatchObject(denied);
      await expect(as(ana).chats.send({ chatId: luisChat, content: { kind: "text", body: "oi" } })).rejects.toMatchObject(denied);
      await expect(as(ana).chats.schedule({ chatId: luisChat, at: T0 + 3_600_000 })).rejects.toMatchObject(denied);
      await expect(as(ana).chats.assign({ chatId: luisChat, userId: ana.id })).rejects.toMatchObject(denied);
      const reasons = await as(ana).closeReasons.list();
      await expect(as(ana).chats.close({ chatId: luisChat, reasonId: reasons.find((r) => r.label === "Resolved")!.id })).rejects.toMatchObject(denied);
      const found = await as(ana).inbox.search({ text: "pedido atrasado" });
      expect(found.messages.map((m) => m.chatId).sort()).toEqual([anasChat, freeChat].sort());
      expect(found.contacts).toEqual([]);
      const byName = await as(ana).inbox.search({ text: "Contact 551100000002" });
      expect(byName.contacts).toEqual([]);
      // The contact's page lists only the chats the agent may see.
      const contactId = (await as(admin).chats.get({ chatId: luisChat })).contact.id;
      expect((await as(ana).chats.contact({ contactId })).chats).toEqual([]);
    });

    it("an administrator still sees everything", async () => {
      const counts = await as(admin).inbox.counts();
      expect(counts.sections).toEqual(["mine", "unassigned", "teammates", "all"]);
      expect((await as(admin).chats.get({ chatId: luisChat })).chat.assigneeId).toBe(luis.id);
      expect((await as(admin).inbox.search({ text: "atrasado" })).messages).toHaveLength(3);
    });
  });
});
