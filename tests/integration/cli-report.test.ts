import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { closeReasons } from "@/server/services/catalog";
import { assignChatAction, closeChatAction } from "@/server/services/chat-actions";
import { ensureSystemRows } from "@/server/services/bootstrap";
import { fillBusinessTimes } from "@/server/services/business-time";
import { setTeamHours } from "@/server/services/routing/teams";
import { ingestMessage } from "@/server/services/ingest";
import { sendMessage } from "@/server/services/send-message";
import { whatsappChannel } from "../support/channels";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

// `charla report` as a script runs it: a child process on a real DATA_DIR with two chats on 5 January 2026.
describe("charla report", () => {
  let dataDir: string;
  let teamId: number;
  const charla = (...args: string[]) => spawnSync(process.execPath, ["bin/charla.mjs", "report", ...args], { env: { ...process.env, DATA_DIR: dataDir }, encoding: "utf8" });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "charla-report-"));
    const db = openDatabase(path.join(dataDir, "charla.db"));
    ensureSystemRows(db, T0);
    const admin = await makeUser(db, "admin", "Alice Admin");
    const ana = await makeUser(db, "agent", "Ana");
    const channel = whatsappChannel(db);
    const reason = closeReasons.create(db, "Resolvido", { actorId: admin.id, now: T0 });
    // The default team opens at 12:01 UTC: the first chat's 90-second wait is 30 seconds of business time.
    teamId = db.$client.prepare("SELECT id FROM teams WHERE is_default = 1").pluck().get() as number;
    const days = [0, 1, 2, 3, 4, 5, 6].map(() => [{ start: "12:01", end: "23:00" }]);
    setTeamHours(db, teamId, { timeZone: "UTC", days, holidays: [] }, { actorId: admin.id, now: T0 });
    const first = ingestMessage(db, channel, inboundText("5511988880001", "oi", T0), T0).chatId;
    assignChatAction(db, { viewer: admin, now: T0 }, first, ana.id);
    sendMessage(db, { viewer: ana, now: T0 + 90_000 }, first, { kind: "text", body: "olá" });
    closeChatAction(db, { viewer: ana, now: T0 + 600_000 }, first, reason.id);
    ingestMessage(db, channel, inboundText("5511988880002", "oi", T0 + 3_600_000), T0 + 3_600_000);
    fillBusinessTimes(db);
    db.$client.close();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("prints the per-chat rows of the range as CSV", () => {
    const res = charla("--from", "2026-01-05", "--to", "2026-01-05");
    expect(res.status, res.stderr).toBe(0);
    const lines = res.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^chat_id,channel,agent,opened_at/);
    expect(lines[1]).toContain(",Ana,2026-01-05T12:00:00.000Z,2026-01-05T12:01:30.000Z,90,");
    expect(charla("--from", "2026-01-06", "--to", "2026-01-07").stdout.trimEnd().split("\n")).toHaveLength(1);
  });

  it("prints the figures as JSON, and refuses bad dates", () => {
    const res = charla("--from", "2026-01-05", "--to", "2026-01-05", "--format", "json");
    expect(res.status, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.headline).toEqual({ opened: 2, closed: 1, medianFirstResponseMs: 90_000, p90FirstResponseMs: 90_000, medianResponseMs: 90_000, medianResolutionMs: 600_000, csat: { responses: 0, satisfied: 0, percent: null } });
    expect(report.agents.map((a: { name: string }) => a.name)).toEqual(["Ana"]);
    const bad = charla("--from", "5/1/2026", "--to", "2026-01-05");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--from must be a date/);
  });

  it("counts inside opening hours with --business-hours, and filters by --team", () => {
    const json = (...args: string[]) => JSON.parse(charla("--from", "2026-01-05", "--to", "2026-01-05", "--format", "json", ...args).stdout);
    expect(json("--business-hours").headline.medianFirstResponseMs).toBe(30_000);
    expect(json().headline.medianFirstResponseMs).toBe(90_000);
    expect(json("--team", String(teamId)).headline.opened).toBe(2);
    expect(json("--team", String(teamId + 1000)).headline.opened).toBe(0);
  });
});
