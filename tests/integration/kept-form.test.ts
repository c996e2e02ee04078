import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DRAFT_TTL_MS, FORM_ID_FIELD } from "@/server/domain/form-draft";
import { keepFormDraft, readFormDraft } from "@/server/services/form-drafts";
import { ingestMessage } from "@/server/services/ingest";
import { assignChatAction } from "@/server/services/chat-actions";
import { updateSetting } from "@/server/services/settings";
import type { PublicUser } from "@/server/services/users";
import { whatsappChannel } from "../support/channels";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";
import { useRouteDb } from "../support/route-db";
import { FLASH_COOKIE, restoreOutcome, takeOutcome } from "@/app/_lib/flash-outcome";

// Item 8 of issue 12: a refused form comes back with what was typed, without JavaScript. The real actions
// run against SQLite; only Next's request plumbing (redirect, the cookie jar, the session) is replaced.

class Redirect extends Error {
  constructor(readonly to: string) {
    super(`redirect ${to}`);
  }
}

interface Cookie {
  value: string;
  options: Record<string, unknown>;
}
const browser = vi.hoisted(() => ({ user: null as PublicUser | null, jar: new Map<string, Cookie>() }));

vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Redirect(to);
  },
  forbidden: () => {
    throw new Error("forbidden");
  },
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "accept-language": "en" }),
  cookies: async () => ({
    get: (name: string) => (browser.jar.has(name) ? { name, value: browser.jar.get(name)!.value } : undefined),
    set: (name: string, value: string, options: Record<string, unknown> = {}) => browser.jar.set(name, { value, options }),
    delete: (cookie: string | { name: string }) => browser.jar.delete(typeof cookie === "string" ? cookie : cookie.name),
  }),
}));
vi.mock("@/server/auth/session", () => ({
  currentUser: async () => browser.user,
  requireUser: async () => {
    if (!browser.user) throw new Redirect("/login");
    return browser.user;
  },
}));

const { sendTextAction } = await import("@/app/(app)/inbox/actions");
const { createUserAction } = await import("@/app/(app)/admin/users/actions");
const { keptForm } = await import("@/app/_lib/kept-form");

/**
 * Posts the form as a browser without JavaScript does, and answers the address the next page reads: the
 * redirect's target with the outcome the one-shot cookie carried beside it, as proxy.ts hands it over.
 */
async function submit(action: (form: FormData) => Promise<void>, fields: Record<string, string>): Promise<string> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  try {
    await action(form);
  } catch (error) {
    if (!(error instanceof Redirect)) throw error;
    const flash = browser.jar.get(FLASH_COOKIE);
    if (!flash) return error.to;
    browser.jar.delete(FLASH_COOKIE);
    // The address itself never holds the outcome.
    expect(takeOutcome(error.to).outcome).toBeNull();
    const url = new URL(error.to, "http://x");
    return `${url.pathname}?${restoreOutcome(url.searchParams, flash.value)!.toString()}`;
  }
  throw new Error("the action did not redirect");
}

const COOKIE = "charla-kept-form";

