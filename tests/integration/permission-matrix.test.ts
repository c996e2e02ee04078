import fs from "node:fs";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setDb, type Db } from "@/db/client";
import { appRouter, createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { publicMediaToken } from "@/server/services/public-media";
import { updateSetting } from "@/server/services/settings";
import type { PublicUser } from "@/server/services/users";
import { buildWorld, copyWorld, WORLD_NOW, type World } from "../support/world";
import { landed } from "../support/flash-jar";

// Issue 7's permission matrix: every tRPC procedure, route handler and server action × four people,
// each cell stating allow or deny and checked against a private copy of a small company's real data.
// The teammate's chat is the subject wherever a chat is involved. Rows are looked up from the router
// and the app folder, so a new procedure, route or action without a row fails here.

const WHO = ["signedOut", "agent", "agentNotShared", "admin"] as const;
type Who = (typeof WHO)[number];
type Verdict = "allow" | "deny";
type Verdicts = readonly [Verdict, Verdict, Verdict, Verdict];

const A = "allow" as const;
const D = "deny" as const;
/** Everyone signed in. */
const SIGNED_IN: Verdicts = [D, A, A, A];
/** Signed in and allowed to see the teammate's chat: the shared inbox, or an administrator. */
const SEES_TEAMMATE: Verdicts = [D, A, D, A];
const ADMIN_ONLY: Verdicts = [D, D, D, A];

// ---- Next's request plumbing, replaced: redirect()/forbidden() throw, the session is the cell's person.

class Redirect extends Error {
  constructor(readonly to: string) {
    super(`redirect ${to}`);
  }
}
class Forbidden extends Error {}
const session = vi.hoisted(() => ({ user: null as PublicUser | null }));

vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Redirect(to);
  },
  forbidden: () => {
    throw new Forbidden();
  },
}));
vi.mock("next/headers", async () => ({
  // Refusals are shown in the reader's language; the verdicts below read the English ones.
  headers: async () => new Headers({ "accept-language": "en" }),
  cookies: async () => (await import("../support/flash-jar")).cookieStore,
}));
vi.mock("@/server/auth/session", () => ({
  currentUser: async () => session.user,
  requireUser: async () => {
    if (!session.user) throw new Redirect("/login");
    return session.user;
  },
}));

// ---- The cell: a fresh copy of the world, the person, and whether anything was written.

let template: { dir: string; world: World };
const PREVIOUS_DATA_DIR = process.env.DATA_DIR;

