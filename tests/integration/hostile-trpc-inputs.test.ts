import fs from "node:fs";
import fc from "fast-check";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setDb } from "@/db/client";
import { appRouter, createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { nastyValue, RUNS } from "../support/hostile";
import { buildWorld, copyWorld, WORLD_NOW, type World } from "../support/world";

// Every procedure that takes input gets arbitrary values and near-valid objects (a real input with
// fields replaced by nasty values, dropped, or joined by unknown ones), called as an administrator so
// no role check stops them early. Each run sits in a transaction rolled back afterwards, so runs stay
// independent. Never INTERNAL_SERVER_ERROR; garbage is BAD_REQUEST; a refused call leaves every row as it was.

const samples: Record<string, (w: World) => Record<string, unknown>> = {
  "me.updateProfile": () => ({ locale: "en", timeZone: "America/Sao_Paulo" }),
  "me.changePassword": () => ({ current: "password-123", next: "password-456" }),
  "users.create": () => ({ email: "x.person@example.com", name: "X Person", role: "agent", password: "password-456" }),
  "users.update": (w) => ({ id: w.teammate.id, active: false, name: "Carla T." }),
  "users.setPassword": (w) => ({ id: w.teammate.id, password: "password-789" }),
  "settings.update": () => ({ key: "inactivityMinutes", value: 60 }),
  "bot.get": (w) => ({ id: w.botFlowId }),
  "bot.create": () => ({ name: "Ventas", sample: true }),
  "bot.save": (w) => ({ id: w.botFlowId, name: "Otro", draft: { start: "a", steps: [{ id: "a", kind: "menu", text: "¿Qué?", options: [{ id: "x", title: "X", next: "b" }] }, { id: "b", kind: "close" }] } }),
  "bot.import": (w) => ({ id: w.botFlowId, json: JSON.stringify({ start: "a", steps: [{ id: "a", kind: "handoff", teamId: 1 }] }) }),
  "bot.publish": (w) => ({ id: w.botFlowId }),
  "bot.delete": (w) => ({ id: w.botFlowId }),
  "bot.assign": (w) => ({ channelId: w.channelId, flowId: w.botFlowId, returningAfterHours: 24 }),
  "bot.try": (w) => ({ id: w.botFlowId, said: [{ text: "hola" }, { text: "x", choiceId: "menu/ventas" }], channelType: "instagram" }),
  "csat.update": (w) => ({ channelId: w.channelId, enabled: true, intervalDays: 7, templateName: null, language: "pt" }),
  "inbox.poll": () => ({ version: "1.2" }),
  "inbox.list": () => ({ section: "all", status: "open", pendingOnly: true, order: "asc", cursor: null, limit: 20 }),
  "inbox.search": () => ({ text: "pedido" }),
  "chats.get": (w) => ({ chatId: w.chatId, after: 0 }),
  "chats.contact": (w) => ({ contactId: w.contactId }),
  "chats.close": (w) => ({ chatId: w.chatId, reasonId: w.closeReasonId }),
  "chats.schedule": (w) => ({ chatId: w.chatId, at: WORLD_NOW + 3_600_000, note: "x" }),
  "chats.cancelSchedule": (w) => ({ chatId: w.scheduledChatId }),
  "chats.acknowledgeReminder": (w) => ({ chatId: w.reminderChatId }),
  "chats.assign": (w) => ({ chatId: w.chatId, userId: w.agent.id, expectedAssigneeId: w.teammate.id }),
  "chats.send": (w) => ({ chatId: w.chatId, replyToMessageId: w.messageId, content: { kind: "location", latitude: -23.5, longitude: -46.6, name: "Loja", address: null } }),
  "chats.retry": (w) => ({ messageId: w.failedMessageId }),
  "chats.deleteMessage": (w) => ({ messageId: w.messageId }),
  "chats.delete": (w) => ({ chatId: w.chatId }),
  "closeReasons.create": () => ({ label: "Vendido" }),
  "closeReasons.update": (w) => ({ id: w.closeReasonId, label: "Feito", active: false }),
  "closeReasons.delete": (w) => ({ id: w.closeReasonId }),
  "quickReplies.create": () => ({ shortcut: "tchau", body: "Até logo!" }),
  "quickReplies.delete": (w) => ({ id: w.quickReplyId }),
  "templates.list": (w) => ({ channelId: w.channelId }),
  "templates.create": (w) => ({ channelId: w.channelId, name: "boas_vindas", language: "pt_BR", body: "Bem-vindo {{1}}" }),
  "templates.delete": (w) => ({ id: w.templateId }),
  "audit.list": (w) => ({ actor: w.agent.id, action: "chat.transfer", from: 0, to: WORLD_NOW, before: { at: WORLD_NOW, id: 100 }, limit: 10 }),
  "me.setTimeZone": () => ({ timeZone: "America/Argentina/Buenos_Aires" }),
  "inbox.delta": (w) => ({ since: 1, locale: "es", list: { section: "all", status: "open", pendingOnly: true, order: "desc", cursor: null, full: true }, chat: { id: w.chatId, windowOpen: true }, counts: "all:1|1|0" }),
  "chats.assignToMe": (w) => ({ chatId: w.chatId, expectedAssigneeId: w.teammate.id }),
  "chats.addNote": (w) => ({ chatId: w.chatId, body: "@Carla olha isto" }),
  "chats.opened": (w) => ({ chatId: w.chatId }),
  "contacts.update": (w) => ({ contactId: w.contactId, name: "Ana B.", email: "ana@example.com", phone: "+55 11 99999-0000", notes: "prefere WhatsApp" }),
  "quickReplies.update": (w) => ({ id: w.quickReplyId, shortcut: "oi", body: "Olá {{nome}}!" }),
  "quickReplies.send": (w) => ({ chatId: w.chatId, quickReplyId: w.quickReplyId }),
  "routing.setAvailability": () => ({ availability: "away" }),
  "routing.acceptOffer": (w) => ({ chatId: w.offerChatId }),
  "routing.declineOffer": (w) => ({ chatId: w.offerChatId }),
  "routing.assignToTeam": (w) => ({ chatId: w.chatId, teamId: w.spareTeamId }),
  "routing.createTeam": () => ({ name: "Ventas", mode: "offer", capacity: 4, offerSeconds: 45, awayMessage: "Volvemos a las 9.", greeting: null }),
  "routing.updateTeam": (w) => ({ id: w.teamId, name: "Geral", mode: "balanced", capacity: 3, offerSeconds: 30, awayMessage: "Fechado", greeting: "Oi!" }),
  "routing.setHours": (w) => ({ teamId: w.teamId, schedule: { timeZone: "America/Sao_Paulo", days: [[{ start: "09:00", end: "12:00" }, { start: "13:00", end: "18:00" }], [], [], [], [], [], []], holidays: ["2026-12-25"] } }),
  "routing.addMember": (w) => ({ teamId: w.spareTeamId, userId: w.agent.id }),
  "routing.removeMember": (w) => ({ teamId: w.teamId, userId: w.agent.id }),
  "routing.deleteTeam": (w) => ({ teamId: w.spareTeamId }),
  "routing.makeDefault": (w) => ({ teamId: w.spareTeamId }),
  "routing.setChannelTeam": (w) => ({ channelId: w.channelId, teamId: w.spareTeamId }),
  "routing.setCapacity": (w) => ({ userId: w.teammate.id, capacity: 3 }),
  "reports.get": (w) => ({ range: "custom", from: "2026-01-01", to: "2026-01-31", channelId: w.channelId, agentId: w.agent.id, closeReasonId: w.closeReasonId }),
};

/** Hashing a password costs ~80 ms; these get fewer runs so the suite stays quick. */
const HASHING = new Set(["users.create", "users.setPassword", "me.changePassword"]);
const runsFor = (name: string) => (HASHING.has(name) ? Math.min(RUNS, 60) : RUNS);
/** Their runs hash two passwords each: on two busy cores that passed 20 s (a timeout, not a finding). */
const timeoutFor = (name: string) => (HASHING.has(name) ? 90_000 : undefined);

/** A real input with each field kept, replaced by a nasty value, or dropped; sometimes an unknown key. */
function nearValid(sample: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(
    Object.entries(sample).map(([k, v]) => [k, fc.oneof({ arbitrary: fc.constant(v), weight: 2 }, nastyValue, fc.constant(undefined))]),
  );
  return fc.tuple(fc.record(fields), fc.option(fc.tuple(fc.string({ maxLength: 12 }), nastyValue))).map(([record, extra]) => {
    const out = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
    if (extra) out[extra[0]] = extra[1];
    return out;
  });
}

const TABLES = ["users", "channels", "contacts", "contact_identities", "chats", "messages", "attachments", "close_reasons", "quick_replies", "templates", "settings", "audit_log", "csat_settings", "bot_flows", "bot_flow_versions", "bot_channel_flows", "contact_fields", "teams", "team_members", "chat_offers"];

let template: { dir: string; world: World };
const withInput = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>)
  .filter(([, p]) => p._def.inputs.length > 0)
  .map(([name]) => name);