describe("a refused form comes back filled in", () => {
  const t = useRouteDb();
  let admin: PublicUser;
  let agent: PublicUser;
  let chatId: number;
  const drafts = () => t.current.db.$client.prepare("SELECT form, fields FROM form_drafts").all() as { form: string; fields: string }[];

  beforeEach(async () => {
    browser.jar.clear();
    admin = await makeUser(t.current.db, "admin", "Renata Admin");
    agent = await makeUser(t.current.db, "agent", "Lucía Agente");
    ({ chatId } = ingestMessage(t.current.db, whatsappChannel(t.current.db), inboundText("5491155550000", "¿Tienen talla M?", Date.now()), Date.now()));
    browser.user = agent;
  });
  afterEach(() => {
    browser.user = null;
  });

  it("an over-limit reply is refused, and the page gets the whole text back; the browser holds only a token", async () => {
    const reply = "¿Les llegó el pedido? ".repeat(200); // 4,400 characters: over WhatsApp's 4,096, and over a cookie's 4 KB
    const composer = { chatId: String(chatId), returnTo: `/inbox?chat=${chatId}`, [FORM_ID_FIELD]: `composer:${chatId}` };
    const to = await submit(sendTextAction, { ...composer, body: reply });
    expect(new URL(to, "http://x").searchParams.get("error")).toMatch(/4,096/);
    expect(to).not.toContain("pedido");

    const cookie = browser.jar.get(COOKIE)!;
    expect(cookie.options).toMatchObject({ httpOnly: true, path: "/inbox", maxAge: DRAFT_TTL_MS / 1000 });
    expect(cookie.value.length).toBeLessThan(64);
    expect((await keptForm(`composer:${chatId}`)).value("body")).toBe(reply);
    expect((await keptForm(`composer:${chatId}`)).held).toBe(true);
    // Another form on the page, or another person with the same cookie, gets nothing.
    expect((await keptForm(`location:${chatId}`)).held).toBe(false);
    browser.user = admin;
    expect((await keptForm(`composer:${chatId}`)).value("body")).toBeUndefined();
    browser.user = agent;

    // Shortened and sent: the draft has served, and goes.
    const sent = await submit(sendTextAction, { ...composer, body: "¿Les llegó el pedido?" });
    expect(new URL(sent, "http://x").searchParams.get("ok")).toBe("sent");
    expect(browser.jar.has(COOKIE)).toBe(false);
    expect(drafts()).toEqual([]);
  });

  it("an admin form keeps the name, e-mail and role, never the password", async () => {
    browser.user = admin;
    const fields = { [FORM_ID_FIELD]: "user.create", name: "Otra Lucía", email: agent.email, role: "admin", password: "a-secret-password" };
    const to = await submit(createUserAction, fields);
    expect(new URL(to, "http://x").searchParams.get("error")).toMatch(/already exists/);
    expect(browser.jar.get(COOKIE)!.options).toMatchObject({ httpOnly: true, path: "/admin/users" });
    const kept = await keptForm("user.create");
    expect([kept.value("name"), kept.value("email"), kept.value("role"), kept.value("password")]).toEqual(["Otra Lucía", agent.email, "admin", undefined]);
    // A field's defaultValue: what was typed, else what is saved (the password, never kept; any other form).
    expect([kept.valueOr("name", "saved"), kept.valueOr("password", ""), kept.valueOr("name", "saved", 1)]).toEqual(["Otra Lucía", "", "saved"]);
    expect((await keptForm("user.edit")).valueOr("name", "Lucía Agente")).toBe("Lucía Agente");
    expect(JSON.stringify(drafts())).not.toContain("a-secret-password");
  });

  it("keeps nothing for a form that did not ask, nor for a refusal of who you are", async () => {
    const plain = await submit(sendTextAction, { chatId: String(chatId), returnTo: "/inbox", body: "x".repeat(5000) });
    expect(plain).toContain("error=");
    expect(browser.jar.has(COOKIE)).toBe(false);

    const teammate = await makeUser(t.current.db, "agent", "Carla Teammate");
    assignChatAction(t.current.db, { viewer: admin, now: Date.now() }, chatId, teammate.id);
    updateSetting(t.current.db, "sharedInbox", false, { actorId: admin.id, now: Date.now() });
    const refused = await submit(sendTextAction, { chatId: String(chatId), returnTo: "/inbox", [FORM_ID_FIELD]: `composer:${chatId}`, body: "Hola" });
    expect(new URL(refused, "http://x").searchParams.get("error")).toMatch(/assigned to another agent/);
    expect(browser.jar.has(COOKIE)).toBe(false);
    expect(drafts()).toEqual([]);
  });

  it("a draft lasts ten minutes and a newer refusal of the same form replaces it", () => {
    const db = t.current.db;
    const first = keepFormDraft(db, { userId: agent.id, form: "composer:1", entries: [["body", "uno"]], now: T0 })!;
    expect(readFormDraft(db, { userId: agent.id, token: first, now: T0 + DRAFT_TTL_MS - 1 })).toEqual({ form: "composer:1", fields: { body: ["uno"] } });
    expect(readFormDraft(db, { userId: agent.id, token: first, now: T0 + DRAFT_TTL_MS })).toBeNull();
    const second = keepFormDraft(db, { userId: agent.id, form: "composer:1", entries: [["body", "dos"]], now: T0 + 1 })!;
    expect(readFormDraft(db, { userId: agent.id, token: first, now: T0 + 2 })).toBeNull();
    expect(readFormDraft(db, { userId: agent.id, token: second, now: T0 + 2 })!.fields).toEqual({ body: ["dos"] });
    // Expired drafts are swept when the next one is kept.
    keepFormDraft(db, { userId: admin.id, form: "settings", entries: [["currency", "ARS"]], now: T0 + DRAFT_TTL_MS + 5 });
    expect(drafts().map((d) => d.form)).toEqual(["settings"]);
  });
});
