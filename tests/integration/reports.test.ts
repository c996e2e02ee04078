import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setDb, type Db } from "@/db/client";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { closeReasons } from "@/server/services/catalog";
import { assignChatAction, closeChatAction } from "@/server/services/chat-actions";
import { ingestMessage } from "@/server/services/ingest";
import { sendMessage } from "@/server/services/send-message";
import type { PublicUser } from "@/server/services/users";
import { whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

const session = vi.hoisted(() => ({ user: null as PublicUser | null }));
vi.mock("@/server/auth/session", () => ({ currentUser: async () => session.user }));

const MIN = 60_000;
const NOW = T0 + 6 * 3_600_000;
const DAY = { range: "custom" as const, from: "2026-01-05", to: "2026-01-05" };

describe("reports", () => {
  let t: ReturnType<typeof tempDb>;
  let db: Db;
  let admin: PublicUser;
  let ana: PublicUser;
  let luis: PublicUser;
  let channelId: number;
  let reasonId: number;
  const api = (user: PublicUser) => createCaller(createContext(user, db, () => NOW));

  // Three chats on Monday 5 January 2026 (UTC): Ana's answered in 2 min and closed after 10; Luis's
  // answered in 6 min, then a second wait of 2 min, still open; one nobody answered yet.
  beforeAll(async () => {
    t = tempDb();
    db = t.db;
    admin = await makeUser(db, "admin", "Alice Admin");
    ana = await makeUser(db, "agent", "Ana");
    luis = await makeUser(db, "agent", "Luis");
    const channel = whatsappChannel(db);
    channelId = channel.id;
    reasonId = closeReasons.create(db, "Resolvido", { actorId: admin.id, now: T0 }).id;
    const at = (ms: number) => ({ viewer: admin, now: ms });
    const c1 = ingestMessage(db, channel, inboundText("5511977770001", "oi", T0), T0).chatId;
    assignChatAction(db, at(T0), c1, ana.id);
    sendMessage(db, { viewer: ana, now: T0 + 2 * MIN }, c1, { kind: "text", body: "olá" });
    closeChatAction(db, { viewer: ana, now: T0 + 10 * MIN }, c1, reasonId);
    const h1 = T0 + 60 * MIN;
    const c2 = ingestMessage(db, channel, inboundText("5511977770002", "oi", h1), h1).chatId;
    assignChatAction(db, at(h1), c2, luis.id);
    sendMessage(db, { viewer: luis, now: h1 + 6 * MIN }, c2, { kind: "text", body: "olá" });
    ingestMessage(db, channel, inboundText("5511977770002", "e agora?", h1 + 10 * MIN), h1 + 10 * MIN);
    sendMessage(db, { viewer: luis, now: h1 + 12 * MIN }, c2, { kind: "text", body: "pronto" });
    const h2 = T0 + 120 * MIN;
    ingestMessage(db, channel, inboundText("5511977770003", "alguém?", h2), h2);
  });
  afterAll(() => t.close());

  it("an administrator sees the whole team's figures for the day", async () => {
    const r = await api(admin).reports.get(DAY);
    expect(r.headline).toEqual({
      opened: 3,
      closed: 1,
      medianFirstResponseMs: 2 * MIN,
      p90FirstResponseMs: 6 * MIN,
      medianResponseMs: 2 * MIN,
      medianResolutionMs: 10 * MIN,
      csat: { responses: 0, satisfied: 0, percent: null },
    });
    expect(r.days).toEqual([{ day: "2026-01-05", opened: 3, medianFirstResponseMs: 2 * MIN }]);
    expect(r.heatmap[1]!.slice(12, 15)).toEqual([1, 1, 1]);
    expect(r.heatmap.flat().reduce((a, b) => a + b)).toBe(3);
    expect(r.agents.map((a) => [a.name, a.handled, a.medianFirstResponseMs, a.medianResolutionMs, a.load])).toEqual([
      ["Ana", 1, 2 * MIN, 10 * MIN, 0],
      ["Luis", 1, 6 * MIN, null, 1],
    ]);
    expect(r.closeReasons).toEqual([{ reason: expect.objectContaining({ id: reasonId, label: "Resolvido" }), count: 1 }]);
  });

  it("filters by agent, channel and close reason change the figures", async () => {
    const luiss = await api(admin).reports.get({ ...DAY, agentId: luis.id });
    expect(luiss.headline).toMatchObject({ opened: 1, closed: 0, medianFirstResponseMs: 6 * MIN, medianResponseMs: 2 * MIN });
    const otherChannel = await api(admin).reports.get({ ...DAY, channelId: channelId + 1 });
    expect(otherChannel.headline.opened).toBe(0);
    const resolved = await api(admin).reports.get({ ...DAY, closeReasonId: reasonId });
    expect(resolved.headline).toMatchObject({ opened: 1, closed: 1, medianFirstResponseMs: 2 * MIN });
    const yesterday = await api(admin).reports.get({ range: "custom", from: "2026-01-04", to: "2026-01-04" });
    expect(yesterday.headline.opened).toBe(0);
  });

  it("an agent sees only their own figures and is refused a colleague's", async () => {
    const own = await api(luis).reports.get(DAY);
    expect(own.agentId).toBe(luis.id);
    expect(own.headline).toMatchObject({ opened: 1, medianFirstResponseMs: 6 * MIN });
    expect(own.agents.map((a) => a.name)).toEqual(["Luis"]);
    expect(own.options.agents).toEqual([{ id: luis.id, name: "Luis" }]);
    await expect(api(luis).reports.get({ ...DAY, agentId: ana.id })).rejects.toSatisfy((e) => e instanceof TRPCError && e.code === "FORBIDDEN");
  });

  it("the CSV export streams one line per chat under the same scope", async () => {
    const { GET } = await import("@/app/(app)/reports/export/route");
    setDb(db);
    vi.useFakeTimers({ toFake: ["Date"], now: NOW });
    try {
      session.user = admin;
      const res = await GET(new Request("http://charla.test/reports/export?range=custom&from=2026-01-05&to=2026-01-05"));
      expect(res.headers.get("content-type")).toContain("text/csv");
      const lines = (await res.text()).trimEnd().split("\r\n");
      expect(lines[0]).toMatch(/^chat_id,channel,agent,opened_at,first_reply_at,first_response_s,/);
      expect(lines).toHaveLength(4);
      expect(lines[1]).toContain(",Ana,2026-01-05T12:00:00.000Z,2026-01-05T12:02:00.000Z,120,1,120,1,1,0,0,2026-01-05T12:10:00.000Z,Ana,Resolvido,600");

      session.user = luis;
      const mine = (await (await GET(new Request("http://charla.test/reports/export?range=custom&from=2026-01-05&to=2026-01-05"))).text()).trimEnd().split("\r\n");
      expect(mine).toHaveLength(2);
      expect(mine[1]).toContain(",Luis,");
      expect((await GET(new Request(`http://charla.test/reports/export?range=custom&from=2026-01-05&to=2026-01-05&agent=${ana.id}`))).status).toBe(403);
      session.user = null;
      expect((await GET(new Request("http://charla.test/reports/export"))).status).toBe(401);
    } finally {
      vi.useRealTimers();
      setDb(undefined);
    }
  });
});
