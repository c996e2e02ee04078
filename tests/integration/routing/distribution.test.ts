import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runRoutingJobs } from "@/server/jobs/routing";
import { closeChatAction, scheduleChatAction } from "@/server/services/chat-actions";
import { ingestMessage } from "@/server/services/ingest";
import { findSystemReason } from "@/server/repositories/close-reasons";
import { acceptOffer, declineOffer } from "@/server/services/routing/offers";
import { noteSeen, setAvailability, signedOut } from "@/server/services/routing/presence";
import {
  addTeamMember,
  createTeam,
  removeTeamMember,
  setAgentCapacity,
  setChannelDefaultTeam,
  setTeamHours,
  updateTeamSettings,
} from "@/server/services/routing/teams";
import type { PublicUser } from "@/server/services/users";
import { tempDb } from "../../support/db";
import { makeChannel, makeUser, T0 } from "../../support/fixtures";
import { inboundText } from "../../support/inbound";

const SEC = 1_000;
const MIN = 60 * SEC;
type Row = Record<string, unknown>;

describe("automatic distribution", () => {
  let t: ReturnType<typeof tempDb>;
  let now: number;
  let admin: PublicUser;
  let ana: PublicUser;
  let bea: PublicUser;
  let channel: ReturnType<typeof makeChannel>;
  let ventas: number;
  let waCounter = 0;
  const actor = () => ({ actorId: admin.id, now });
  const sqlite = () => t.db.$client;
  const chatRow = (id: number) => sqlite().prepare("SELECT assignee_id AS assigneeId, team_id AS teamId, status FROM chats WHERE id = ?").get(id) as Row;
  const offersOf = (chatId: number) => sqlite().prepare("SELECT user_id AS userId, outcome FROM chat_offers WHERE chat_id = ? ORDER BY id").all(chatId) as Row[];
  const write = (body = "Oi") => {
    waCounter += 1;
    return ingestMessage(t.db, channel, inboundText(`55119000${String(waCounter).padStart(5, "0")}`, body, now), now);
  };

  beforeEach(async () => {
    t = tempDb();
    now = T0;
    admin = await makeUser(t.db, "admin", "Admin");
    ana = await makeUser(t.db, "agent", "Ana");
    bea = await makeUser(t.db, "agent", "Bea");
    channel = makeChannel(t.db);
    ventas = createTeam(t.db, { name: "Ventas", mode: "balanced", capacity: 3 }, actor()).id;
    addTeamMember(t.db, ventas, ana.id, actor());
    addTeamMember(t.db, ventas, bea.id, actor());
    setChannelDefaultTeam(t.db, channel.id, ventas, actor());
    setAvailability(t.db, ana.id, "available", now);
    setAvailability(t.db, bea.id, "available", now);
  });
  afterEach(() => t.close());

  it("manual (the default team, today's behaviour): chats wait unassigned in the team's queue", () => {
    setChannelDefaultTeam(t.db, channel.id, null, actor());
    const chat = write();
    const general = (sqlite().prepare("SELECT id FROM teams WHERE is_default = 1").get() as { id: number }).id;
    expect(chatRow(chat.chatId)).toEqual({ assigneeId: null, teamId: general, status: "open" });
  });

  it("balanced: the available agent with the fewest open chats, recorded as a system event and an audit entry naming the rule", () => {
    const first = write();
    // Nobody had a chat: ties go to whoever has been idle longest (neither ever got one), then the lower id.
    expect(chatRow(first.chatId)).toMatchObject({ assigneeId: ana.id, teamId: ventas });
    const second = write();
    expect(chatRow(second.chatId).assigneeId).toBe(bea.id);
    const third = write();
    expect(chatRow(third.chatId).assigneeId).toBe(ana.id);
    const event = sqlite().prepare("SELECT payload FROM messages WHERE chat_id = ? AND kind = 'system'").get(first.chatId) as { payload: string };
    expect(JSON.parse(event.payload)).toEqual({ type: "assigned", to: ana.id, by: null, rule: "balanced" });
    const audit = sqlite().prepare("SELECT actor_id AS actorId, details FROM audit_log WHERE action = 'chat.auto_assign' AND target_id = ?").get(String(first.chatId)) as Row;
    expect(audit.actorId).toBeNull();
    expect(JSON.parse(audit.details as string)).toMatchObject({ to: ana.id, teamId: ventas, rule: "balanced", reason: "inbound" });
  });

  it("only available agents receive chats: away, offline by choice, signed out or silent for minutes", () => {
    setAvailability(t.db, ana.id, "away", now);
    expect(chatRow(write().chatId).assigneeId).toBe(bea.id);
    expect(chatRow(write().chatId).assigneeId).toBe(bea.id);
    signedOut(t.db, bea.id, now);
    const waiting = write();
    expect(chatRow(waiting.chatId).assigneeId).toBeNull();
    // Ana comes back: the oldest waiting chat goes to her at once.
    now += MIN;
    setAvailability(t.db, ana.id, "available", now);
    expect(chatRow(waiting.chatId).assigneeId).toBe(ana.id);
    // Four minutes without a poll and she counts as offline.
    now += 4 * MIN;
    const later = write();
    expect(chatRow(later.chatId).assigneeId).toBeNull();
    // Her inbox polls again: she is back, and the waiting chat is hers.
    noteSeen(t.db, ana.id, now);
    expect(chatRow(later.chatId).assigneeId).toBe(ana.id);
  });

  it("never exceeds capacity; when room appears the oldest waiting chat goes at once; scheduled chats don't count", () => {
    updateTeamSettings(t.db, ventas, { capacity: 1 }, actor());
    const a = write();
    now += SEC;
    const b = write();
    now += SEC;
    const c = write();
    now += SEC;
    const d = write();
    expect([a, b, c, d].map((x) => chatRow(x.chatId).assigneeId)).toEqual([ana.id, bea.id, null, null]);
    // Ana closes hers: the oldest waiting (c, not d) is hers at once.
    now += MIN;
    const resolved = findSystemReason(t.db, "transferred")!;
    const reasonId = (sqlite().prepare("SELECT id FROM close_reasons WHERE system_key IS NULL LIMIT 1").get() as { id: number } | undefined)?.id ?? resolved.id;
    closeChatAction(t.db, { viewer: ana, now }, a.chatId, reasonId);
    expect(chatRow(c.chatId).assigneeId).toBe(ana.id);
    expect(chatRow(d.chatId).assigneeId).toBeNull();
    // Bea schedules hers: it stops counting until due, so d comes to her.
    scheduleChatAction(t.db, { viewer: bea, now }, b.chatId, now + 60 * MIN, null);
    expect(chatRow(d.chatId).assigneeId).toBe(bea.id);
    // Raising Ana's own capacity lets the next one in at once.
    const e = write();
    expect(chatRow(e.chatId).assigneeId).toBeNull();
    setAgentCapacity(t.db, ana.id, 2, actor());
    expect(chatRow(e.chatId).assigneeId).toBe(ana.id);
  });

  it("round robin takes turns whatever the load", () => {
    updateTeamSettings(t.db, ventas, { mode: "round_robin", capacity: 10 }, actor());
    const owners = Array.from({ length: 6 }, () => {
      now += SEC;
      return chatRow(write().chatId).assigneeId;
    });
    expect(owners).toEqual([ana.id, bea.id, ana.id, bea.id, ana.id, bea.id]);
  });

  it("offer: to the balanced choice; declined or expired it moves on, once; back to the queue when everyone let it pass", () => {
    updateTeamSettings(t.db, ventas, { mode: "offer", offerSeconds: 30 }, actor());
    const chat = write();
    expect(chatRow(chat.chatId).assigneeId).toBeNull();
    expect(offersOf(chat.chatId)).toEqual([{ userId: ana.id, outcome: "pending" }]);
    // The offer counts against Ana's room: the next chat is offered to Bea.
    const other = write();
    expect(offersOf(other.chatId)).toEqual([{ userId: bea.id, outcome: "pending" }]);
    expect(() => acceptOffer(t.db, bea, chat.chatId, now)).toThrow(/offered to someone else/);

    declineOffer(t.db, ana, chat.chatId, now);
    // Bea already holds an offer but has room: she is next for this one too.
    expect(offersOf(chat.chatId)).toEqual([
      { userId: ana.id, outcome: "declined" },
      { userId: bea.id, outcome: "pending" },
    ]);
    now += 29 * SEC;
    expect(runRoutingJobs(t.db, now).expired).toBe(0);
    now += SEC;
    expect(runRoutingJobs(t.db, now)).toMatchObject({ expired: 2 });
    // A second run (another process, a restart) finds nothing left to expire.
    expect(runRoutingJobs(t.db, now).expired).toBe(0);
    // Everyone let the first chat pass: it waits in the queue with no offer. The other went on to Ana.
    expect(offersOf(chat.chatId).map((o) => o.outcome)).toEqual(["declined", "expired"]);
    expect(chatRow(chat.chatId).assigneeId).toBeNull();
    expect(offersOf(other.chatId)).toEqual([
      { userId: bea.id, outcome: "expired" },
      { userId: ana.id, outcome: "pending" },
    ]);
    const accepted = acceptOffer(t.db, ana, other.chatId, now);
    expect(accepted.assigneeId).toBe(ana.id);
    expect(offersOf(other.chatId).at(-1)).toEqual({ userId: ana.id, outcome: "accepted" });
    const expiredAudits = sqlite().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'chat.offer_expired'").get() as { n: number };
    expect(expiredAudits.n).toBe(2);
  });

  it("an agent who goes away hands back what is offered to them, at once", () => {
    updateTeamSettings(t.db, ventas, { mode: "offer", offerSeconds: 600 }, actor());
    const chat = write();
    expect(offersOf(chat.chatId)).toEqual([{ userId: ana.id, outcome: "pending" }]);
    setAvailability(t.db, ana.id, "away", now);
    expect(offersOf(chat.chatId)).toEqual([
      { userId: ana.id, outcome: "withdrawn" },
      { userId: bea.id, outcome: "pending" },
    ]);
    // Bea stops polling: the job withdraws it after the presence timeout, and nobody is left.
    now += 4 * MIN;
    expect(runRoutingJobs(t.db, now).withdrawn).toBe(1);
    expect(offersOf(chat.chatId).map((o) => o.outcome)).toEqual(["withdrawn", "withdrawn"]);
  });

  it("outside opening hours nothing is assigned, the away message goes once a day, and opening distributes the queue", () => {
    // Open 09:00–18:00 UTC on weekdays; T0 is Monday 12:00 UTC.
    const nine = [{ start: "09:00", end: "18:00" }];
    setTeamHours(t.db, ventas, { timeZone: "UTC", days: [nine, nine, nine, nine, nine, [], []], holidays: [] }, actor());
    updateTeamSettings(t.db, ventas, { awayMessage: "Abrimos às 9h.", greeting: "Olá! Já vamos te atender." }, actor());
    now = Date.UTC(2026, 0, 5, 20, 0); // Monday 20:00
    setAvailability(t.db, ana.id, "available", now);
    setAvailability(t.db, bea.id, "available", now);
    const night = write("Oi, alguém?");
    expect(chatRow(night.chatId).assigneeId).toBeNull();
    const bots = () => sqlite().prepare("SELECT body, status FROM messages WHERE chat_id = ? AND author_kind = 'bot' ORDER BY id").all(night.chatId) as Row[];
    expect(bots()).toEqual([
      { body: "Olá! Já vamos te atender.", status: "queued" },
      { body: "Abrimos às 9h.", status: "queued" },
    ]);
    // The same contact writes again at night: no second away message within 24 h, and no second greeting.
    now += 2 * 60 * MIN;
    ingestMessage(t.db, channel, inboundText("5511900000001", "Oi?", now), now);
    expect(bots()).toHaveLength(2);
    // Still pending: an automatic message is no answer.
    expect((sqlite().prepare("SELECT awaiting_reply AS a FROM chats WHERE id = ?").get(night.chatId) as Row).a).toBe(1);
    // Tuesday 09:00: the job opens the queue.
    now = Date.UTC(2026, 0, 6, 9, 0);
    setAvailability(t.db, ana.id, "available", now);
    setAvailability(t.db, bea.id, "available", now);
    expect(chatRow(night.chatId).assigneeId).toBe(ana.id);
  });

  it("a chat waiting overnight is placed by the job when the hours open (no one acting)", () => {
    const nine = [{ start: "09:00", end: "18:00" }];
    setTeamHours(t.db, ventas, { timeZone: "UTC", days: [nine, nine, nine, nine, nine, [], []], holidays: [] }, actor());
    now = Date.UTC(2026, 0, 6, 8, 59);
    setAvailability(t.db, ana.id, "available", now);
    const early = write();
    expect(chatRow(early.chatId).assigneeId).toBeNull();
    now += MIN;
    noteSeen(t.db, ana.id, now);
    expect(runRoutingJobs(t.db, now).placed).toBe(1);
    expect(chatRow(early.chatId).assigneeId).toBe(ana.id);
  });

  it("bad settings are refused, translated, and change nothing", () => {
    const before = sqlite().prepare("SELECT * FROM teams ORDER BY id").all();
    const key = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as { text?: { key: string } }).text?.key;
      }
      return "accepted";
    };
    expect(key(() => updateTeamSettings(t.db, ventas, { capacity: 0 }, actor()))).toBe("error.routing.capacity");
    expect(key(() => updateTeamSettings(t.db, ventas, { capacity: 10_000 }, actor()))).toBe("error.routing.capacity");
    expect(key(() => setAgentCapacity(t.db, ana.id, 0, actor()))).toBe("error.routing.capacity");
    const overlap = [{ start: "09:00", end: "13:00" }, { start: "12:00", end: "18:00" }];
    expect(key(() => setTeamHours(t.db, ventas, { timeZone: "UTC", days: [overlap, [], [], [], [], [], []], holidays: [] }, actor()))).toBe("error.hours.overlap");
    expect(key(() => setTeamHours(t.db, ventas, { timeZone: "Nowhere/City", days: [[], [], [], [], [], [], []], holidays: [] }, actor()))).toBe("error.hours.timeZone");
    const empty = createTeam(t.db, { name: "Soporte" }, actor()).id;
    const afterCreate = sqlite().prepare("SELECT * FROM teams ORDER BY id").all();
    expect(key(() => setChannelDefaultTeam(t.db, channel.id, empty, actor()))).toBe("error.team.noAgents");
    expect(key(() => createTeam(t.db, { name: "ventas" }, actor()))).toBe("error.team.nameTaken");
    expect(key(() => removeTeamMember(t.db, ventas, ana.id, actor()))).toBe("accepted");
    expect(key(() => removeTeamMember(t.db, ventas, bea.id, actor()))).toBe("error.team.lastMember");
    expect(sqlite().prepare("SELECT * FROM teams ORDER BY id").all()).toEqual(afterCreate);
    expect(afterCreate.slice(0, before.length)).toEqual(before);
    expect((sqlite().prepare("SELECT team_id AS t FROM channels WHERE id = ?").get(channel.id) as Row).t).toBe(ventas);
    expect((sqlite().prepare("SELECT capacity AS c FROM users WHERE id = ?").get(ana.id) as Row).c).toBeNull();
  });
});