beforeAll(async () => {
  template = await buildWorld();
}, 60_000);
afterAll(() => {
  fs.rmSync(template.dir, { recursive: true, force: true });
  if (PREVIOUS_DATA_DIR === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = PREVIOUS_DATA_DIR;
});

function personFor(who: Who, w: World): PublicUser | null {
  return who === "signedOut" ? null : who === "admin" ? w.admin : w.agent;
}

async function inCell<T>(who: Who, run: (db: Db, w: World) => Promise<T>): Promise<{ value: T; wrote: boolean }> {
  // Server actions and routes read the real clock; the world lives at WORLD_NOW (inside the reply window).
  vi.useFakeTimers({ toFake: ["Date"], now: WORLD_NOW });
  const cell = copyWorld(template.dir);
  process.env.DATA_DIR = cell.dir;
  setDb(cell.db);
  try {
    const w = template.world;
    updateSetting(cell.db, "sharedInbox", who !== "agentNotShared", { actorId: null, now: WORLD_NOW });
    session.user = personFor(who, w);
    const changes = () => (cell.db.$client.prepare("SELECT total_changes() AS n").get() as { n: number }).n;
    const before = changes();
    const value = await run(cell.db, w);
    return { value, wrote: changes() !== before };
  } finally {
    setDb(undefined);
    cell.close();
    vi.useRealTimers();
  }
}

/** The teammate chat's first message: a reader the matrix denies must never see it. */
const SECRET = "pedido";

// ---- tRPC procedures

interface ProcedureRow {
  input?: (w: World) => unknown;
  expect: Verdicts;
  /** Extra checks on an allowed call's result. */
  check?: (result: unknown, who: Who) => void;
}

const hidesTeammateChat = (result: unknown, who: Who) => {
  if (who === "agentNotShared") expect(JSON.stringify(result)).not.toContain(SECRET);
  else expect(JSON.stringify(result)).toContain(SECRET);
};

const procedures: Record<string, ProcedureRow> = {
  "me.get": { expect: SIGNED_IN },
  "me.updateProfile": { input: () => ({ locale: "en", timeZone: "America/Sao_Paulo" }), expect: SIGNED_IN },
  "me.changePassword": { input: () => ({ current: "password-123", next: "password-456" }), expect: SIGNED_IN },
  "me.setTimeZone": { input: () => ({ timeZone: "America/Argentina/Buenos_Aires" }), expect: SIGNED_IN },
  "users.team": { expect: SIGNED_IN, check: (r) => expect(JSON.stringify(r)).not.toMatch(/@example\.com|passwordHash|scrypt/) },
  "users.list": { expect: ADMIN_ONLY },
  "users.create": { input: () => ({ email: "new.person@example.com", name: "New Person", role: "agent", password: "password-456" }), expect: ADMIN_ONLY },
  "users.update": { input: (w) => ({ id: w.teammate.id, active: false }), expect: ADMIN_ONLY },
  "users.setPassword": { input: (w) => ({ id: w.teammate.id, password: "password-789" }), expect: ADMIN_ONLY },
  "settings.get": { expect: SIGNED_IN },
  "settings.update": { input: () => ({ key: "pollIntervalSeconds", value: 9 }), expect: ADMIN_ONLY },
  "inbox.counts": { expect: SIGNED_IN },
  "inbox.poll": { input: () => ({ version: null }), expect: SIGNED_IN },
  "inbox.seq": { expect: SIGNED_IN },
  // Visibility of each part of a delta is tested in live-delta.test.ts; here: signed in, and nothing leaks.
  "inbox.delta": {
    input: (w) => ({ since: 0, locale: "en", list: { section: "all", status: "open", full: true }, chat: { id: w.chatId, windowOpen: true } }),
    expect: SIGNED_IN,
    check: (r, who) => {
      if (who === "agentNotShared") expect(JSON.stringify(r)).not.toContain(SECRET);
    },
  },
  "inbox.list": { input: () => ({ section: "teammates", status: "open" }), expect: SEES_TEAMMATE, check: (r) => expect(JSON.stringify(r)).toContain("Carla") },
  "inbox.search": { input: () => ({ text: "pedido" }), expect: SIGNED_IN, check: hidesTeammateChat },
  "chats.get": { input: (w) => ({ chatId: w.chatId }), expect: SEES_TEAMMATE, check: (r) => expect(JSON.stringify(r)).toContain(SECRET) },
  "chats.contact": { input: (w) => ({ contactId: w.contactId }), expect: SIGNED_IN, check: hidesTeammateChat },
  "chats.close": { input: (w) => ({ chatId: w.chatId, reasonId: w.closeReasonId }), expect: SEES_TEAMMATE },
  "chats.schedule": { input: (w) => ({ chatId: w.chatId, at: WORLD_NOW + 3_600_000, note: "x" }), expect: SEES_TEAMMATE },
  "chats.cancelSchedule": { input: (w) => ({ chatId: w.scheduledChatId }), expect: SEES_TEAMMATE },
  "chats.acknowledgeReminder": { input: (w) => ({ chatId: w.reminderChatId }), expect: SEES_TEAMMATE },
  "chats.assign": { input: (w) => ({ chatId: w.chatId, userId: w.agent.id, expectedAssigneeId: w.teammate.id }), expect: SEES_TEAMMATE },
  "chats.send": { input: (w) => ({ chatId: w.chatId, content: { kind: "text", body: "Já verifico" } }), expect: SEES_TEAMMATE },
  "chats.assignToMe": { input: (w) => ({ chatId: w.chatId, expectedAssigneeId: w.teammate.id }), expect: SEES_TEAMMATE },
  "chats.addNote": { input: (w) => ({ chatId: w.chatId, body: "@Carla Teammate pedido urgente" }), expect: SEES_TEAMMATE },
  "chats.opened": { input: (w) => ({ chatId: w.chatId }), expect: SEES_TEAMMATE },
  "contacts.update": { input: (w) => ({ contactId: w.contactId, name: "Cliente", email: "cliente@example.com" }), expect: SEES_TEAMMATE },
  "inbox.mentions": { expect: SIGNED_IN },
  "chats.retry": { input: (w) => ({ messageId: w.failedMessageId }), expect: SEES_TEAMMATE },
  "chats.deleteMessage": { input: (w) => ({ messageId: w.messageId }), expect: ADMIN_ONLY },
  "chats.delete": { input: (w) => ({ chatId: w.chatId }), expect: ADMIN_ONLY },
  "closeReasons.list": { expect: SIGNED_IN },
  "closeReasons.create": { input: () => ({ label: "Vendido" }), expect: ADMIN_ONLY },
  "closeReasons.update": { input: (w) => ({ id: w.closeReasonId, label: "Resolvido!" }), expect: ADMIN_ONLY },
  "closeReasons.delete": { input: (w) => ({ id: w.closeReasonId }), expect: ADMIN_ONLY },
  "quickReplies.list": { expect: SIGNED_IN },
  "quickReplies.create": { input: () => ({ shortcut: "tchau", body: "Até logo!" }), expect: ADMIN_ONLY },
  "quickReplies.update": { input: (w) => ({ id: w.quickReplyId, shortcut: "oi", body: "Olá, {{nome}}!" }), expect: ADMIN_ONLY },
  "quickReplies.delete": { input: (w) => ({ id: w.quickReplyId }), expect: ADMIN_ONLY },
  "quickReplies.send": { input: (w) => ({ chatId: w.chatId, quickReplyId: w.quickReplyId }), expect: SEES_TEAMMATE },
  "templates.list": { input: () => ({}), expect: SIGNED_IN },
  "bot.flows": { expect: ADMIN_ONLY, check: (r) => expect(JSON.stringify(r)).toContain("Bienvenida") },
  "bot.get": { input: (w) => ({ id: w.botFlowId }), expect: ADMIN_ONLY },
  "bot.create": { input: () => ({ name: "Ventas" }), expect: ADMIN_ONLY },
  "bot.save": { input: (w) => ({ id: w.botFlowId, draft: { start: "a", steps: [{ id: "a", kind: "close", text: "Chau" }] } }), expect: ADMIN_ONLY },
  "bot.import": { input: (w) => ({ id: w.botFlowId, json: JSON.stringify({ start: "a", steps: [{ id: "a", kind: "handoff" }] }) }), expect: ADMIN_ONLY },
  "bot.publish": { input: (w) => ({ id: w.botFlowId }), expect: ADMIN_ONLY },
  "bot.delete": { input: (w) => ({ id: w.botFlowId }), expect: ADMIN_ONLY },
  "bot.assign": { input: (w) => ({ channelId: w.channelId, flowId: w.botFlowId, returningAfterHours: 12 }), expect: ADMIN_ONLY },
  "bot.try": { input: (w) => ({ id: w.botFlowId, said: [{ text: "hola" }, { text: "1" }] }), expect: ADMIN_ONLY, check: (r) => expect(JSON.stringify(r)).toContain("¿Cuál es tu nombre?") },
  "bot.withBot": { expect: SIGNED_IN },
  "csat.settings": { expect: ADMIN_ONLY },
  "csat.update": { input: (w) => ({ channelId: w.channelId, enabled: true, intervalDays: 7, templateName: null, language: "es" }), expect: ADMIN_ONLY },
  "templates.create": { input: (w) => ({ channelId: w.channelId, name: "boas_vindas", language: "pt_BR", body: "Bem-vindo {{1}}" }), expect: ADMIN_ONLY },
  "templates.delete": { input: (w) => ({ id: w.templateId }), expect: ADMIN_ONLY },
  "audit.list": { input: () => ({ action: "chat.close" }), expect: ADMIN_ONLY },
  // Teams and distribution (issue 13). The offer is the agent's: accepting or declining someone else's is refused.
  "routing.teams": { expect: SIGNED_IN, check: (r) => expect(JSON.stringify(r)).not.toMatch(/@example\.com|passwordHash/) },
  "routing.me": { expect: SIGNED_IN },
  "routing.setAvailability": { input: () => ({ availability: "away" }), expect: SIGNED_IN },
  "routing.acceptOffer": { input: (w) => ({ chatId: w.offerChatId }), expect: [D, A, A, D] },
  "routing.declineOffer": { input: (w) => ({ chatId: w.offerChatId }), expect: [D, A, A, D] },
  "routing.assignToTeam": { input: (w) => ({ chatId: w.chatId, teamId: w.spareTeamId }), expect: SEES_TEAMMATE },
  "routing.createTeam": { input: () => ({ name: "Ventas", mode: "balanced", capacity: 4 }), expect: ADMIN_ONLY },
  "routing.updateTeam": { input: (w) => ({ id: w.teamId, mode: "offer", offerSeconds: 60 }), expect: ADMIN_ONLY },
  "routing.setHours": {
    input: (w) => ({ teamId: w.teamId, schedule: { timeZone: "America/Sao_Paulo", days: Array.from({ length: 7 }, () => [{ start: "09:00", end: "18:00" }]), holidays: ["2026-12-25"] } }),
    expect: ADMIN_ONLY,
  },
  "routing.addMember": { input: (w) => ({ teamId: w.spareTeamId, userId: w.agent.id }), expect: ADMIN_ONLY },
  "routing.removeMember": { input: (w) => ({ teamId: w.teamId, userId: w.agent.id }), expect: ADMIN_ONLY },
  "routing.deleteTeam": { input: (w) => ({ teamId: w.spareTeamId }), expect: ADMIN_ONLY },
  "routing.makeDefault": { input: (w) => ({ teamId: w.spareTeamId }), expect: ADMIN_ONLY },
  "routing.setChannelTeam": { input: (w) => ({ channelId: w.channelId, teamId: w.spareTeamId }), expect: ADMIN_ONLY },
  "routing.setCapacity": { input: (w) => ({ userId: w.teammate.id, capacity: 3 }), expect: ADMIN_ONLY },
  // A colleague's figures: an agent is refused them (their own are tests/integration/reports.test.ts).
  "reports.get": { input: (w) => ({ range: "30d", agentId: w.teammate.id }), expect: ADMIN_ONLY, check: (r) => expect(JSON.stringify(r)).toContain("Carla Teammate") },
};

/** Allowed: it worked. Denied: refused for who you are (signed out, role, a chat you may not see). */
function verdictOf(error: unknown): Verdict | string {
  if (error === undefined) return "allow";
  if (error instanceof TRPCError && (error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN")) return "deny";
  return `unexpected ${error instanceof TRPCError ? error.code : ""}: ${(error as Error).message}`;
}

async function callProcedure(db: Db, who: Who, w: World, name: string, row: ProcedureRow) {
  const caller = createCaller(createContext(personFor(who, w), db, () => WORLD_NOW)) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
  const [group, proc] = name.split(".") as [string, string];
  try {
    return { result: await caller[group]![proc]!(row.input?.(w)), error: undefined };
  } catch (error) {
    return { result: undefined, error };
  }
}

// ---- Route handlers

type RouteModule = Record<string, (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> | Response>;
interface RouteRow {
  request: (w: World) => { url: string; init?: RequestInit; params?: Record<string, string> };
  /** Allow/deny per person, or "public": no session changes the answer, which must be `status`. */
  expect: Verdicts | { public: string; status: number };
  check?: (res: Response, who: Who) => void;
  /** Not run here, with the reason and where it is tested instead. */
  skip?: string;
}

const base = "http://charla.test";
const trpcGet = (proc: string, input: unknown) => `${base}/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify(input))}`;
const safeFile = (res: Response) => {
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("content-security-policy")).toContain("sandbox");
  expect(res.headers.get("content-disposition")).toMatch(/^(inline|attachment);/);
};

const routes: Record<string, RouteRow> = {
  "app/api/media/[attachmentId]/route.ts GET": {
    request: (w) => ({ url: `${base}/api/media/${w.attachmentId}`, params: { attachmentId: String(w.attachmentId) } }),
    expect: SEES_TEAMMATE,
    check: (res) => (res.status === 200 ? safeFile(res) : undefined),
  },
  "app/api/media/public/[token]/route.ts GET": {
    // The signed token is the permission (providers fetch with it); a session adds nothing.
    request: (w) => ({ url: `${base}/api/media/public/t`, params: { token: publicMediaToken(w.attachmentId, Date.now()) } }),
    expect: { public: "a signed, expiring token grants one file", status: 200 },
    check: safeFile,
  },
  "app/(app)/admin/bot/[id]/export/route.ts GET": {
    request: (w) => ({ url: `${base}/admin/bot/${w.botFlowId}/export`, params: { id: String(w.botFlowId) } }),
    expect: ADMIN_ONLY,
    check: (res) => expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="flow-\d+\.json"$/),
  },
  "app/(app)/reports/export/route.ts GET": {
    request: (w) => ({ url: `${base}/reports/export?range=30d&agent=${w.teammate.id}` }),
    expect: ADMIN_ONLY,
    check: (res) => expect(res.headers.get("content-type")).toContain("text/csv"),
  },
  "app/api/poll/route.ts GET": { request: () => ({ url: `${base}/api/poll` }), expect: SIGNED_IN },
  "app/api/trpc/[trpc]/route.ts GET": { request: (w) => ({ url: trpcGet("chats.get", { chatId: w.chatId }) }), expect: SEES_TEAMMATE },
  "app/api/trpc/[trpc]/route.ts POST": {
    request: (w) => ({ url: `${base}/api/trpc/chats.delete`, init: { method: "POST", body: JSON.stringify({ chatId: w.chatId }), headers: { "content-type": "application/json" } } }),
    expect: ADMIN_ONLY,
  },
  "app/api/webhooks/whatsapp/route.ts GET": {
    request: () => ({ url: `${base}/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1` }),
    expect: { public: "Meta's handshake: only the verify token counts", status: 403 },
  },
  "app/api/webhooks/whatsapp/route.ts POST": {
    request: () => ({ url: `${base}/api/webhooks/whatsapp`, init: { method: "POST", body: '{"object":"whatsapp_business_account","entry":[]}' } }),
    expect: { public: "only the X-Hub-Signature-256 counts", status: 401 },
  },
  "app/api/webhooks/instagram/route.ts GET": {
    request: () => ({ url: `${base}/api/webhooks/instagram?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1` }),
    expect: { public: "Meta's handshake: only the verify token counts", status: 403 },
  },
  "app/api/webhooks/instagram/route.ts POST": {
    request: () => ({ url: `${base}/api/webhooks/instagram`, init: { method: "POST", body: '{"object":"instagram","entry":[]}' } }),
    expect: { public: "only the X-Hub-Signature-256 counts", status: 401 },
  },
  "app/api/webhooks/zenvia/[channelId]/route.ts POST": {
    request: (w) => ({ url: `${base}/api/webhooks/zenvia/${w.channelId}`, init: { method: "POST", body: "{}" }, params: { channelId: String(w.channelId) } }),
    expect: { public: "only the per-channel secret header counts (the WhatsApp channel is no Zenvia one: 404)", status: 404 },
  },
  "app/api/webchat/[channelId]/messages/route.ts GET": {
    request: (w) => ({ url: `${base}/api/webchat/${w.channelId}/messages?after=0`, params: { channelId: String(w.channelId) } }),
    expect: { public: "web chat visitors: a visitor cookie, never an agent session (not a web chat channel: 404)", status: 404 },
  },
  "app/api/webchat/[channelId]/messages/route.ts POST": {
    request: (w) => ({ url: `${base}/api/webchat/${w.channelId}/messages`, init: { method: "POST", body: "{}" }, params: { channelId: String(w.channelId) } }),
    expect: { public: "web chat visitors: a visitor cookie, never an agent session (not a web chat channel: 404)", status: 404 },
  },
  "app/api/webchat/[channelId]/messages/route.ts OPTIONS": {
    request: (w) => ({ url: `${base}/api/webchat/${w.channelId}/messages`, init: { method: "OPTIONS", headers: { origin: "https://evil.example" } }, params: { channelId: String(w.channelId) } }),
    expect: { public: "CORS preflight: answers the same to everyone", status: 404 },
  },
  "app/api/auth/[...nextauth]/route.ts GET": { request: () => ({ url: base }), expect: [A, A, A, A], skip: "Auth.js's own sign-in endpoints (public by design): tests/e2e/auth.spec.ts" },
  "app/api/auth/[...nextauth]/route.ts POST": { request: () => ({ url: base }), expect: [A, A, A, A], skip: "Auth.js's own sign-in endpoints (public by design): tests/e2e/auth.spec.ts" },
  "app/api/bench/ceiling-json/route.ts GET": {
    request: () => ({ url: `${base}/api/bench/ceiling-json` }),
    expect: { public: "benchmark-only: 404 unless CHARLA_BENCH=1, whoever asks", status: 404 },
  },
  "app/api/bench/ceiling-insert/route.ts POST": {
    request: () => ({ url: `${base}/api/bench/ceiling-insert`, init: { method: "POST", body: "{}" } }),
    expect: { public: "benchmark-only: 404 unless CHARLA_BENCH=1, whoever asks", status: 404 },
  },
  "app/(app)/admin/denied/route.ts GET": { request: () => ({ url: `${base}/admin/denied` }), expect: { public: "the 403 page itself", status: 403 } },
};

function routeVerdict(status: number): Verdict | string {
  if (status >= 200 && status < 400) return "allow";
  if (status === 401 || status === 403) return "deny";
  return `unexpected status ${status}`;
}

// ---- Server actions

interface ActionRow {
  form: (w: World) => Record<string, string | File>;
  expect: Verdicts;
  skip?: string;
}

const onChat = (extra: Record<string, string | File> = {}) => (w: World) => ({ chatId: String(w.chatId), returnTo: `/inbox?chat=${w.chatId}`, ...extra });
const back = (extra: Record<string, string> = {}) => () => ({ returnTo: "/admin", ...extra });

const actions: Record<string, ActionRow> = {
  "app/(app)/inbox/actions.ts#closeChatAction": { form: (w) => onChat({ reasonId: String(w.closeReasonId) })(w), expect: SEES_TEAMMATE },
  "app/(app)/inbox/actions.ts#scheduleChatAction": { form: onChat({ at: "2026-02-01T10:00", note: "x" }), expect: SEES_TEAMMATE },
  "app/(app)/inbox/actions.ts#cancelScheduleAction": { form: (w) => ({ chatId: String(w.scheduledChatId), returnTo: "/inbox" }), expect: SEES_TEAMMATE },
  "app/(app)/inbox/actions.ts#acknowledgeReminderAction": { form: (w) => ({ chatId: String(w.reminderChatId), returnTo: "/inbox" }), expect: SEES_TEAMMATE },
  "app/(app)/inbox/actions.ts#assignChatAction": { form: (w) => onChat({ userId: String(w.agent.id), expectedAssigneeId: String(w.teammate.id) })(w), expect: SEES_TEAMMATE },
  "app/(app)/inbox/actions.ts#sendTextAction": { form: onChat({ body: "Olá" }), expect: SEES_TEAMMATE },
  "app/(app)/inbox/actions.ts#sendCallAction": { form: onChat(), expect: SEES_TEAMMATE },
  "app/(app)/inbox/actions.ts#sendQuickReplyAction": { form: (w) => onChat({ quickReplyId: String(w.quickReplyId) })(w), expect: SEES_TEAMMATE },
  "app/(app)/inbox/actions.ts#sendLocationAction": { form: onChat({ latitude: "-23.5", longitude: "-46.6", name: "Loja" }), expect: SEES_TEAMMATE },
  "app/(app)/inbox/actions.ts#sendPaymentLinkAction": { form: onChat({ amount: "10,50", currency: "brl", description: "Pedido" }), expect: SEES_TEAMMATE },
  "app/(app)/inbox/actions.ts#sendTemplateAction": { form: onChat({ template: "retomar|pt_BR", variable: "Ana" }), expect: SEES_TEAMMATE },
  "app/(app)/inbox/actions.ts#retryMessageAction": { form: (w) => onChat({ messageId: String(w.failedMessageId) })(w), expect: SEES_TEAMMATE },
  "app/(app)/inbox/agent-actions.ts#assignToMeAction": { form: (w) => onChat({ expectedAssigneeId: String(w.teammate.id) })(w), expect: SEES_TEAMMATE },
  "app/(app)/inbox/agent-actions.ts#addNoteAction": { form: onChat({ body: "@Carla Teammate pedido urgente" }), expect: SEES_TEAMMATE },
  "app/(app)/contacts/[contactId]/actions.ts#updateContactAction": {
    form: (w) => ({ contactId: String(w.contactId), name: "Cliente", email: "cliente@example.com", phone: "+55 11 91111-0001", notes: "", returnTo: `/contacts/${w.contactId}` }),
    expect: SEES_TEAMMATE,
  },
  "app/(app)/inbox/actions.ts#sendFileAction": { form: onChat({ file: new File(["hello"], "note.pdf", { type: "application/pdf" }) }), expect: SEES_TEAMMATE },
  "app/(app)/profile/actions.ts#updateProfileAction": { form: () => ({ locale: "pt", timeZone: "America/Sao_Paulo" }), expect: SIGNED_IN },
  "app/(app)/profile/actions.ts#changePasswordAction": { form: () => ({ current: "password-123", next: "password-456" }), expect: SIGNED_IN },
  "app/(app)/_time-zone/actions.ts#adoptBrowserTimeZoneAction": { form: () => ({ timeZone: "America/Argentina/Buenos_Aires" }), expect: SIGNED_IN },
  "app/(app)/admin/moderation-actions.ts#deleteMessageAction": { form: (w) => onChat({ messageId: String(w.messageId), confirm: "on" })(w), expect: ADMIN_ONLY },
  "app/(app)/admin/moderation-actions.ts#deleteChatAction": { form: onChat({ confirm: "on" }), expect: ADMIN_ONLY },
  "app/(app)/admin/erasure-actions.ts#eraseContactAction": { form: (w) => ({ contactId: String(w.contactId), confirm: "on", returnTo: `/contacts/${w.contactId}` }), expect: ADMIN_ONLY },
  "app/(app)/admin/channels/actions.ts#createChannelAction": { form: back({ type: "webchat", name: "Site 2", "field.allowedOrigins": "https://shop.example.com" }), expect: ADMIN_ONLY },
  "app/(app)/admin/channels/csat-action.ts#saveCsatAction": { form: (w) => ({ channelId: String(w.channelId), enabled: "on", intervalDays: "7", language: "es" }), expect: ADMIN_ONLY },
  "app/(app)/admin/channels/actions.ts#editChannelAction": { form: (w) => ({ channelId: String(w.channelId), type: "whatsapp", name: "WhatsApp 2", active: "on" }), expect: ADMIN_ONLY },
  "app/(app)/admin/channels/actions.ts#dismissSecretsAction": { form: back(), expect: ADMIN_ONLY },
  "app/(app)/admin/close-reasons/actions.ts#createReasonAction": { form: back({ label: "Vendido" }), expect: ADMIN_ONLY },
  "app/(app)/admin/close-reasons/actions.ts#renameReasonAction": { form: (w) => ({ reasonId: String(w.closeReasonId), label: "Feito" }), expect: ADMIN_ONLY },
  "app/(app)/admin/close-reasons/actions.ts#setReasonActiveAction": { form: (w) => ({ reasonId: String(w.closeReasonId), active: "false" }), expect: ADMIN_ONLY },
  "app/(app)/admin/close-reasons/actions.ts#deleteReasonAction": { form: (w) => ({ reasonId: String(w.closeReasonId), confirm: "on" }), expect: ADMIN_ONLY },
  "app/(app)/admin/bot/actions.ts#botAction": { form: (w) => ({ op: "publish", flowId: String(w.botFlowId) }), expect: ADMIN_ONLY },
  "app/(app)/admin/quick-replies/actions.ts#createQuickReplyAction": { form: back({ shortcut: "tchau", body: "Até logo" }), expect: ADMIN_ONLY },
  // Asks to be kept after a refusal (_form): a refusal for who you are still writes nothing.
  "app/(app)/admin/quick-replies/actions.ts#updateQuickReplyAction": { form: (w) => ({ _form: `quick-reply.edit:${w.quickReplyId}`, quickReplyId: String(w.quickReplyId), shortcut: "oi", body: "Oi!" }), expect: ADMIN_ONLY },
  "app/(app)/admin/quick-replies/actions.ts#deleteQuickReplyAction": { form: (w) => ({ quickReplyId: String(w.quickReplyId), confirm: "on" }), expect: ADMIN_ONLY },
  "app/(app)/admin/settings/actions.ts#saveSettingsAction": {
    form: back({ sharedInbox: "on", inactivityMinutes: "60", pollIntervalSeconds: "7", paymentLinkPattern: "https://pay.example.com/{amount}", currency: "ARS" }),
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/templates/actions.ts#createTemplateAction": { form: (w) => ({ channelId: String(w.channelId), name: "oi", language: "pt_BR", body: "Oi {{1}}" }), expect: ADMIN_ONLY },
  "app/(app)/admin/templates/actions.ts#deleteTemplateAction": { form: (w) => ({ channelId: String(w.channelId), templateId: String(w.templateId), confirm: "on" }), expect: ADMIN_ONLY },
  "app/(app)/admin/users/actions.ts#createUserAction": { form: back({ name: "Nova", email: "nova@example.com", role: "agent", password: "password-456" }), expect: ADMIN_ONLY },
  "app/(app)/admin/users/actions.ts#changeRoleAction": { form: (w) => ({ userId: String(w.teammate.id), role: "admin" }), expect: ADMIN_ONLY },
  "app/(app)/admin/users/actions.ts#setActiveAction": { form: (w) => ({ userId: String(w.teammate.id), active: "false", confirm: "on" }), expect: ADMIN_ONLY },
  "app/(app)/admin/users/actions.ts#resetPasswordAction": { form: (w) => ({ userId: String(w.teammate.id), password: "password-789" }), expect: ADMIN_ONLY },
  // Teams (issue 13): the header's availability, offers (the agent's own), Assign → a team, and the teams screen.
  "app/(app)/_routing/actions.ts#setAvailabilityAction": { form: () => ({ availability: "away", returnTo: "/inbox" }), expect: SIGNED_IN },
  "app/(app)/_routing/actions.ts#acceptOfferAction": { form: (w) => ({ chatId: String(w.offerChatId), returnTo: "/inbox" }), expect: [D, A, A, D] },
  "app/(app)/_routing/actions.ts#declineOfferAction": { form: (w) => ({ chatId: String(w.offerChatId), returnTo: "/inbox" }), expect: [D, A, A, D] },
  "app/(app)/_routing/actions.ts#assignTeamAction": { form: (w) => onChat({ teamId: String(w.spareTeamId) })(w), expect: SEES_TEAMMATE },
  "app/(app)/admin/teams/actions.ts#createTeamAction": { form: back({ name: "Ventas", mode: "balanced" }), expect: ADMIN_ONLY },
  "app/(app)/admin/teams/actions.ts#saveTeamAction": {
    form: (w) => ({ teamId: String(w.teamId), name: "Geral", mode: "offer", capacity: "4", offerSeconds: "60", awayMessage: "Volvemos", greeting: "" }),
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/teams/actions.ts#saveHoursAction": {
    form: (w) => ({ teamId: String(w.teamId), timeZone: "America/Sao_Paulo", day0: "09:00-12:00, 13:00-18:00", day5: "", holidays: "2026-12-25" }),
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/teams/actions.ts#addMemberAction": { form: (w) => ({ teamId: String(w.spareTeamId), userId: String(w.agent.id) }), expect: ADMIN_ONLY },
  "app/(app)/admin/teams/actions.ts#removeMemberAction": { form: (w) => ({ teamId: String(w.teamId), userId: String(w.agent.id) }), expect: ADMIN_ONLY },
  "app/(app)/admin/teams/actions.ts#makeDefaultTeamAction": { form: (w) => ({ teamId: String(w.spareTeamId) }), expect: ADMIN_ONLY },
  "app/(app)/admin/teams/actions.ts#deleteTeamAction": { form: (w) => ({ teamId: String(w.spareTeamId), confirm: "on" }), expect: ADMIN_ONLY },
  "app/(app)/admin/teams/actions.ts#setChannelTeamAction": { form: (w) => ({ channelId: String(w.channelId), teamId: String(w.spareTeamId) }), expect: ADMIN_ONLY },
  "app/(app)/admin/teams/actions.ts#setCapacityAction": { form: (w) => ({ userId: String(w.teammate.id), capacity: "3" }), expect: ADMIN_ONLY },
  "app/login/actions.ts#loginAction": { form: () => ({}), expect: [A, A, A, A], skip: "public: signing in; tests/integration/login-rate-limit.test.ts and tests/e2e/auth.spec.ts" },
  "app/login/actions.ts#logoutAction": { form: () => ({}), expect: [A, A, A, A], skip: "public: signing out; tests/e2e/auth.spec.ts" },
  "app/chat/[channelId]/actions.ts#startChatAction": { form: () => ({}), expect: [A, A, A, A], skip: "public: web chat visitors; tests/integration/channels/webchat-api.test.ts" },
  "app/chat/[channelId]/actions.ts#sendChatAction": { form: () => ({}), expect: [A, A, A, A], skip: "public: web chat visitors; tests/integration/channels/webchat-api.test.ts" },
};

const PERMISSION_ERROR = /assigned to another agent|Only administrators|Sign in|offered to someone else/;

/** Allowed: an ok (or no) status. Denied: the login page, a 403, or the refusal as the form's error. */
function actionVerdict(to: string | "403"): Verdict | string {
  if (to === "403" || to === "/login" || to === "/admin/denied") return "deny";
  const params = new URL(to, base).searchParams;
  const error = params.get("error") ?? params.get("formError");
  if (error === null) return "allow";
  return PERMISSION_ERROR.test(error) ? "deny" : `unexpected outcome ${to}`;
}

async function runAction(fn: (form: FormData) => Promise<void>, fields: Record<string, string | File>): Promise<string> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  try {
    await fn(form);
  } catch (error) {
    if (error instanceof Redirect) return landed(error.to);
    if (error instanceof Forbidden) return "403";
    throw error;
  }
  return "(returned without redirecting)";
}

// ---- Discovery: what exists must have a row, and every row must still exist.

const ROOT = path.resolve(import.meta.dirname, "../..");

function filesUnder(dir: string, test: (rel: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(rel, test));
    else if (test(rel)) out.push(rel);
  }
  return out;
}

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];
/**
 * What a module exports, read from its text: importing Auth.js (the auth route, the login actions)
 * pulls in Next's server, which does not load outside Next.
 */
function exportedNames(rel: string): string[] {
  const source = fs.readFileSync(path.join(ROOT, rel), "utf8");
  const names = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+(\w+)/g)) names.add(m[1]!);
  for (const m of source.matchAll(/export\s+(?:const\s+)?\{([^}]*)\}/g)) for (const part of m[1]!.split(",")) names.add(part.trim().split(/\s+as\s+/).pop()!);
  return [...names].filter(Boolean);
}
const exportedMethods = (rel: string) => exportedNames(rel).filter((n) => HTTP_METHODS.includes(n));

