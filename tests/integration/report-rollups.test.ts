import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { BIN_RELATIVE_ERROR } from "@/server/domain/report-rollup";
import { closeReasons } from "@/server/services/catalog";
import { assignChatAction, closeChatAction } from "@/server/services/chat-actions";
import { ingestMessage } from "@/server/services/ingest";
import { buildReport, type Report, type ReportQuery } from "@/server/services/reports";
import { sendMessage } from "@/server/services/send-message";
import type { PublicUser } from "@/server/services/users";
import { whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser } from "../support/fixtures";
import { inboundText } from "../support/inbound";

// The reports read from the rollups (report_rollup) what reading every chat gives: the same counts per day,
// hour and weekday in any time zone (half-hour and 45-minute offsets, a change of offset inside the range),
// and medians within the bins' stated error; business time too.

const MIN = 60_000;
const ZONES = ["UTC", "America/Sao_Paulo", "Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns", "Europe/London"];
const RANGES: ReportQuery[] = [
  { range: "custom", from: "2026-01-03", to: "2026-01-12" },
  { range: "custom", from: "2026-01-05", to: "2026-01-06" },
  { range: "custom", from: "2026-03-06", to: "2026-03-10" },
  { range: "custom", from: "2026-03-27", to: "2026-03-31" },
  // Whole UTC months (January, February, March) and days around them.
  { range: "custom", from: "2025-12-30", to: "2026-04-01" },
];

