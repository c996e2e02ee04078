import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import path from "node:path";
import { openDatabase, type Db } from "@/db/client";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { authSecret } from "@/server/auth/secret";
import { answerFront, isFrontRoute } from "@/server/http/front/routes";
import { runDispatcher } from "@/server/jobs/dispatcher";
import { pruneChanges } from "@/server/repositories/changes";
import { closeReasons } from "@/server/services/catalog";
import { assignChatAction, closeChatAction } from "@/server/services/chat-actions";
import { ingestMessage, ingestStatus } from "@/server/services/ingest";
import { currentSeq, liveDelta, type DeltaAnswer } from "@/server/services/live-delta";
import { sendMessage } from "@/server/services/send-message";
import { updateSetting } from "@/server/services/settings";
import type { PublicUser } from "@/server/services/users";
import { IG_ACCOUNT_ID, instagramChannel, whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";
import { LiveTab, renderScreen, shown, type Screen } from "../support/live";
import { useRouteDb } from "../support/route-db";
import { whatsappSendApi } from "../support/send-api";
import { copyWorld } from "../support/world";
import { fixtureText } from "../unit/channels/fixtures";

// The inbox's live updates on a real SQLite file: what a tab's poll answers after each kind of write, and
// that a tab patched with those answers shows what a fresh render shows.

/** Polls and renders use one clock, so the rows' "waiting 5 min" texts are comparable. */
const NOW = T0 + 3_600_000;
const at = (minutes: number) => T0 + minutes * 60_000;

type Changed = Extract<DeltaAnswer, { unchanged: false }>;
function changed(answer: DeltaAnswer): Changed {
  expect(answer.unchanged).toBe(false);
  return answer as Changed;
}

describe("live delta", () => {
  // Hashing passwords is the slow part of a fixture: the users are made once and the folder copied per test.
  let template: string;
  let admin: PublicUser, ana: PublicUser, luis: PublicUser;
  beforeAll(async () => {
    const base = tempDb();
    admin = await makeUser(base.db, "admin", "Alice Admin");
    ana = await makeUser(base.db, "agent", "Ana");
    luis = await makeUser(base.db, "agent", "Luis");
    base.db.$client.pragma("wal_checkpoint(TRUNCATE)");
    base.db.$client.close();
    template = base.dir;
  });
  afterAll(() => fs.rmSync(template, { recursive: true, force: true }));

  let t: ReturnType<typeof copyWorld> & { file: string };
  let channel: ReturnType<typeof whatsappChannel>;
  /** Ana's chat (she answered it, so it waits on the contact), Luis's chat (the contact waits), an unassigned one. */
  let anasChat: number, luisChat: number, freeChat: number;
  const by = (viewer: PublicUser, minutes: number) => ({ viewer, now: at(minutes) });
  const inbound = (phone: string, text: string, minutes: number) => ingestMessage(t.db, channel, inboundText(phone, text, at(minutes)), at(minutes));
  const tab = (user: PublicUser, list: Screen["list"], chatId: number | null = null, db: Db = t.db) => new LiveTab({ user, locale: "en", list, chatId }, db, NOW);
  const fresh = (live: LiveTab, db: Db = t.db) => shown(renderScreen(db, live.screen, NOW));

  function company(db: Db) {
    const wa = whatsappChannel(db);
    const chats = ["5511900000001", "5511900000002", "5511900000003"].map((phone, i) => ingestMessage(db, wa, inboundText(phone, `pedido ${i + 1}`, at(i + 1)), at(i + 1)).chatId);
    assignChatAction(db, by(admin, 4), chats[0]!, ana.id);
    assignChatAction(db, by(admin, 4), chats[1]!, luis.id);
    sendMessage(db, by(ana, 5), chats[0]!, { kind: "text", body: "Olá, já vejo" });
    return { wa, chats };
  }

  beforeEach(() => {
    const cell = copyWorld(template);
    t = { ...cell, file: path.join(cell.dir, "charla.db") };
    const made = company(t.db);
    channel = made.wa;
    [anasChat, luisChat, freeChat] = made.chats as [number, number, number];
  });
  afterEach(() => t.close());

  it("is unchanged while nothing changed, and while only what the viewer does not see changed", () => {
    const mine = tab(ana, { section: "mine", status: "open" }, anasChat);
    const start = mine.state.seq;
    expect(mine.poll(t.db)).toEqual({ unchanged: true, seq: start });

    // Luis's contact writes again: his chat was already waiting, so no counter moves either.
    inbound("5511900000002", "alguém?", 6);
    const quiet = mine.poll(t.db);
    expect(quiet.unchanged).toBe(true);
    expect(quiet.seq).toBeGreaterThan(start);
    mine.apply(t.db, quiet);
    expect(mine.state.seq).toBe(quiet.seq);

    // A new contact moves the counters only: no list, no chat in the answer.
    inbound("5511900000004", "oi", 7);
    const counts = changed(mine.poll(t.db));
    expect(counts.counts?.pending).toMatchObject({ mine: 0, unassigned: 2, all: 3 });
    expect(counts.list).toBeUndefined();
    expect(counts.chat).toBeUndefined();
    mine.apply(t.db, counts);
    expect(shown(mine.rendered)).toEqual(fresh(mine));
    expect(mine.poll(t.db)).toEqual({ unchanged: true, seq: counts.seq });
  });

  it("shows a new contact in the Unassigned list and a returning contact's message in the open chat", () => {
    const unassigned = tab(ana, { section: "unassigned", status: "open" }, freeChat);
    expect(unassigned.state.list!.ids).toEqual([freeChat]);

    const newcomer = inbound("5511900000005", "quero comprar", 6).chatId;
    const first = changed(unassigned.poll(t.db));
    expect(first.list).toMatchObject({ ids: [freeChat, newcomer], complete: false });
    expect(first.list!.rows.map((r) => r.id)).toEqual([newcomer]);
    expect(first.list!.rows[0]).toMatchObject({ name: "Contact 5511900000005", preview: "quero comprar", pending: true });
    expect(first.chat).toBeUndefined();
    unassigned.apply(t.db, first);
    expect(shown(unassigned.rendered)).toEqual(fresh(unassigned));

    const again = inbound("5511900000003", "ainda aqui", 7);
    const second = changed(unassigned.poll(t.db));
    expect(second.chat).toEqual({ messages: [expect.objectContaining({ id: again.messageId, body: "ainda aqui", direction: "in" })], attachments: [] });
    // What the pane shows, not the delivery bookkeeping (provider ids, attempts, leases): half the bytes.
    if (second.chat && "messages" in second.chat) expect(Object.keys(second.chat.messages[0]!).sort()).toEqual(["authorId", "authorKind", "body", "createdAt", "deletedAt", "direction", "id", "kind", "payload", "status", "statusReason"]);
    expect(second.list!.rows.map((r) => r.id)).toEqual([freeChat]);
    unassigned.apply(t.db, second);
    expect(unassigned.state.chat!.messages.map((m) => m.body)).toEqual(["pedido 3", "ainda aqui"]);
    expect(shown(unassigned.rendered)).toEqual(fresh(unassigned));
  });

  it("takes a transferred chat out of the sender's Mine, re-renders the open chat and shows the new one to the target", () => {
    const anas = tab(ana, { section: "mine", status: "open" }, anasChat);
    const luiss = tab(luis, { section: "mine", status: "open" });
    const { chat: opened } = assignChatAction(t.db, by(ana, 6), anasChat, luis.id);

    const sender = changed(anas.poll(t.db));
    expect(sender.list!.ids).not.toContain(anasChat);
    expect(sender.list!.ids).toEqual([]);
    expect(sender.chat).toEqual({ refresh: true });
    anas.apply(t.db, sender);
    expect(anas.refreshes).toBe(1);
    expect(shown(anas.rendered)).toEqual(fresh(anas));

    const target = changed(luiss.poll(t.db));
    expect(target.list!.ids).toEqual([luisChat, opened.id].sort((a, b) => a - b));
    expect(target.list!.rows.map((r) => r.id)).toEqual([opened.id]);
    luiss.apply(t.db, target);
    expect(shown(luiss.rendered)).toEqual(fresh(luiss));
  });

  it("asks every tab to render again when the shared inbox is switched", () => {
    const anas = tab(ana, { section: "teammates", status: "open" }, luisChat);
    const admins = tab(admin, { section: "all", status: "open" });
    updateSetting(t.db, "sharedInbox", false, { actorId: admin.id, now: at(6) });
    for (const live of [anas, admins]) {
      const answer = changed(live.poll(t.db));
      expect(answer.refresh).toBe(true);
      live.apply(t.db, answer);
      expect(live.refreshes).toBe(1);
    }
    // The page falls back to Mine and refuses Luis's chat; the tab then polls that.
    expect(anas.screen.list!.section).toBe("mine");
    expect(anas.state.chat).toBeNull();
    expect(shown(anas.rendered)).toEqual(fresh(anas));
    expect(anas.poll(t.db).unchanged).toBe(true);
  });

  it("brings a reply's delivery status into the open chat, and leaves the list alone", async () => {
    const anas = tab(ana, { section: "mine", status: "open" }, anasChat);
    const reply = sendMessage(t.db, by(ana, 6), anasChat, { kind: "text", body: "Enviado hoje" });
    const queued = changed(anas.poll(t.db));
    expect(queued.chat).toEqual({ messages: [expect.objectContaining({ id: reply.id, status: "queued" })], attachments: [] });
    anas.apply(t.db, queued);

    expect(await runDispatcher(t.db, { now: () => at(7), fetchImpl: whatsappSendApi() })).toMatchObject({ sent: 2 });
    const sent = changed(anas.poll(t.db));
    expect(sent.chat).toMatchObject({ messages: expect.arrayContaining([expect.objectContaining({ id: reply.id, status: "sent" })]) });
    expect(sent.list).toBeUndefined();
    anas.apply(t.db, sent);

    const providerMessageId = t.db.$client.prepare("SELECT provider_message_id FROM messages WHERE id = ?").pluck().get(reply.id) as string;
    ingestStatus(t.db, channel, { type: "status", channelExternalId: channel.externalId!, providerMessageId, status: "delivered", timestamp: at(8) });
    const delivered = changed(anas.poll(t.db));
    expect(delivered.chat).toEqual({ messages: [expect.objectContaining({ id: reply.id, status: "delivered" })], attachments: [] });
    expect(delivered.list).toBeUndefined();
    expect(delivered.counts).toBeUndefined();
    anas.apply(t.db, delivered);
    expect(shown(anas.rendered)).toEqual(fresh(anas));
  });

  it("resumes across a server restart from the changes the table still holds, without a re-render", () => {
    const anas = tab(ana, { section: "unassigned", status: "open" }, freeChat);
    const again = inbound("5511900000003", "voltei", 6);
    const restarted = openDatabase(t.file);
    try {
      const answer = changed(anas.poll(restarted));
      expect(answer.refresh).toBeUndefined();
      expect(answer.chat).toEqual({ messages: [expect.objectContaining({ id: again.messageId, body: "voltei" })], attachments: [] });
      anas.apply(restarted, answer);
      expect(anas.refreshes).toBe(0);
      expect(shown(anas.rendered)).toEqual(fresh(anas, restarted));
    } finally {
      restarted.$client.close();
    }
  });

  it("re-renders a tab that is ahead of the database (restored from an older backup)", () => {
    const anas = tab(ana, { section: "unassigned", status: "open" }, freeChat);
    anas.rendered = { ...anas.rendered, state: { ...anas.state, seq: anas.state.seq + 50 } };
    const answer = changed(anas.poll(t.db));
    expect(answer.refresh).toBe(true);
    anas.apply(t.db, answer);
    expect(anas.refreshes).toBe(1);
    expect(shown(anas.rendered)).toEqual(fresh(anas));
  });

  describe("a poll from before the feed's floor (a slept laptop, a restarted server)", () => {
    /** Retention passed: only the newest change is kept, and a new connection's feed starts from there. */
    function restart(): Db {
      pruneChanges(t.db, Date.now() + 60_000);
      return openDatabase(t.file);
    }

    it("renders the page again, which then shows what a fresh render shows", () => {
      const anas = tab(ana, { section: "unassigned", status: "open" }, freeChat);
      inbound("5511900000006", "olá", 6);
      closeChatAction(t.db, by(admin, 7), freeChat, closeReasons.create(t.db, "Resolvido", { actorId: admin.id, now: at(7) }).id);
      const restarted = restart();
      try {
        expect(t.db.$client.prepare("SELECT count(*) FROM changes").pluck().get()).toBe(1);
        const answer = changed(anas.poll(restarted));
        expect(answer).toEqual({ unchanged: false, seq: currentSeq(t.db), intervals: expect.any(Object), refresh: true });
        anas.apply(restarted, answer);
        expect(anas.refreshes).toBe(1);
        expect(shown(anas.rendered)).toEqual(fresh(anas, restarted));
        expect(anas.poll(restarted).unchanged).toBe(true);
      } finally {
        restarted.$client.close();
      }
    });

    it("re-renders a tab whose section was hidden meanwhile, instead of refusing it", () => {
      const anas = tab(ana, { section: "teammates", status: "open" });
      updateSetting(t.db, "sharedInbox", false, { actorId: admin.id, now: at(6) });
      const restarted = restart();
      try {
        const answer = changed(anas.poll(restarted));
        expect(answer.refresh).toBe(true);
        anas.apply(restarted, answer);
        expect(anas.screen.list!.section).toBe("mine");
        expect(shown(anas.rendered)).toEqual(fresh(anas, restarted));
      } finally {
        restarted.$client.close();
      }
    });

    it("re-renders a pane that refused a chat the viewer may now see", () => {
      updateSetting(t.db, "sharedInbox", false, { actorId: admin.id, now: at(6) });
      const anas = tab(ana, { section: "mine", status: "open" }, luisChat);
      expect(anas.state.chat).toBeNull();
      updateSetting(t.db, "sharedInbox", true, { actorId: admin.id, now: at(7) });
      const restarted = restart();
      try {
        anas.sync(restarted);
        expect(anas.state.chat?.id).toBe(luisChat);
        expect(shown(anas.rendered)).toEqual(fresh(anas, restarted));
      } finally {
        restarted.$client.close();
      }
    });
  });

  it("never sends an agent without the shared inbox a teammate's rows or messages", () => {
    updateSetting(t.db, "sharedInbox", false, { actorId: admin.id, now: at(5) });
    const tabs = [tab(ana, { section: "mine", status: "open" }, anasChat), tab(ana, { section: "unassigned", status: "open" }, freeChat), tab(ana, { section: "mine", status: "closed" })];
    const answers: Changed[] = [];
    const poll = () => {
      for (const live of tabs) {
        const answer = live.poll(t.db);
        if (!answer.unchanged) answers.push(answer);
        live.apply(t.db, answer);
      }
      // Asking outright for Luis's chat, or a hidden section, gets nothing of it either.
      const since = Math.min(...tabs.map((l) => l.state.seq)) - 1;
      const pry = liveDelta(t.db, { ...ana, locale: "en" }, { since, chat: { id: luisChat, windowOpen: true } }, NOW);
      if (!pry.unchanged) answers.push(pry);
      expect(() => liveDelta(t.db, { ...ana, locale: "en" }, { since, list: { section: "teammates", status: "open" } }, NOW)).toThrow(/section/);
    };
    inbound("5511900000002", "Luis?", 6);
    poll();
    const reply = sendMessage(t.db, by(luis, 7), luisChat, { kind: "text", body: "Estou aqui" });
    poll();
    closeChatAction(t.db, by(luis, 8), luisChat, closeReasons.create(t.db, "Resolvido", { actorId: admin.id, now: at(8) }).id);
    poll();
    inbound("5511900000002", "de novo", 9); // a new, unassigned chat: this one Ana may see
    poll();

    const luisMessages = t.db.$client.prepare("SELECT id FROM messages WHERE chat_id = ?").pluck().all(luisChat) as number[];
    expect(luisMessages).toContain(reply.id);
    for (const answer of answers) {
      expect(answer.list?.ids ?? []).not.toContain(luisChat);
      expect((answer.list?.rows ?? []).map((r) => r.id)).not.toContain(luisChat);
      if (answer.chat && "messages" in answer.chat) for (const m of answer.chat.messages) expect(luisMessages).not.toContain(m.id);
    }
    expect(answers.some((a) => a.chat && "refresh" in a.chat)).toBe(true);
    for (const live of tabs) expect(shown(live.rendered)).toEqual(fresh(live));
  });

  it("re-renders the open chat when a message row goes (Instagram's echo of our send, dropped when the send is recorded)", async () => {
    const ig = instagramChannel(t.db);
    const igEvent = (mid: string, direction: "in" | "out", body: string, minutes: number) => ({
      type: "message" as const,
      channelExternalId: IG_ACCOUNT_ID,
      contact: { externalId: "7107719732620600", handle: "cliente.ig" },
      providerMessageId: mid,
      timestamp: at(minutes),
      direction,
      kind: "text" as const,
      body,
    });
    const chatId = ingestMessage(t.db, ig, igEvent("mid.in.1", "in", "oi pelo insta", 6), at(6)).chatId;
    assignChatAction(t.db, by(admin, 6), chatId, ana.id);
    const anas = tab(ana, { section: "mine", status: "open" }, chatId);
    sendMessage(t.db, by(ana, 7), chatId, { kind: "text", body: "Olá!" });
    // Instagram's echo of that send arrives before the dispatcher records it: stored as its own row.
    const mid = (JSON.parse(fixtureText("instagram", "send-response")) as { message_id: string }).message_id;
    ingestMessage(t.db, ig, igEvent(mid, "out", "Olá!", 7), at(7));
    anas.sync(t.db);
    const texts = () => anas.state.chat!.messages.filter((m) => m.kind === "text").map((m) => `${m.direction}: ${m.body}`);
    expect(texts()).toEqual(["in: oi pelo insta", "out: Olá!", "out: Olá!"]);

    const igSendApi: Parameters<typeof runDispatcher>[1] = { now: () => at(8), fetchImpl: async () => ({ status: 200, text: async () => fixtureText("instagram", "send-response") }) };
    expect(await runDispatcher(t.db, igSendApi)).toMatchObject({ sent: 1 });
    expect(t.db.$client.prepare("SELECT count(*) FROM messages WHERE chat_id = ? AND kind = 'text'").pluck().get(chatId)).toBe(2);
    const answer = changed(anas.poll(t.db));
    expect(answer.chat).toEqual({ refresh: true });
    anas.apply(t.db, answer);
    expect(texts()).toEqual(["in: oi pelo insta", "out: Olá!"]);
    expect(shown(anas.rendered)).toEqual(fresh(anas));
  });

  it("re-renders when an administrator renames a close reason that closed chats show", () => {
    const reason = closeReasons.create(t.db, "Resolvido", { actorId: admin.id, now: at(6) });
    closeChatAction(t.db, by(ana, 7), anasChat, reason.id);
    const closed = tab(ana, { section: "mine", status: "closed" }, anasChat);
    expect(closed.state.list!.rows[anasChat]!.meta).toContain("Resolvido");
    closeReasons.update(t.db, reason.id, { label: "Resolvido pelo cliente" }, { actorId: admin.id, now: at(8) });
    const answer = changed(closed.poll(t.db));
    expect(answer.refresh).toBe(true);
    closed.apply(t.db, answer);
    expect(closed.state.list!.rows[anasChat]!.meta).toContain("Resolvido pelo cliente");
    expect(shown(closed.rendered)).toEqual(fresh(closed));
  });

  it("serves each database its own list pages (two databases at the same sequence number)", () => {
    const other = copyWorld(template);
    try {
      // The same history in another file under other names: the same sequence number, other rows.
      const wa = whatsappChannel(other.db);
      const chats = ["5511900000001", "5511900000002", "5511900000003"].map((phone, i) =>
        ingestMessage(other.db, wa, { ...inboundText(phone, `outro ${i}`, at(i + 1)), contact: { externalId: phone, phone, name: `Outra ${i}` } }, at(i + 1)).chatId,
      );
      assignChatAction(other.db, by(admin, 4), chats[0]!, ana.id);
      assignChatAction(other.db, by(admin, 4), chats[1]!, luis.id);
      sendMessage(other.db, by(ana, 5), chats[0]!, { kind: "text", body: "Olá, já vejo" });
      expect(currentSeq(other.db)).toBe(currentSeq(t.db));

      const wholeList = (db: Db) => changed(liveDelta(db, { ...admin, locale: "en" }, { since: currentSeq(db), list: { section: "all", status: "open", full: true } }, NOW));
      const names = (db: Db) => wholeList(db).list!.rows.map((r) => r.name).sort();
      expect(names(t.db)).toEqual(["Contact 5511900000001", "Contact 5511900000002", "Contact 5511900000003"]);
      expect(names(other.db)).toEqual(["Outra 0", "Outra 1", "Outra 2"]);
    } finally {
      other.close();
    }
  });

  describe("through tRPC", () => {
    const caller = (user: PublicUser | null) => createCaller(createContext(user, t.db, () => NOW));

    it("answers UNAUTHORIZED when signed out", async () => {
      await expect(caller(null).inbox.delta({ since: 0, locale: "es" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    });

    it.each([
      ["a negative sequence", { since: -1, locale: "es" }],
      ["a fractional sequence", { since: 1.5, locale: "es" }],
      ["an unknown language", { since: 0, locale: "fr" }],
      ["an unknown section", { since: 0, locale: "es", list: { section: "everyone", status: "open" } }],
      ["an unknown status", { since: 0, locale: "es", list: { section: "mine", status: "deleted" } }],
      ["a chat id of zero", { since: 0, locale: "es", chat: { id: 0, windowOpen: true } }],
      ["an overlong cursor", { since: 0, locale: "es", list: { section: "mine", status: "open", cursor: "9".repeat(41) } }],
    ])("answers BAD_REQUEST to %s", async (_, input) => {
      await expect(caller(ana).inbox.delta(input as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    });

    it("answers the viewer's delta in the language it asks for", async () => {
      const since = currentSeq(t.db);
      expect(await caller(ana).inbox.delta({ since, locale: "es", list: { section: "unassigned", status: "open" } })).toEqual({ unchanged: true, seq: since });
      inbound("5511900000007", "bom dia", 6);
      const es = changed(await caller(ana).inbox.delta({ since, locale: "es", list: { section: "unassigned", status: "open" } }));
      const en = changed(await caller(ana).inbox.delta({ since, locale: "en", list: { section: "unassigned", status: "open" } }));
      expect(es.seq).toBe(currentSeq(t.db));
      expect(es.list!.ids).toEqual(en.list!.ids);
      expect(en.list!.rows[0]!.meta).toMatch(/^Unassigned/);
      expect(es.list!.rows[0]!.meta).not.toBe(en.list!.rows[0]!.meta);
      expect(es.intervals.visibleMs).toBeGreaterThan(0);
    });

    it("refuses a hidden section with FORBIDDEN", async () => {
      await caller(admin).settings.update({ key: "sharedInbox", value: false });
      await expect(caller(ana).inbox.delta({ since: currentSeq(t.db), locale: "es", list: { section: "all", status: "open", full: true } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    });
  });
});

describe("the front server's GET /api/trpc/inbox.delta", () => {
  const COOKIE = "authjs.session-token";
  const r = useRouteDb();
  let base = "";
  let server: http.Server;

  beforeEach(async () => {
    server = http.createServer((req, res) => {
      void (isFrontRoute(req) ? answerFront(r.current.db, req, res) : Promise.resolve(false)).then((answered) => {
        if (!answered) res.writeHead(299).end("next");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const cookieFor = async (user: PublicUser) =>
    `${COOKIE}=${await encode({ secret: authSecret(), salt: COOKIE, maxAge: 3600, token: { sub: String(user.id), uid: String(user.id), role: user.role } })}`;
  const url = (input: unknown) => `${base}/api/trpc/inbox.delta?input=${encodeURIComponent(JSON.stringify(input))}`;

  it("answers 304 with the sequence in the ETag while nothing the viewer sees changed, and the delta in tRPC's envelope otherwise", async () => {
    const db = r.current.db;
    const agent = await makeUser(db, "agent", "Ana");
    const channel = whatsappChannel(db);
    const cookie = await cookieFor(agent);
    const since = currentSeq(db);
    const input = { since, locale: "en", list: { section: "unassigned", status: "open" } };

    const quiet = await fetch(url(input), { headers: { cookie } });
    expect(quiet.status).toBe(304);
    expect(quiet.headers.get("etag")).toBe(`"${since}"`);
    expect(await quiet.text()).toBe("");

    const chatId = ingestMessage(db, channel, inboundText("5511900000008", "oi", Date.now()), Date.now()).chatId;
    const moved = await fetch(url(input), { headers: { cookie } });
    expect(moved.status).toBe(200);
    expect(moved.headers.get("content-type")).toMatch(/^application\/json/);
    const seq = currentSeq(db);
    expect(moved.headers.get("etag")).toBe(`"${seq}"`);
    const body = (await moved.json()) as { result: { data: Changed } };
    expect(body.result.data).toMatchObject({ unchanged: false, seq, list: { ids: [chatId], complete: false } });
    expect(body.result.data.list!.rows).toEqual([expect.objectContaining({ id: chatId, preview: "oi", pending: true })]);

    const caughtUp = await fetch(url({ ...input, since: seq }), { headers: { cookie } });
    expect(caughtUp.status).toBe(304);
    expect(caughtUp.headers.get("etag")).toBe(`"${seq}"`);
  });

  it("answers 401 to a session that is not ours, 400 to bad input, and hands a request without a session to Next", async () => {
    const agent = await makeUser(r.current.db, "agent", "Ana");
    const cookie = await cookieFor(agent);
    const forged = await fetch(url({ since: 0, locale: "en" }), { headers: { cookie: `${COOKIE}=forged` } });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { data: { code: "UNAUTHORIZED", path: "inbox.delta" } } });
    for (const bad of [`${base}/api/trpc/inbox.delta`, `${base}/api/trpc/inbox.delta?input=%7Bnope`, url({ since: -1, locale: "en" }), url({ since: 0, locale: "en", list: { section: "x", status: "open" } })]) {
      const res = await fetch(bad, { headers: { cookie } });
      expect(res.status, bad).toBe(400);
      expect(await res.json()).toMatchObject({ error: { data: { code: "BAD_REQUEST" } } });
    }
    expect((await fetch(url({ since: 0, locale: "en" }))).status).toBe(299);
  });
});

