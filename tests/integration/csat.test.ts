import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { isDomainError } from "@/server/domain/errors";
import type { ChannelRow } from "@/server/repositories/channels";
import { findActiveChat } from "@/server/repositories/chats";
import { listCloseReasons } from "@/server/repositories/close-reasons";
import { findSurveyOfChat, listCsatSettings } from "@/server/repositories/csat";
import { messagesOfChat } from "@/server/repositories/messages";
import { closeReasons, templates } from "@/server/services/catalog";
import { chatView } from "@/server/services/chat-view";
import { assignChatAction, closeChatAction } from "@/server/services/chat-actions";
import { updateCsatSettings } from "@/server/services/csat-settings";
import { ingestMessage } from "@/server/services/ingest";
import { postVisitorMessage, visitorConversation } from "@/server/services/webchat";
import { reportCsvLines } from "@/server/services/report-export";
import { buildReport } from "@/server/services/reports";
import { sendMessage } from "@/server/services/send-message";
import type { PublicUser } from "@/server/services/users";
import { webchatChannel, whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("the satisfaction survey after a chat closes", () => {
  let t: ReturnType<typeof tempDb>;
  let db: Db;
  let admin: PublicUser;
  let ana: PublicUser;
  let luis: PublicUser;
  let channel: ChannelRow;
  let resolved: number;
  let phoneSeq = 0;

  beforeEach(async () => {
    t = tempDb();
    db = t.db;
    admin = await makeUser(db, "admin", "Alice Admin");
    ana = await makeUser(db, "agent", "Ana");
    luis = await makeUser(db, "agent", "Luis");
    channel = whatsappChannel(db);
    resolved = closeReasons.create(db, "Resuelto", { actorId: admin.id, now: T0 }).id;
    updateCsatSettings(db, { channelId: channel.id, enabled: true, intervalDays: 30, templateName: null, language: "es" }, { actorId: admin.id, now: T0 });
  });
  afterEach(() => t.close());

  const newPhone = () => `54911555${String(++phoneSeq).padStart(4, "0")}`;
  const write = (phone: string, body: string, at: number, extra = {}) => ingestMessage(db, channel, inboundText(phone, body, at, extra), at);
  const tap = (phone: string, choiceId: string, title: string, at: number) => write(phone, title, at, { payload: { choiceId } });
  const reply = (chatId: number, at: number) => sendMessage(db, { viewer: ana, now: at }, chatId, { kind: "text", body: "Listo" });
  const close = (chatId: number, at: number, reasonId = resolved) => closeChatAction(db, { viewer: ana, now: at }, chatId, reasonId);
  /** A chat Ana answered and closed at `at`. */
  function servedChat(phone: string, at: number): number {
    const { chatId } = write(phone, "Hola, ¿tienen talle 40?", at);
    reply(chatId, at + MIN);
    close(chatId, at + 2 * MIN);
    return chatId;
  }
  const outbound = (chatId: number) => messagesOfChat(db, chatId, { limit: 100 }).filter((m) => m.direction === "out" && m.authorKind === "system" && m.kind !== "system");

  it("asks in Spanish with five choices once Ana closes the chat, through the outbox", () => {
    const chatId = servedChat(newPhone(), T0);
    const survey = findSurveyOfChat(db, chatId);
    expect(survey).toMatchObject({ via: "choices", askedAt: T0 + 2 * MIN, agentId: ana.id, rating: null });
    const [ask] = outbound(chatId);
    expect(ask).toMatchObject({ kind: "text", status: "queued", body: expect.stringContaining("¿Cómo valoras") });
    const choices = (ask!.payload as { choices: { id: string; title: string }[] }).choices;
    expect(choices.map((c) => c.id)).toEqual(["csat:1", "csat:2", "csat:3", "csat:4", "csat:5"]);
    expect(choices[4]!.title).toBe("5 · Excelente");
  });

  it("a tapped rating lands in the closed chat, counts in the metrics, thanks the contact and opens no chat", () => {
    const phone = newPhone();
    const chatId = servedChat(phone, T0);
    const answer = tap(phone, "csat:4", "4 · Buena", T0 + 5 * MIN);
    expect(answer).toMatchObject({ chatId, openedChat: false });
    expect(findActiveChat(db, answer.contactId)).toBeUndefined();
    expect(findSurveyOfChat(db, chatId)).toMatchObject({ rating: 4, ratedAt: T0 + 5 * MIN });
    expect(db.$client.prepare("SELECT csat_rating FROM chat_metrics WHERE chat_id = ?").pluck().get(chatId)).toBe(4);
    expect(outbound(chatId).at(-1)!.body).toContain("¡Gracias por tu valoración!");

    // The next words within ten minutes are the comment; later ones start a new conversation.
    expect(write(phone, "Muy amables", T0 + 9 * MIN)).toMatchObject({ chatId, openedChat: false });
    expect(findSurveyOfChat(db, chatId)!.comment).toBe("Muy amables");
    expect(chatView(db, ana, chatId).csat).toEqual({ rating: 4, comment: "Muy amables" });
    const later = write(phone, "Otra consulta", T0 + 30 * MIN);
    expect(later.openedChat).toBe(true);
    expect(later.chatId).not.toBe(chatId);
  });

  it("a typed digit is a rating when no conversation is open, and a message inside one", () => {
    const phone = newPhone();
    const chatId = servedChat(phone, T0);
    expect(write(phone, "5", T0 + 3 * MIN)).toMatchObject({ chatId, openedChat: false });
    expect(findSurveyOfChat(db, chatId)!.rating).toBe(5);

    const other = newPhone();
    const second = servedChat(other, T0);
    const fresh = write(other, "Me olvidé algo", T0 + 40 * MIN); // a new question: a new chat
    expect(fresh.openedChat).toBe(true);
    expect(write(other, "3", T0 + 41 * MIN).chatId).toBe(fresh.chatId);
    expect(findSurveyOfChat(db, second)!.rating).toBeNull();
    // …but tapping the survey's button still rates the old chat, without touching the new one.
    expect(tap(other, "csat:2", "2 · Mala", T0 + 42 * MIN).chatId).toBe(second);
    expect(findSurveyOfChat(db, second)!.rating).toBe(2);
  });

  it("asks a contact once per interval, and never after a transfer, a spam close or an unanswered chat", () => {
    const phone = newPhone();
    const first = servedChat(phone, T0);
    const second = servedChat(phone, T0 + 10 * DAY);
    expect(findSurveyOfChat(db, first)).toBeDefined();
    expect(findSurveyOfChat(db, second)).toBeUndefined();
    expect(findSurveyOfChat(db, servedChat(phone, T0 + 31 * DAY))).toBeDefined();

    const transferred = write(newPhone(), "Hola", T0);
    reply(transferred.chatId, T0 + MIN);
    assignChatAction(db, { viewer: ana, now: T0 + 2 * MIN }, transferred.chatId, luis.id, ana.id);
    expect(findSurveyOfChat(db, transferred.chatId)).toBeUndefined();

    const spam = listCloseReasons(db).find((r) => r.builtinKey === "spam")!;
    const junk = write(newPhone(), "Gane dinero", T0);
    reply(junk.chatId, T0 + MIN);
    close(junk.chatId, T0 + 2 * MIN, spam.id);
    expect(findSurveyOfChat(db, junk.chatId)).toBeUndefined();

    const unanswered = write(newPhone(), "Hola", T0);
    close(unanswered.chatId, T0 + MIN);
    expect(findSurveyOfChat(db, unanswered.chatId)).toBeUndefined();
  });

  it("outside the 24-hour window only the approved template may ask; without one the contact is not asked", () => {
    const phone = newPhone();
    const { chatId } = write(phone, "Hola", T0);
    reply(chatId, T0 + MIN);
    close(chatId, T0 + 25 * HOUR);
    expect(findSurveyOfChat(db, chatId)).toBeUndefined();

    templates.create(db, { channelId: channel.id, name: "encuesta_csat", language: "es", body: "¿Cómo te atendimos? Responde de 1 a 5." }, { actorId: admin.id, now: T0 });
    updateCsatSettings(db, { channelId: channel.id, enabled: true, intervalDays: 30, templateName: "encuesta_csat", language: "es" }, { actorId: admin.id, now: T0 });
    const other = newPhone();
    const late = write(other, "Hola", T0);
    reply(late.chatId, T0 + MIN);
    close(late.chatId, T0 + 25 * HOUR);
    expect(findSurveyOfChat(db, late.chatId)).toMatchObject({ via: "template" });
    expect(outbound(late.chatId).at(-1)).toMatchObject({ kind: "template", status: "queued", payload: expect.objectContaining({ name: "encuesta_csat", language: "es" }) });
  });

  it("a channel without the survey asks nothing", () => {
    updateCsatSettings(db, { channelId: channel.id, enabled: false, intervalDays: 30, templateName: null, language: "es" }, { actorId: admin.id, now: T0 });
    expect(findSurveyOfChat(db, servedChat(newPhone(), T0))).toBeUndefined();
  });

  it("bad settings are refused with a translated reason and change nothing", () => {
    const before = JSON.stringify(listCsatSettings(db));
    const attempts = [
      { intervalDays: 400, templateName: null, language: "es" },
      { intervalDays: 7, templateName: "no_existe", language: "es" },
      { intervalDays: 7, templateName: null, language: "fr" },
    ];
    for (const bad of attempts) {
      try {
        updateCsatSettings(db, { channelId: channel.id, enabled: true, ...bad }, { actorId: admin.id, now: T0 });
        expect.fail("accepted");
      } catch (error) {
        expect(isDomainError(error) && error.text.key.startsWith("error.csat.")).toBe(true);
      }
    }
    expect(JSON.stringify(listCsatSettings(db))).toBe(before);
  });

  it("the reports count ratings of chats closed in the period: 4 and 5 satisfied, per agent, with the latest comments and a CSV column", () => {
    const rate = (phone: string, chatId: number, n: number, at: number) => {
      tap(phone, `csat:${n}`, String(n), at);
      return chatId;
    };
    const p1 = newPhone();
    rate(p1, servedChat(p1, T0), 5, T0 + 3 * MIN);
    const p2 = newPhone();
    rate(p2, servedChat(p2, T0), 2, T0 + 3 * MIN);
    write(p2, "Tardaron en contestar", T0 + 4 * MIN);
    const p3 = newPhone();
    const { chatId } = write(p3, "Hola", T0);
    sendMessage(db, { viewer: luis, now: T0 + MIN }, chatId, { kind: "text", body: "Hola" });
    closeChatAction(db, { viewer: luis, now: T0 + 2 * MIN }, chatId, resolved);
    rate(p3, chatId, 4, T0 + 3 * MIN);

    const query = { range: "custom" as const, from: "2026-01-05", to: "2026-01-05" };
    const report = buildReport(db, { id: admin.id, role: "admin", timeZone: "UTC" }, query, T0 + HOUR);
    expect(report.headline.csat).toEqual({ responses: 3, satisfied: 2, percent: 66.7 });
    expect(report.agents.find((a) => a.id === ana.id)!.csat).toEqual({ responses: 2, satisfied: 1, percent: 50 });
    expect(report.agents.find((a) => a.id === luis.id)!.csat).toEqual({ responses: 1, satisfied: 1, percent: 100 });
    expect(report.csatComments).toEqual([expect.objectContaining({ rating: 2, comment: "Tardaron en contestar" })]);
    // An agent sees only their own ratings.
    expect(buildReport(db, { id: luis.id, role: "agent", timeZone: "UTC" }, query, T0 + HOUR).headline.csat.responses).toBe(1);

    const lines = [...reportCsvLines(db, { id: admin.id, role: "admin", timeZone: "UTC" }, query, T0 + HOUR)];
    expect(lines[0]!.trim().endsWith(",csat")).toBe(true);
    expect(lines.slice(1).map((l) => l.trim().split(",").at(-1)).sort()).toEqual(["2", "4", "5"]);
  });

  it("on the web chat the visitor sees the survey as buttons, and a tapped one rates the chat", () => {
    const web = webchatChannel(db);
    updateCsatSettings(db, { channelId: web.id, enabled: true, intervalDays: 30, templateName: null, language: "pt" }, { actorId: admin.id, now: T0 });
    const visitor = { visitorId: "visitor-csat-01", name: "Eva" };
    const { messageId } = postVisitorMessage(db, web, { ...visitor, text: "Oi, vocês entregam?", clientMessageId: "csat-web-0001" }, T0);
    const chatId = db.$client.prepare("SELECT chat_id FROM messages WHERE id = ?").pluck().get(messageId) as number;
    reply(chatId, T0 + MIN);
    close(chatId, T0 + 2 * MIN);
    const survey = visitorConversation(db, web, visitor.visitorId, {}, T0 + 3 * MIN).at(-1)!;
    expect(survey.body).toContain("Como você avalia");
    expect(survey.choices?.map((c) => c.id)).toEqual(["csat:1", "csat:2", "csat:3", "csat:4", "csat:5"]);
    // Never queued for a provider the web chat does not have: the visitor's poll delivered it.
    expect(outbound(chatId).map((m) => [m.status, (m.payload as { csat?: boolean }).csat])).toEqual([["delivered", true]]);
    postVisitorMessage(db, web, { ...visitor, text: "5 · Excelente", clientMessageId: "csat-web-0002", choiceId: "csat:5" }, T0 + 4 * MIN);
    expect(findSurveyOfChat(db, chatId)!.rating).toBe(5);
    expect(visitorConversation(db, web, visitor.visitorId, {}, T0 + 5 * MIN).at(-1)!.body).toContain("Obrigado pela sua avaliação");
  });
});
