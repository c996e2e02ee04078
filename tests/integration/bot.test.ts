import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { runLifecycleJobs } from "@/server/jobs/lifecycle";
import type { ChannelRow } from "@/server/repositories/channels";
import { assignChannelFlow, createFlow, publishFlow, saveDraft } from "@/server/services/bot/flows";
import { ingestMessage } from "@/server/services/ingest";
import { listInbox } from "@/server/repositories/inbox";
import { sendMessage } from "@/server/services/send-message";
import { chatBotView, chatsWithTheBot } from "@/server/services/bot/with-bot";
import type { PublicUser } from "@/server/services/users";
import { sampleFlow } from "@/server/domain/bot/sample-flow";
import { whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

// The bot on real chats: it greets a new contact, walks the menu and the question, hands off to the chosen
// team's queue with a note of the answers; with the bot a chat is not pending; a person taking over stops
// it; no reply closes; publishing never changes a running chat; returning contacts only after N hours.

const MIN = 60_000;

describe("the bot on live chats", () => {
  let t: ReturnType<typeof tempDb>;
  let db: Db;
  let admin: PublicUser;
  let agent: PublicUser;
  let channel: ChannelRow;
  let flowId: number;
  let ventasTeam: number;

  const q = <T,>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).get(...args) as T;
  const all = <T,>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args) as T[];
  const write = (from: string, body: string, at: number, payload?: Record<string, unknown>) =>
    ingestMessage(db, channel, inboundText(from, body, at, payload ? { payload } : {}), at);
  const botMessages = (chatId: number) => all<{ body: string; payload: string; status: string }>("SELECT body, payload, status FROM messages WHERE chat_id = ? AND author_kind = 'bot' AND kind = 'text' ORDER BY id", chatId);
  const session = (chatId: number) => q<{ status: string; step: string | null; version: number; reason: string | null }>(
    "SELECT s.status, s.step_id AS step, v.version, s.end_reason AS reason FROM bot_sessions s JOIN bot_flow_versions v ON v.id = s.flow_version_id WHERE s.chat_id = ?",
    chatId,
  );
  const chat = (id: number) => q<{ status: string; awaiting: number; teamId: number | null; assigneeId: number | null; reason: string | null }>(
    "SELECT c.status, c.awaiting_reply AS awaiting, c.team_id AS teamId, c.assignee_id AS assigneeId, r.builtin_key AS reason FROM chats c LEFT JOIN close_reasons r ON r.id = c.close_reason_id WHERE c.id = ?",
    id,
  );
  const pendingUnassigned = () => q<{ n: number } | undefined>("SELECT n FROM pending_counts WHERE assignee_key = 0")?.n ?? 0;

  beforeEach(async () => {
    t = tempDb();
    db = t.db;
    admin = await makeUser(db, "admin", "Ada");
    agent = await makeUser(db, "agent", "Luis");
    channel = whatsappChannel(db);
    ventasTeam = Number(db.$client.prepare("INSERT INTO teams (name, is_default, created_at) VALUES ('Ventas', 0, 0)").run().lastInsertRowid);
    const ctx = { viewer: admin, now: T0 };
    flowId = createFlow(db, ctx, { name: "Bienvenida" }).id;
    saveDraft(db, ctx, flowId, sampleFlow({ ventas: ventasTeam }));
    publishFlow(db, ctx, flowId);
    assignChannelFlow(db, ctx, { channelId: channel.id, flowId, returningAfterHours: 12 });
  });
  afterEach(() => t.close());

  it("greets, offers the menu, asks the name and hands off to Ventas with the answers; never pending meanwhile", () => {
    const { chatId } = write("5511900000001", "hola", T0);
    const first = botMessages(chatId);
    expect(first.map((m) => m.body)).toEqual([expect.stringMatching(/asistente virtual/), "¿En qué te podemos ayudar?"]);
    expect(JSON.parse(first[1]!.payload)).toMatchObject({ listButton: "Ver opciones", choices: [{ id: "menu/ventas", title: "Ventas" }, { id: "menu/soporte" }, { id: "menu/persona" }] });
    expect(first.every((m) => m.status === "queued")).toBe(true);
    expect(session(chatId)).toMatchObject({ status: "active", step: "menu", version: 1 });
    expect(chat(chatId)).toMatchObject({ status: "open", awaiting: 0, teamId: null, assigneeId: null });
    expect(pendingUnassigned()).toBe(0);

    write("5511900000001", "Ventas", T0 + MIN, { choiceId: "menu/ventas" });
    expect(botMessages(chatId).at(-1)!.body).toBe("¡Genial! ¿Cuál es tu nombre?");
    expect(pendingUnassigned()).toBe(0);

    write("5511900000001", "Ana Paula", T0 + 2 * MIN);
    expect(botMessages(chatId).at(-1)!.body).toBe("¡Gracias! Te comunico con el equipo de Ventas.");
    expect(session(chatId)).toMatchObject({ status: "handed_off", reason: "handoff:step" });
    expect(chat(chatId)).toMatchObject({ status: "open", awaiting: 1, teamId: ventasTeam, assigneeId: null });
    expect(pendingUnassigned()).toBe(1);
    const note = q<{ body: string; authorKind: string }>("SELECT body, author_kind AS authorKind FROM messages WHERE chat_id = ? AND kind = 'note'", chatId);
    expect(note).toEqual({ authorKind: "bot", body: "🤖 Respuestas al bot\n• Motivo: Ventas\n• Nombre: Ana Paula" });
    expect(q<{ name: string }>("SELECT name FROM contacts c JOIN chats ch ON ch.contact_id = c.id WHERE ch.id = ?", chatId).name).toBe("Ana Paula");

    // Handed off: the bot says nothing more.
    const count = botMessages(chatId).length;
    write("5511900000001", "¿hola?", T0 + 3 * MIN);
    expect(botMessages(chatId)).toHaveLength(count);
  });

  it("its inbox row says 'with the bot' until the hand-off", () => {
    const { chatId } = write("5511900000077", "hola", T0);
    const row = () => listInbox(db, { filter: { assignee: "any" }, status: "open", pendingOnly: false, order: "asc", limit: 50, viewerId: admin.id }).find((r) => r.id === chatId);
    expect(row()).toMatchObject({ withBot: true, awaitingReply: false });
    write("5511900000077", "Ventas", T0 + MIN, { choiceId: "menu/ventas" });
    write("5511900000077", "Ana Paula", T0 + 2 * MIN);
    expect(row()).toMatchObject({ withBot: false, awaitingReply: true });
  });

  it("a typed hand-off keyword reaches a person from any step", () => {
    const { chatId } = write("5511900000002", "hola", T0);
    write("5511900000002", "2", T0 + MIN);
    expect(session(chatId)).toMatchObject({ step: "correo" });
    write("5511900000002", "prefiero hablar con un HUMANO", T0 + 2 * MIN);
    expect(session(chatId)).toMatchObject({ status: "handed_off", reason: "handoff:keyword" });
    expect(chat(chatId)).toMatchObject({ awaiting: 1, teamId: expect.any(Number) as unknown });
  });

  it("an agent taking over stops the bot at once: it says nothing more", () => {
    const { chatId } = write("5511900000003", "hola", T0);
    expect(chatBotView(db, chatId)).toEqual({ flowName: "Bienvenida", version: 1, stepId: "menu" });
    expect(chatsWithTheBot(db).map((c) => c.chatId)).toContain(chatId);
    sendMessage(db, { viewer: agent, now: T0 + MIN }, chatId, { kind: "text", body: "Hola, soy Luis, ¿en qué te ayudo?" });
    expect(session(chatId)).toMatchObject({ status: "stopped", reason: "taken_over" });
    expect(chatBotView(db, chatId)).toBeNull();
    expect(chatsWithTheBot(db).map((c) => c.chatId)).not.toContain(chatId);
    const count = botMessages(chatId).length;
    write("5511900000003", "1", T0 + 2 * MIN);
    expect(botMessages(chatId)).toHaveLength(count);
    expect(chat(chatId)).toMatchObject({ assigneeId: agent.id, awaiting: 1 });
  });

  it("no reply within the flow's time closes the chat as 'No reply'", () => {
    const { chatId } = write("5511900000004", "hola", T0);
    runLifecycleJobs(db, T0 + 29 * MIN);
    expect(session(chatId)).toMatchObject({ status: "active" });
    runLifecycleJobs(db, T0 + 31 * MIN);
    expect(session(chatId)).toMatchObject({ status: "closed", reason: "no_reply" });
    expect(chat(chatId)).toMatchObject({ status: "closed", reason: "no_reply" });
    expect(botMessages(chatId).at(-1)!.body).toMatch(/falta de respuesta/);
  });

  it("publishing a new version never changes a chat already running the old one", () => {
    const { chatId: running } = write("5511900000005", "hola", T0);
    const v2 = sampleFlow({ ventas: ventasTeam });
    const nombre = v2.steps.find((s) => s.id === "nombre") as { text: string };
    nombre.text = "¿Cómo te llamas? (v2)";
    saveDraft(db, { viewer: admin, now: T0 + MIN }, flowId, v2);
    publishFlow(db, { viewer: admin, now: T0 + MIN }, flowId);

    write("5511900000005", "1", T0 + 2 * MIN);
    expect(botMessages(running).at(-1)!.body).toBe("¡Genial! ¿Cuál es tu nombre?");
    expect(session(running)).toMatchObject({ version: 1 });

    const { chatId: fresh } = write("5511900000006", "hola", T0 + 3 * MIN);
    write("5511900000006", "1", T0 + 4 * MIN);
    expect(session(fresh)).toMatchObject({ version: 2 });
    expect(botMessages(fresh).at(-1)!.body).toBe("¿Cómo te llamas? (v2)");
  });

  it("a returning contact meets the bot again only after the channel's hours; one active chat per contact holds", () => {
    const { chatId } = write("5511900000007", "hola", T0);
    write("5511900000007", "persona", T0 + MIN);
    db.$client.prepare("UPDATE chats SET status = 'closed', closed_at = ?, updated_at = ? WHERE id = ?").run(T0 + 2 * MIN, T0 + 2 * MIN, chatId);

    const soon = write("5511900000007", "otra cosa", T0 + 3 * 60 * MIN);
    expect(soon.openedChat).toBe(true);
    expect(botMessages(soon.chatId)).toHaveLength(0);
    expect(chat(soon.chatId)).toMatchObject({ awaiting: 1 });
    db.$client.prepare("UPDATE chats SET status = 'closed', closed_at = ?, updated_at = ? WHERE id = ?").run(T0 + 4 * 60 * MIN, T0 + 4 * 60 * MIN, soon.chatId);

    const later = write("5511900000007", "volví", T0 + 17 * 60 * MIN);
    expect(botMessages(later.chatId).length).toBeGreaterThan(0);
    expect(q<{ n: number }>("SELECT count(*) AS n FROM chats WHERE contact_id = (SELECT contact_id FROM chats WHERE id = ?) AND status <> 'closed'", later.chatId).n).toBe(1);
  });

  it("a hand-off step to a person assigns the chat to them, pending, with the note", () => {
    const ctx = { viewer: admin, now: T0 };
    saveDraft(db, ctx, flowId, { start: "a", steps: [{ id: "a", kind: "handoff", text: "Luis te atiende.", agentId: agent.id }] });
    publishFlow(db, ctx, flowId);
    const { chatId } = write("5511900000008", "hola", T0 + MIN);
    expect(chat(chatId)).toMatchObject({ status: "open", awaiting: 1, assigneeId: agent.id });
    expect(botMessages(chatId).map((m) => m.body)).toEqual(["Luis te atiende."]);
    expect(q<{ n: number }>("SELECT count(*) AS n FROM messages WHERE chat_id = ? AND kind = 'note' AND author_kind = 'bot'", chatId).n).toBe(1);
  });

  it("a no-reply rule firing after the 24-hour window closes the chat without a message the provider would refuse", () => {
    const ctx = { viewer: admin, now: T0 };
    saveDraft(db, ctx, flowId, { ...sampleFlow(), noReply: { minutes: 25 * 60, action: "close", text: "¿Sigues ahí?" } });
    publishFlow(db, ctx, flowId);
    const { chatId } = write("5511900000009", "hola", T0);
    const before = botMessages(chatId).length;
    runLifecycleJobs(db, T0 + 25 * 60 * MIN + 1);
    expect(chat(chatId)).toMatchObject({ status: "closed", reason: "no_reply" });
    expect(botMessages(chatId)).toHaveLength(before);
  });

  it("the flow's own opening hours decide an hours condition without a team; a bad time zone is refused", () => {
    const ctx = { viewer: admin, now: T0 };
    const closedAllWeek = { timeZone: "America/Sao_Paulo", days: [[], [], [], [], [], [], []], holidays: [] };
    expect(() => saveDraft(db, ctx, flowId, { ...sampleFlow(), schedule: { ...closedAllWeek, timeZone: "Mars/Olympus" } })).toThrow(/time zone/);
    saveDraft(db, ctx, flowId, { ...sampleFlow(), schedule: closedAllWeek });
    publishFlow(db, ctx, flowId);
    const { chatId } = write("5511900000011", "hola", T0);
    expect(botMessages(chatId).at(-1)!.body).toMatch(/fuera de horario/);
    expect(session(chatId)).toMatchObject({ status: "handed_off" });
  });

  it("a close step closes with the reason it names (Resolved when none)", () => {
    const ctx = { viewer: admin, now: T0 };
    const spam = q<{ id: number }>("SELECT id FROM close_reasons WHERE builtin_key = 'spam'").id;
    saveDraft(db, ctx, flowId, { start: "bye", steps: [{ id: "bye", kind: "close", text: "Chau", reasonId: spam }] });
    publishFlow(db, ctx, flowId);
    const { chatId } = write("5511900000012", "hola", T0);
    expect(chat(chatId)).toMatchObject({ status: "closed", reason: "spam" });
    saveDraft(db, ctx, flowId, { start: "bye", steps: [{ id: "bye", kind: "close" }] });
    publishFlow(db, ctx, flowId);
    expect(chat(write("5511900000013", "hola", T0).chatId)).toMatchObject({ status: "closed", reason: "resolved" });
  });
});
