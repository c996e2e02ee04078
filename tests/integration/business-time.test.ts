import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { ChannelRow } from "@/server/repositories/channels";
import { fillBusinessTimes } from "@/server/services/business-time";
import { closeReasons } from "@/server/services/catalog";
import { closeChatAction } from "@/server/services/chat-actions";
import { ingestMessage } from "@/server/services/ingest";
import { buildReport } from "@/server/services/reports";
import { setTeamHours } from "@/server/services/routing/teams";
import { sendMessage } from "@/server/services/send-message";
import type { PublicUser } from "@/server/services/users";
import { whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

// Issue 15: response and resolution times "in business time as well as wall-clock time where business hours
// exist". A customer who writes at 17:50 on a Friday and is answered at 09:10 on Monday (open 09:00–18:00 on
// weekdays) waited 63 h 20 min on the clock and 20 minutes of business time.

const MIN = 60_000;
const FRIDAY_1750 = Date.UTC(2026, 0, 9, 17, 50);
const SUNDAY_1200 = Date.UTC(2026, 0, 11, 12, 0);
const MONDAY_0910 = Date.UTC(2026, 0, 12, 9, 10);
const MONDAY_0930 = Date.UTC(2026, 0, 12, 9, 30);
const weekdays = { timeZone: "UTC", days: [0, 1, 2, 3, 4, 5, 6].map((d) => (d < 5 ? [{ start: "09:00", end: "18:00" }] : [])), holidays: [] };

describe("metrics in business time", () => {
  let t: ReturnType<typeof tempDb>;
  let db: Db;
  let admin: PublicUser;
  let ana: PublicUser;
  let channel: ChannelRow;
  let reasonId: number;
  let defaultTeam: number;

  beforeEach(async () => {
    t = tempDb();
    db = t.db;
    admin = await makeUser(db, "admin", "Alice Admin");
    ana = await makeUser(db, "agent", "Ana");
    channel = whatsappChannel(db);
    reasonId = closeReasons.create(db, "Resuelto", { actorId: admin.id, now: T0 }).id;
    defaultTeam = db.$client.prepare("SELECT id FROM teams WHERE is_default = 1").pluck().get() as number;
  });
  afterEach(() => t.close());

  const metrics = (chatId: number) =>
    db.$client.prepare("SELECT first_response_ms AS fr, first_response_bms AS frb, resolution_ms AS res, resolution_bms AS resb FROM chat_metrics WHERE chat_id = ?").get(chatId) as Record<string, number | null>;
  const waits = (chatId: number) => db.$client.prepare("SELECT wait_ms AS ms, wait_bms AS bms FROM response_waits WHERE chat_id = ?").all(chatId);

  function weekendChat(): number {
    const { chatId } = ingestMessage(db, channel, inboundText("5491155550001", "¿Abren el sábado?", FRIDAY_1750), FRIDAY_1750);
    // A second message on Sunday keeps WhatsApp's 24-hour window open until Monday; the wait still counts from Friday.
    ingestMessage(db, channel, inboundText("5491155550001", "¿Hola?", SUNDAY_1200), SUNDAY_1200);
    sendMessage(db, { viewer: ana, now: MONDAY_0910 }, chatId, { kind: "text", body: "Buen día, no abrimos sábados." });
    closeChatAction(db, { viewer: ana, now: MONDAY_0930 }, chatId, reasonId);
    return chatId;
  }

  it("the job counts each span inside the chat's team hours, once, and the report can show either", () => {
    setTeamHours(db, defaultTeam, weekdays, { actorId: admin.id, now: T0 });
    const chatId = weekendChat();
    expect(metrics(chatId)).toEqual({ fr: MONDAY_0910 - FRIDAY_1750, frb: null, res: MONDAY_0930 - FRIDAY_1750, resb: null });

    expect(fillBusinessTimes(db)).toBeGreaterThan(0);
    expect(metrics(chatId)).toMatchObject({ frb: 20 * MIN, resb: 40 * MIN });
    expect(waits(chatId)).toEqual([{ ms: MONDAY_0910 - FRIDAY_1750, bms: 20 * MIN }]);
    expect(fillBusinessTimes(db)).toBe(0); // nothing left: the partial indexes are empty

    const viewer = { id: admin.id, role: "admin" as const, timeZone: "UTC" };
    const range = { range: "custom" as const, from: "2026-01-09", to: "2026-01-12" };
    const wall = buildReport(db, viewer, range, MONDAY_0930 + MIN).headline;
    const business = buildReport(db, viewer, { ...range, business: true }, MONDAY_0930 + MIN).headline;
    expect([wall.medianFirstResponseMs, wall.medianResponseMs, wall.medianResolutionMs]).toEqual([MONDAY_0910 - FRIDAY_1750, MONDAY_0910 - FRIDAY_1750, MONDAY_0930 - FRIDAY_1750]);
    expect([business.medianFirstResponseMs, business.medianResponseMs, business.medianResolutionMs]).toEqual([20 * MIN, 20 * MIN, 40 * MIN]);
  });

  it("a team without hours is always open: business time equals clock time", () => {
    const chatId = weekendChat();
    fillBusinessTimes(db);
    const m = metrics(chatId);
    expect([m.frb, m.resb]).toEqual([m.fr, m.res]);
  });
});