const totals = { arbitrary: 0, nearValid: 0 };

beforeAll(async () => {
  template = await buildWorld();
}, 60_000);
afterAll(() => {
  fs.rmSync(template.dir, { recursive: true, force: true });
  console.info(`[hostile] tRPC inputs: ${withInput.length} procedures, ${totals.arbitrary} arbitrary + ${totals.nearValid} near-valid inputs`);
});

describe("tRPC inputs under hostile values", () => {
  it("has a sample input for every procedure that takes one", () => {
    expect(Object.keys(samples).sort()).toEqual([...withInput].sort());
  });

  describe.each(withInput)("%s", (name) => {
    async function fuzz(arbitrary: fc.Arbitrary<unknown>, garbageOnly: boolean, runs: number): Promise<void> {
      vi.useFakeTimers({ toFake: ["Date"], now: WORLD_NOW });
      const cell = copyWorld(template.dir);
      const previousDataDir = process.env.DATA_DIR;
      process.env.DATA_DIR = cell.dir;
      setDb(cell.db);
      const sqlite = cell.db.$client;
      const snapshot = () => TABLES.map((t) => JSON.stringify(sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).raw().all())).join("\n");
      const caller = createCaller(createContext(template.world.admin, cell.db, () => WORLD_NOW)) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
      const [group, proc] = name.split(".") as [string, string];
      const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
      try {
        await fc.assert(
          fc.asyncProperty(arbitrary, async (input) => {
            sqlite.exec("BEGIN");
            try {
              const before = snapshot();
              try {
                await caller[group]![proc]!(input);
              } catch (error) {
                expect(error).toBeInstanceOf(TRPCError);
                const code = (error as TRPCError).code;
                expect(code, (error as Error).message).not.toBe("INTERNAL_SERVER_ERROR");
                if (garbageOnly) expect(code).toBe("BAD_REQUEST");
                expect(snapshot(), "a refused call changed the database").toBe(before);
              }
            } finally {
              sqlite.exec("ROLLBACK");
            }
          }),
          { numRuns: runs },
        );
        expect(errors, "an unexpected error was logged").not.toHaveBeenCalled();
      } finally {
        errors.mockRestore();
        setDb(undefined);
        process.env.DATA_DIR = previousDataDir;
        cell.close();
        vi.useRealTimers();
      }
    }

    it(`answers BAD_REQUEST to values that are not its input at all (${runsFor(name)} runs)`, async () => {
      // Never an object: no arbitrary value can pass a z.object by chance.
      await fuzz(fc.oneof(fc.jsonValue().filter((v) => typeof v !== "object" || v === null || Array.isArray(v)), nastyValue.filter((v) => typeof v !== "object" || v === null || Array.isArray(v))), true, runsFor(name));
      totals.arbitrary += runsFor(name);
    }, timeoutFor(name));

    it(`never fails internally or half-stores on near-valid input (${runsFor(name)} runs)`, async () => {
      await fuzz(nearValid(samples[name]!(template.world)), false, runsFor(name));
      totals.nearValid += runsFor(name);
    }, timeoutFor(name));
  });
});
