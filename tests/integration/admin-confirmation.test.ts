import { beforeEach, describe, expect, it, vi } from "vitest";
import { closeReasons, quickReplies, templates } from "@/server/services/catalog";
import { allUsers, type PublicUser } from "@/server/services/users";
import { makeChannel, makeUser, T0 } from "../support/fixtures";
import { useRouteDb } from "../support/route-db";
import { landed } from "../support/flash-jar";

// Destructive admin forms need their box ticked, checked by the server too (a form can be posted without the
// browser's checks), and a refusal comes back in the admin's language. The actions run for real against
// SQLite; only Next's request plumbing is replaced.

class Redirect extends Error {
  constructor(readonly to: string) {
    super(`redirect ${to}`);
  }
}

const session = vi.hoisted(() => ({ user: null as PublicUser | null }));

vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Redirect(to);
  },
  forbidden: () => {
    throw new Error("forbidden");
  },
}));
// A Spanish browser.
vi.mock("next/headers", async () => ({ headers: async () => new Headers({ "accept-language": "es-AR,es;q=0.9" }), cookies: async () => (await import("../support/flash-jar")).cookieStore }));
vi.mock("@/server/auth/session", () => ({
  requireUser: async () => {
    if (!session.user) throw new Redirect("/login");
    return session.user;
  },
}));

const { setActiveAction } = await import("@/app/(app)/admin/users/actions");
const { deleteReasonAction } = await import("@/app/(app)/admin/close-reasons/actions");
const { createQuickReplyAction, deleteQuickReplyAction } = await import("@/app/(app)/admin/quick-replies/actions");
const { deleteTemplateAction } = await import("@/app/(app)/admin/templates/actions");

async function outcome(run: Promise<void>): Promise<string> {
  try {
    await run;
  } catch (error) {
    if (error instanceof Redirect) return decodeURIComponent(landed(error.to).replace(/\+/g, " "));
    throw error;
  }
  throw new Error("the action did not redirect");
}

const form = (entries: Record<string, string | number>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.append(k, String(v));
  return f;
};

describe("destructive admin forms", () => {
  const db = useRouteDb();
  let admin: PublicUser;
  let agent: PublicUser;
  const actor = () => ({ actorId: admin.id, now: T0 });
  const isActive = (id: number) => allUsers(db.current.db).find((u) => u.id === id)!.active;

  beforeEach(async () => {
    admin = await makeUser(db.current.db, "admin", "Renata Admin");
    agent = await makeUser(db.current.db, "agent", "Lucía Agente");
    session.user = admin;
  });

  it("deactivates a user only with the box ticked; reactivating is one click", async () => {
    expect(await outcome(setActiveAction(form({ userId: agent.id, active: "false" })))).toBe("/admin/users?formError=confirm");
    expect(isActive(agent.id)).toBe(true);
    expect(await outcome(setActiveAction(form({ userId: agent.id, active: "false", confirm: "on" })))).toBe("/admin/users?ok=user.deactivated");
    expect(isActive(agent.id)).toBe(false);
    expect(await outcome(setActiveAction(form({ userId: agent.id, active: "true" })))).toBe("/admin/users?ok=user.reactivated");
    expect(isActive(agent.id)).toBe(true);
  });

  it("refuses an admin deactivating themself, in their language, and keeps them active", async () => {
    expect(await outcome(setActiveAction(form({ userId: admin.id, active: "false", confirm: "on" })))).toBe(
      "/admin/users?error=No puedes desactivar tu propia cuenta; otro administrador puede hacerlo.",
    );
    expect(isActive(admin.id)).toBe(true);
  });

  it("deletes a close reason, a quick reply or a template only with the box ticked", async () => {
    const reason = closeReasons.create(db.current.db, "Vendido", actor());
    const reply = quickReplies.create(db.current.db, { shortcut: "hola", body: "¡Hola!" }, actor());
    const channel = makeChannel(db.current.db);
    const template = templates.create(db.current.db, { channelId: channel.id, name: "oi", language: "pt_BR", body: "Oi {{1}}" }, actor());

    expect(await outcome(deleteReasonAction(form({ reasonId: reason.id })))).toBe("/admin/close-reasons?formError=confirm");
    expect(await outcome(deleteQuickReplyAction(form({ quickReplyId: reply.id })))).toBe("/admin/quick-replies?formError=confirm");
    expect(await outcome(deleteTemplateAction(form({ channelId: channel.id, templateId: template.id })))).toBe(`/admin/templates?channel=${channel.id}&formError=confirm`);
    expect(closeReasons.list(db.current.db).map((r) => r.id)).toContain(reason.id);
    expect(quickReplies.list(db.current.db)).toHaveLength(1);
    expect(templates.list(db.current.db, channel.id)).toHaveLength(1);

    expect(await outcome(deleteReasonAction(form({ reasonId: reason.id, confirm: "on" })))).toBe("/admin/close-reasons?ok=reason.deleted");
    expect(await outcome(deleteQuickReplyAction(form({ quickReplyId: reply.id, confirm: "on" })))).toBe("/admin/quick-replies?ok=quickReply.deleted");
    expect(await outcome(deleteTemplateAction(form({ channelId: channel.id, templateId: template.id, confirm: "on" })))).toBe(`/admin/templates?channel=${channel.id}&ok=template.deleted`);
    expect(closeReasons.list(db.current.db).map((r) => r.id)).not.toContain(reason.id);
    expect(quickReplies.list(db.current.db)).toHaveLength(0);
    expect(templates.list(db.current.db, channel.id)).toHaveLength(0);
  });

  it("shows a refusal in the admin's language: a taken shortcut", async () => {
    quickReplies.create(db.current.db, { shortcut: "hola", body: "¡Hola!" }, actor());
    expect(await outcome(createQuickReplyAction(form({ shortcut: "/hola", body: "Otra" })))).toBe("/admin/quick-replies?error=El atajo /hola ya está en uso.");
  });
});