describe("reports from the rollups", () => {
  let t: ReturnType<typeof tempDb>;
  let db: Db;
  let admin: PublicUser;
  let ana: PublicUser;
  let luis: PublicUser;

  // A few hundred chats at scattered minutes (many near some zone's midnight), answered after seconds to
  // hours or not at all, some waiting twice, transferred, closed with one of two reasons, rated.
  beforeAll(async () => {
    t = tempDb();
    db = t.db;
    admin = await makeUser(db, "admin", "Alice Admin");
    ana = await makeUser(db, "agent", "Ana");
    luis = await makeUser(db, "agent", "Luis");
    const channel = whatsappChannel(db);
    const reasons = [closeReasons.create(db, "Resolvido", { actorId: admin.id, now: Date.UTC(2026, 0, 1) }).id, closeReasons.create(db, "Spam", { actorId: admin.id, now: Date.UTC(2026, 0, 1) }).id];
    let seed = 15;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const starts = [Date.UTC(2026, 0, 2, 12), Date.UTC(2026, 2, 5, 12), Date.UTC(2026, 2, 26, 12)];
    let phone = 0;
    for (const start of starts) {
      for (let at = start; at < start + 6 * 86_400_000; at += (20 + rand(200)) * MIN + rand(60_000)) {
        const number = `55119555${String(phone++).padStart(5, "0")}`;
        const chatId = ingestMessage(db, channel, inboundText(number, "oi", at), at).chatId;
        const agent = [ana, luis, null][rand(3)];
        if (!agent) continue;
        assignChatAction(db, { viewer: admin, now: at + 1000 }, chatId, agent.id);
        let now = at + [500, 5_000, 2 * MIN, 40 * MIN, 5 * 3_600_000][rand(5)]! + rand(30_000);
        sendMessage(db, { viewer: agent, now }, chatId, { kind: "text", body: "olá" });
        if (rand(2)) {
          now += rand(90) * MIN;
          ingestMessage(db, channel, inboundText(number, "e então?", now), now);
          now += rand(50) * MIN + rand(60_000);
          sendMessage(db, { viewer: agent, now }, chatId, { kind: "text", body: "pronto" });
        }
        now += rand(300) * MIN;
        const choice = rand(4);
        if (choice === 0) assignChatAction(db, { viewer: admin, now }, chatId, (agent.id === ana.id ? luis : ana).id);
        else if (choice < 3) closeChatAction(db, { viewer: agent, now }, chatId, reasons[choice - 1]!);
      }
    }
    // Ratings and business-time figures as the survey and the business-time job write them.
    db.$client.exec(`
      UPDATE chat_metrics SET csat_rating = 1 + chat_id % 5 WHERE closed_at IS NOT NULL AND chat_id % 3 = 0;
      UPDATE chat_metrics SET first_response_bms = first_response_ms / (1 + chat_id % 4), resolution_bms = resolution_ms / (1 + chat_id % 3);
      UPDATE response_waits SET wait_bms = wait_ms / (1 + id % 5);`);
  });
  afterAll(() => t.close());

  const near = (rolled: number | null, exact: number | null) =>
    rolled === exact || (rolled !== null && exact !== null && Math.abs(rolled - exact) <= Math.max(500, exact * BIN_RELATIVE_ERROR + 1));

  function expectSameFigures(rolled: Report, exact: Report) {
    const { medianFirstResponseMs, p90FirstResponseMs, medianResponseMs, medianResolutionMs, ...counts } = rolled.headline;
    const { medianFirstResponseMs: fr, p90FirstResponseMs: p90, medianResponseMs: resp, medianResolutionMs: res, ...exactCounts } = exact.headline;
    expect(counts).toEqual(exactCounts);
    expect([near(medianFirstResponseMs, fr), near(p90FirstResponseMs, p90), near(medianResponseMs, resp), near(medianResolutionMs, res)]).toEqual([true, true, true, true]);
    expect(rolled.days.map((d) => [d.day, d.opened])).toEqual(exact.days.map((d) => [d.day, d.opened]));
    expect(rolled.days.every((d, i) => near(d.medianFirstResponseMs, exact.days[i]!.medianFirstResponseMs))).toBe(true);
    expect(rolled.heatmap).toEqual(exact.heatmap);
    expect(new Set(rolled.closeReasons.map((r) => `${r.reason?.id}:${r.count}`))).toEqual(new Set(exact.closeReasons.map((r) => `${r.reason?.id}:${r.count}`)));
    expect(rolled.agents.map(({ medianFirstResponseMs: _fr, medianResolutionMs: _res, ...rest }) => rest)).toEqual(exact.agents.map(({ medianFirstResponseMs: _fr, medianResolutionMs: _res, ...rest }) => rest));
    rolled.agents.forEach((a, i) => expect([near(a.medianFirstResponseMs, exact.agents[i]!.medianFirstResponseMs), near(a.medianResolutionMs, exact.agents[i]!.medianResolutionMs)]).toEqual([true, true]));
  }

  it("the history is the kind the reports are for", () => {
    const n = db.$client.prepare("SELECT count(*) AS chats, count(first_response_ms) AS answered, count(closed_at) AS closed, count(csat_rating) AS rated FROM chat_metrics").get() as Record<string, number>;
    expect(n.chats).toBeGreaterThan(150);
    expect(n.answered).toBeGreaterThan(80);
    expect(n.closed).toBeGreaterThan(60);
    expect(n.rated).toBeGreaterThan(10);
  });

  it("in any time zone, for everyone and for one agent, clock and business time, they equal reading every chat", () => {
    let compared = 0;
    for (const timeZone of ZONES) {
      for (const q of RANGES) {
        for (const viewer of [
          { id: admin.id, role: "admin" as const, timeZone },
          { id: ana.id, role: "agent" as const, timeZone },
        ]) {
          for (const business of [false, true]) {
            const query = { ...q, business };
            const exact = buildReport(db, viewer, query, Date.UTC(2026, 3, 1), { exactUpTo: Infinity });
            const rolled = buildReport(db, viewer, query, Date.UTC(2026, 3, 1), { exactUpTo: 0 });
            expect(exact.headline.opened).toBeGreaterThan(0);
            expectSameFigures(rolled, exact);
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(ZONES.length * RANGES.length * 4);
  });

  it("a range of a few hours inside one UTC day reads the chats themselves at its edges", () => {
    const viewer = { id: admin.id, role: "admin" as const, timeZone: "Pacific/Kiritimati" };
    const q: ReportQuery = { range: "custom", from: "2026-01-06", to: "2026-01-06" };
    expectSameFigures(buildReport(db, viewer, q, Date.UTC(2026, 3, 1), { exactUpTo: 0 }), buildReport(db, viewer, q, Date.UTC(2026, 3, 1), { exactUpTo: Infinity }));
  });
});
