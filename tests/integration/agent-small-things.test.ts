import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { TRPCError } from "@trpc/server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, contacts, messages } from "@/db/schema";
import type { Db } from "@/db/client";
import { eq } from "drizzle-orm";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { runDispatcher } from "@/server/jobs/dispatcher";
import type { Locale } from "@/server/i18n/locale";
import { findChat } from "@/server/repositories/chats";
import { assignChatAction } from "@/server/services/chat-actions";
import { ingestMessage } from "@/server/services/ingest";
import { currentSeq, liveDelta, type DeltaAnswer } from "@/server/services/live-delta";
import { updateSetting } from "@/server/services/settings";
import type { PublicUser } from "@/server/services/users";
import { postVisitorMessage, visitorConversation } from "@/server/services/webchat";
import { webchatChannel, whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";
import { copyWorld } from "../support/world";

// Issue 12, "small things agents expect": private notes with @mentions, Assign to me, unread chats and
// editing a contact, through the tRPC procedures on a real SQLite file.

const at = (minutes: number) => T0 + minutes * 60_000;
const NOW = at(30);

describe("an agent's small things", () => {
  let template: string;
  let admin: PublicUser, ana: PublicUser, luis: PublicUser;
  beforeAll(async () => {
    const base = tempDb();
    admin = await makeUser(base.db, "admin", "Alice Admin");
    ana = await makeUser(base.db, "agent", "Ana Lima");
    luis = await makeUser(base.db, "agent", "Luis Pérez");
    base.db.$client.pragma("wal_checkpoint(TRUNCATE)");
    base.db.$client.close();
    template = base.dir;
  });
  afterAll(() => fs.rmSync(template, { recursive: true, force: true }));

  let t: ReturnType<typeof copyWorld>;
  let db: Db;
  let wa: ReturnType<typeof whatsappChannel>;
  beforeEach(() => {
    t = copyWorld(template);
    db = t.db;
    wa = whatsappChannel(db);
  });
  afterEach(() => t.close());

  const as = (user: PublicUser, now = NOW, locale?: Locale) => createCaller(createContext(user, db, () => now, locale));
  const inbound = (phone: string, text: string, minutes: number) => ingestMessage(db, wa, inboundText(phone, text, at(minutes)), at(minutes));
  const setShared = (on: boolean) => updateSetting(db, "sharedInbox", on, { actorId: null, now: T0 });
  const rowOf = async (user: PublicUser, section: "mine" | "unassigned" | "teammates" | "all", chatId: number) =>
    (await as(user).inbox.list({ section, status: "open" })).rows.find((r) => r.id === chatId);
  const refusal = async (work: Promise<unknown>) => {
    try {
      await work;
    } catch (err) {
      if (err instanceof TRPCError) return err;
      throw err;
    }
    throw new Error("expected a refusal");
  };
  type Changed = Extract<DeltaAnswer, { unchanged: false }>;

  describe("private notes", () => {
    it("are stored for the team but never queued, sent, nor counted as a reply; they assign nobody", async () => {
      const { chatId } = inbound("5511900000001", "Oi, meu pedido atrasou", 1);
      const before = findChat(db, chatId)!;
      const countsBefore = await as(ana).inbox.counts();

      const note = await as(ana).chats.addNote({ chatId, body: "  Cliente VIP, ver com logística  " });
      expect(note).toMatchObject({ kind: "note", body: "Cliente VIP, ver com logística", authorId: ana.id, status: null, nextAttemptAt: null });

      // The chat row is untouched: still waiting, unassigned, same reply window, preview and order.
      expect(findChat(db, chatId)).toEqual(before);
      expect(before).toMatchObject({ awaitingReply: true, assigneeId: null, lastOutboundAt: null });
      expect(await as(ana).inbox.counts()).toEqual(countsBefore);
      expect(db.select().from(messages).where(eq(messages.status, "queued")).all()).toEqual([]);
      let sends = 0;
      const report = await runDispatcher(db, { now: () => NOW, fetchImpl: async () => ((sends += 1), { status: 200, text: async () => "{}" }) });
      expect(report).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(sends).toBe(0);
      // The team sees it in the chat.
      expect((await as(luis).chats.get({ chatId })).messages.map((m) => m.kind)).toEqual(["text", "note"]);
    });

    it("never reach a web chat visitor, who still gets the agent's reply", async () => {
      const site = webchatChannel(db);
      postVisitorMessage(db, site, { visitorId: "visitor-1", name: "Rita", text: "Hola, ¿tienen talle M?", clientMessageId: "client-msg-1" }, at(1));
      const chatId = (await as(ana).inbox.list({ section: "unassigned", status: "open" })).rows[0]!.id;
      await as(ana).chats.addNote({ chatId, body: "Preguntar a depósito antes de responder" });
      await as(ana).chats.send({ chatId, content: { kind: "text", body: "¡Sí, tenemos!" } });
      const seen = visitorConversation(db, site, "visitor-1", {}, NOW);
      expect(seen.map((m) => m.body)).toEqual(["Hola, ¿tienen talle M?", "¡Sí, tenemos!"]);
    });

    it("are refused when empty, in the reader's language, and only in chats the writer may see", async () => {
      const { chatId } = inbound("5511900000002", "Oi", 1);
      expect((await refusal(as(ana, NOW, "es").chats.addNote({ chatId, body: "   " }))).message).toBe("Escribe algo en la nota primero.");
      assignChatAction(db, { viewer: admin, now: at(2) }, chatId, luis.id);
      setShared(false);
      expect((await refusal(as(ana).chats.addNote({ chatId, body: "hi" }))).code).toBe("FORBIDDEN");
      expect(db.select().from(messages).where(eq(messages.kind, "note")).all()).toEqual([]);
    });
  });

  describe("mentions", () => {
    it("mark the chat for the person named, who finds it under Mentions until they open it", async () => {
      const { chatId } = inbound("5511900000003", "Quero trocar o produto", 1);
      await as(ana, at(5)).chats.addNote({ chatId, body: "@Luis Pérez você cuida de trocas?" });

      expect((await as(luis).inbox.counts()).mentions).toBe(1);
      expect((await as(ana).inbox.counts()).mentions).toBe(0);
      expect(await as(luis).inbox.mentions()).toEqual([
        expect.objectContaining({ chatId, noteBody: "@Luis Pérez você cuida de trocas?", authorId: ana.id, authorName: "Ana Lima", mentionedAt: at(5), unseen: 1 }),
      ]);
      expect(await rowOf(luis, "unassigned", chatId)).toMatchObject({ mentioned: true });
      expect(await rowOf(ana, "unassigned", chatId)).toMatchObject({ mentioned: false });
      const note = (await as(luis).chats.get({ chatId })).messages.find((m) => m.kind === "note")!;
      expect(note.payload).toEqual({ mentions: [luis.id] });

      // Opening the chat: the mention is seen (the chat stays under Mentions, no longer new).
      await as(luis).chats.opened({ chatId });
      expect((await as(luis).inbox.counts()).mentions).toBe(0);
      expect(await rowOf(luis, "unassigned", chatId)).toMatchObject({ mentioned: false });
      expect(await as(luis).inbox.mentions()).toEqual([expect.objectContaining({ chatId, unseen: 0 })]);
    });

    it("go with their note when an administrator deletes it", async () => {
      const { chatId } = inbound("5511900000016", "Oi", 1);
      const note = await as(ana, at(3)).chats.addNote({ chatId, body: "@Luis Pérez número do cartão: 4111 1111 1111 1111" });
      expect((await as(luis).inbox.counts()).mentions).toBe(1);
      await as(admin).chats.deleteMessage({ messageId: note.id });
      expect((await as(luis).inbox.counts()).mentions).toBe(0);
      expect(await as(luis).inbox.mentions()).toEqual([]);
      expect(await rowOf(luis, "unassigned", chatId)).toMatchObject({ mentioned: false });
    });

    it("list the newest mention first", async () => {
      const first = inbound("5511900000004", "Primeiro", 1).chatId;
      const second = inbound("5511900000005", "Segundo", 2).chatId;
      await as(ana, at(3)).chats.addNote({ chatId: second, body: "@Luis olha" });
      await as(admin, at(4)).chats.addNote({ chatId: first, body: "@luis pérez e este" });
      expect((await as(luis).inbox.mentions()).map((m) => [m.chatId, m.authorName])).toEqual([
        [first, "Alice Admin"],
        [second, "Ana Lima"],
      ]);
    });

    it("respect who may see the chat: with the shared inbox off, a mention in a teammate's chat stays hidden", async () => {
      const { chatId } = inbound("5511900000006", "Oi", 1);
      assignChatAction(db, { viewer: admin, now: at(2) }, chatId, ana.id);
      await as(ana, at(3)).chats.addNote({ chatId, body: "@Luis Pérez pode ajudar aqui?" });
      setShared(false);
      expect(await as(luis).inbox.mentions()).toEqual([]);
      expect((await as(luis).inbox.counts()).mentions).toBe(0);
      expect((await refusal(as(luis).chats.opened({ chatId }))).code).toBe("FORBIDDEN");
      setShared(true);
      expect((await as(luis).inbox.mentions()).map((m) => m.chatId)).toEqual([chatId]);
      expect((await as(luis).inbox.counts()).mentions).toBe(1);
    });

    it("reach the mentioned person's open inbox live: the row's mark and the counter", async () => {
      const { chatId } = inbound("5511900000007", "Oi", 1);
      const since = currentSeq(db);
      const request = { since, list: { section: "unassigned" as const, status: "open" as const } };
      await as(ana, at(3)).chats.addNote({ chatId, body: "@Luis Pérez" });
      const forLuis = liveDelta(db, { ...luis, locale: "en" }, request, NOW) as Changed;
      expect(forLuis.counts?.mentions).toBe(1);
      expect(forLuis.list?.rows.find((r) => r.id === chatId)).toMatchObject({ mentioned: true });
      // The same page for Ana, computed at the same sequence, carries no mark of Luis's.
      const forAna = liveDelta(db, { ...ana, locale: "en" }, request, NOW) as Changed;
      expect(forAna.list?.rows.find((r) => r.id === chatId)).toMatchObject({ mentioned: false });

      await as(luis).chats.opened({ chatId });
      const after = liveDelta(db, { ...luis, locale: "en" }, { ...request, since: forLuis.seq }, NOW) as Changed;
      expect(after.counts?.mentions).toBe(0);
      expect(after.list?.rows.find((r) => r.id === chatId)).toMatchObject({ mentioned: false });
    });
  });

  describe("unread chats", () => {
    it("count the contact's messages until the assignee opens the chat; others opening it change nothing", async () => {
      const { chatId } = inbound("5511900000008", "Oi", 1);
      assignChatAction(db, { viewer: admin, now: at(2) }, chatId, ana.id);
      inbound("5511900000008", "Tem alguém aí?", 3);
      const item = (await as(ana).inbox.list({ section: "mine", status: "open" })).rows.find((r) => r.id === chatId);
      expect(item).toMatchObject({ unreadCount: 2 });

      await as(luis).chats.opened({ chatId });
      expect(findChat(db, chatId)!.unreadCount).toBe(2);
      const since = currentSeq(db);
      // Opening tells how many were unread, so the pane opens at the first of them.
      expect(await as(ana).chats.opened({ chatId })).toEqual({ cleared: true, unread: 2, mentionsSeen: 0 });
      expect(findChat(db, chatId)!.unreadCount).toBe(0);
      // Opening again writes nothing.
      const seq = currentSeq(db);
      expect(await as(ana).chats.opened({ chatId })).toEqual({ cleared: false, unread: 0, mentionsSeen: 0 });
      expect(currentSeq(db)).toBe(seq);
      // Ana's other tab learns it live: the row is no longer bold.
      const answer = liveDelta(db, { ...ana, locale: "es" }, { since, list: { section: "mine", status: "open" } }, NOW) as Changed;
      expect(answer.list?.rows.find((r) => r.id === chatId)).toMatchObject({ unread: 0 });

      inbound("5511900000008", "Alô?", 4);
      const again = liveDelta(db, { ...ana, locale: "es" }, { since: seq, list: { section: "mine", status: "open" } }, NOW) as Changed;
      expect(again.list?.rows.find((r) => r.id === chatId)).toMatchObject({ unread: 1 });
    });

    it("cost no wait for the write lock when opening finds nothing new (every render of an open chat opens it)", async () => {
      const { chatId } = inbound("5511900000028", "Oi", 1);
      assignChatAction(db, { viewer: admin, now: at(2) }, chatId, ana.id);
      await as(ana).chats.opened({ chatId });
      // Filing (another connection) holds the write lock; without a wait allowed, needing it would fail at once.
      const filing = new Database(path.join(t.dir, "charla.db"));
      filing.exec("BEGIN IMMEDIATE");
      db.$client.pragma("busy_timeout = 0");
      try {
        expect(await as(ana).chats.opened({ chatId })).toEqual({ cleared: false, unread: 0, mentionsSeen: 0 });
        expect(await as(luis).chats.opened({ chatId })).toEqual({ cleared: false, unread: 0, mentionsSeen: 0 });
      } finally {
        db.$client.pragma("busy_timeout = 5000");
        filing.exec("ROLLBACK");
        filing.close();
      }
    });

    it("clear when the assignee replies, and when a reply makes the chat theirs", async () => {
      const { chatId } = inbound("5511900000018", "Oi", 1);
      inbound("5511900000018", "Tem alguém aí?", 2);
      expect(findChat(db, chatId)!.unreadCount).toBe(2);
      // Ana answers the unassigned chat without opening it first (a reply from the list or another tab).
      await as(ana).chats.send({ chatId, content: { kind: "text", body: "Oi! Já vejo." } });
      expect(findChat(db, chatId)!).toMatchObject({ assigneeId: ana.id, unreadCount: 0 });
      expect(await as(ana).chats.opened({ chatId })).toEqual({ cleared: false, unread: 0, mentionsSeen: 0 });

      inbound("5511900000018", "Obrigado", 3);
      // An admin replying in Ana's chat has not made Ana read it.
      await as(admin).chats.send({ chatId, content: { kind: "text", body: "Qualquer coisa, estamos aqui." } });
      expect(findChat(db, chatId)!.unreadCount).toBe(1);
    });

    it("follow a transfer: what the first agent had not opened, the new one has not either", async () => {
      const { chatId } = inbound("5511900000009", "Oi", 1);
      assignChatAction(db, { viewer: admin, now: at(2) }, chatId, ana.id);
      const moved = assignChatAction(db, { viewer: admin, now: at(3) }, chatId, luis.id);
      expect(findChat(db, moved.chat.id)!.unreadCount).toBe(1);
      await as(luis).chats.opened({ chatId: moved.chat.id });
      expect(findChat(db, moved.chat.id)!.unreadCount).toBe(0);
    });
  });

  describe("Assign to me", () => {
    it("takes an unassigned chat, and a teammate's as a transfer", async () => {
      const free = inbound("5511900000010", "Oi", 1).chatId;
      expect(await as(ana).chats.assignToMe({ chatId: free, expectedAssigneeId: null })).toMatchObject({ type: "assign", chat: { id: free, assigneeId: ana.id } });

      const luisChat = inbound("5511900000011", "Oi", 1).chatId;
      assignChatAction(db, { viewer: admin, now: at(2) }, luisChat, luis.id);
      const taken = await as(ana).chats.assignToMe({ chatId: luisChat, expectedAssigneeId: luis.id });
      expect(taken).toMatchObject({ type: "transfer", closedChatId: luisChat, chat: { assigneeId: ana.id, status: "open" } });
      expect(findChat(db, luisChat)!.status).toBe("closed");
      expect(db.select().from(auditLog).where(eq(auditLog.action, "chat.transfer")).all()).toEqual([
        expect.objectContaining({ actorId: ana.id, details: { from: luis.id, to: ana.id, newChatId: taken.chat.id } }),
      ]);
    });

    it("is refused for a chat the agent may not see, one already theirs, a closed one, or one taken meanwhile", async () => {
      const chatId = inbound("5511900000012", "Oi", 1).chatId;
      assignChatAction(db, { viewer: admin, now: at(2) }, chatId, luis.id);
      expect((await refusal(as(ana, NOW, "es").chats.assignToMe({ chatId, expectedAssigneeId: null }))).message).toBe("Luis Pérez tomó este chat hace un momento; recarga para verlo.");
      expect((await refusal(as(luis).chats.assignToMe({ chatId }))).code).toBe("CONFLICT");
      setShared(false);
      expect((await refusal(as(ana).chats.assignToMe({ chatId }))).code).toBe("FORBIDDEN");
      setShared(true);
      await as(luis).chats.close({ chatId, reasonId: (await as(luis).closeReasons.list()).find((r) => !r.systemKey)!.id });
      expect((await refusal(as(ana).chats.assignToMe({ chatId }))).code).toBe("CONFLICT");
      expect(findChat(db, chatId)!.assigneeId).toBe(luis.id);
    });
  });

  describe("contact details", () => {
    it("are edited by an agent, and the change is audited field by field", async () => {
      const { chatId, contactId } = inbound("5511900000013", "Oi", 1);
      await as(ana).contacts.update({ contactId, name: "Contact 5511900000013", email: "marina@example.com", phone: "+55 11 90000-0013", notes: "Prefere WhatsApp à tarde" });
      expect(db.select().from(contacts).where(eq(contacts.id, contactId)).get()).toMatchObject({
        email: "marina@example.com",
        phone: "5511900000013",
        notes: "Prefere WhatsApp à tarde",
        nameLocked: false,
      });
      expect(db.select().from(auditLog).where(eq(auditLog.action, "contact.update")).all()).toEqual([
        expect.objectContaining({
          actorId: ana.id,
          targetType: "contact",
          targetId: String(contactId),
          at: NOW,
          details: { email: { from: null, to: "marina@example.com" }, notes: { from: null, to: "Prefere WhatsApp à tarde" } },
        }),
      ]);
      // Saving the same details again changes nothing and logs nothing.
      await as(ana).contacts.update({ contactId, name: "Contact 5511900000013", email: "marina@example.com", phone: "5511900000013", notes: "Prefere WhatsApp à tarde" });
      expect(db.select().from(auditLog).where(eq(auditLog.action, "contact.update")).all()).toHaveLength(1);
      expect((await as(luis).chats.get({ chatId })).contact.email).toBe("marina@example.com");
    });

    it("keep a name an agent gave over the profile name the provider sends", async () => {
      const { contactId } = inbound("5511900000014", "Oi", 1);
      await as(ana).contacts.update({ contactId, name: "Marina Souza (loja Centro)" });
      inbound("5511900000014", "Oi de novo", 5);
      expect(db.select().from(contacts).where(eq(contacts.id, contactId)).get()).toMatchObject({ name: "Marina Souza (loja Centro)", nameLocked: true });
    });

    it("are refused with a translated reason and nothing written; and only for someone who sees the contact's chats", async () => {
      const { chatId, contactId } = inbound("5511900000015", "Oi", 1);
      const original = db.select().from(contacts).where(eq(contacts.id, contactId)).get();
      expect((await refusal(as(ana, NOW, "es").contacts.update({ contactId, name: "Ana", email: "ana@correo" }))).message).toBe(
        "«ana@correo» no es una dirección de correo (como nombre@ejemplo.com).",
      );
      expect((await refusal(as(ana, NOW, "pt").contacts.update({ contactId, name: "Ana", phone: "123" }))).code).toBe("BAD_REQUEST");
      expect((await refusal(as(ana).contacts.update({ contactId, name: "  " }))).message).toBe("The contact needs a name.");
      assignChatAction(db, { viewer: admin, now: at(2) }, chatId, luis.id);
      setShared(false);
      expect((await refusal(as(ana).contacts.update({ contactId, name: "Ana" }))).code).toBe("FORBIDDEN");
      expect(await as(admin).contacts.update({ contactId, name: "Ana Admin-made" })).toMatchObject({ name: "Ana Admin-made" });
      expect(db.select().from(auditLog).where(eq(auditLog.action, "contact.update")).all()).toEqual([
        expect.objectContaining({ actorId: admin.id, details: { name: { from: original!.name, to: "Ana Admin-made" } } }),
      ]);
    });
  });
});