const routeFiles = filesUnder("app", (rel) => /\/route\.ts$/.test(rel));
const actionFiles = filesUnder("app", (rel) => /\.ts$/.test(rel) && /^\s*["']use server["']/.test(fs.readFileSync(path.join(ROOT, rel), "utf8")));

const cells = { procedures: 0, routes: 0, actions: 0 };

describe("permission matrix", () => {
  it("has exactly one row per tRPC procedure, route handler method and server action", async () => {
    const procedureNames = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(procedures).sort()).toEqual(procedureNames);
    const routeKeys = routeFiles.flatMap((f) => exportedMethods(f).map((m) => `${f} ${m}`)).sort();
    expect(Object.keys(routes).sort()).toEqual(routeKeys);
    const actionKeys: string[] = [];
    for (const f of actionFiles) {
      for (const name of exportedNames(f)) actionKeys.push(`${f}#${name}`);
    }
    expect(Object.keys(actions).sort()).toEqual(actionKeys.sort());
  });

  describe.each(Object.entries(procedures))("tRPC %s", (name, row) => {
    it.each(WHO.map((who, i) => [who, row.expect[i]!] as const))("%s → %s", async (who, expected) => {
      const { value, wrote } = await inCell(who, (db, w) => callProcedure(db, who, w, name, row));
      expect(verdictOf(value.error)).toBe(expected);
      if (expected === "deny") expect(wrote, "a refused call wrote to the database").toBe(false);
      else row.check?.(value.result, who);
      cells.procedures += 1;
    });
  });

  describe.each(Object.entries(routes))("route %s", (key, row) => {
    const method = key.split(" ").pop()!;
    const file = key.slice(0, -method.length - 1);
    it.skipIf(row.skip !== undefined).each(WHO.map((who, i) => [who, Array.isArray(row.expect) ? row.expect[i] : "public"] as const))("%s → %s", async (who) => {
      const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as RouteModule;
      const { value: res, wrote } = await inCell(who, async (_db, w) => {
        const { url, init, params = {} } = row.request(w);
        return mod[method]!(new Request(url, init), { params: Promise.resolve(params) });
      });
      if (Array.isArray(row.expect)) {
        const expected = row.expect[WHO.indexOf(who)];
        expect(routeVerdict(res.status)).toBe(expected);
        if (expected === "deny") expect(wrote).toBe(false);
      } else {
        expect(res.status, (row.expect as { public: string }).public).toBe((row.expect as { status: number }).status);
        if (res.status >= 400) expect(wrote).toBe(false);
      }
      if (res.status < 300) row.check?.(res, who);
      cells.routes += 1;
    });
  });

  describe.each(Object.entries(actions))("action %s", (key, row) => {
    const [file, name] = key.split("#") as [string, string];
    it.skipIf(row.skip !== undefined).each(WHO.map((who, i) => [who, row.expect[i]!] as const))("%s → %s", async (who, expected) => {
      const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, (form: FormData) => Promise<void>>;
      const { value: to, wrote } = await inCell(who, (_db, w) => runAction(mod[name]!, row.form(w)));
      expect(actionVerdict(to), `redirected to ${to}`).toBe(expected);
      if (expected === "deny") expect(wrote, "a refused action wrote to the database").toBe(false);
      cells.actions += 1;
    });
  });

  afterAll(() => {
    console.log(`permission matrix: ${cells.procedures} procedure cells, ${cells.routes} route cells, ${cells.actions} action cells`);
  });
});
