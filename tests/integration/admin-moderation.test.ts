import { beforeEach, describe, expect, it, vi } from "vitest";
import { findChat } from "@/server/repositories/chats";
import { findMessage } from "@/server/repositories/messages";
import { ingestMessage } from "@/server/services/ingest";
import type { PublicUser } from "@/server/services/users";
import { makeChannel, makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";
import { useRouteDb } from "../support/route-db";
import { landed } from "../support/flash-jar";

// The moderation server actions run for real against SQLite; only Next's request plumbing is replaced:
// redirect()/forbidden() throw recognisable errors, and the signed-in user is whoever the test says.

class Redirect extends Error {
  constructor(readonly to: string) {
    super(`redirect ${to}`);
  }
}
class Forbidden extends Error {}

const session = vi.hoisted(() => ({ user: null as PublicUser | null, scripted: false }));

vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Redirect(to);
  },
  forbidden: () => {
    throw new Forbidden();
  },
}));
vi.mock("next/headers", async () => ({
  // Refusals are worded in the reader's language: these read English.
  headers: async () => new Headers({ "accept-language": "en", ...(session.scripted ? { "next-action": "abc" } : {}) }),
  cookies: async () => (await import("../support/flash-jar")).cookieStore,
}));
vi.mock("@/server/auth/session", () => ({
  requireUser: async () => {
    if (!session.user) throw new Redirect("/login");
    return session.user;
  },
}));

const { deleteChatAction, deleteMessageAction } = await import("@/app/(app)/admin/moderation-actions");

async function outcome(run: Promise<void>): Promise<string> {
  try {
    await run;
  } catch (error) {
    if (error instanceof Redirect) return landed(error.to);
    if (error instanceof Forbidden) return "403";
    throw error;
  }
  throw new Error("the action neither redirected nor refused");
}

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.append(k, v);
  return f;
};

describe("moderation actions", () => {
  const db = useRouteDb();
  let chatId: number;
  let messageId: number;

  beforeEach(async () => {
    const channel = makeChannel(db.current.db);
    ({ chatId, messageId } = ingestMessage(db.current.db, channel, inboundText("5511999990000", "my card is 4111 1111 1111 1111", T0), T0));
    session.user = await makeUser(db.current.db, "admin", "Alice Admin");
    session.scripted = false;
  });

  it("deletes a message only when confirmed, then returns to the chat with the outcome", async () => {
    const returnTo = `/inbox?chat=${chatId}`;
    expect(await outcome(deleteMessageAction(form({ messageId: String(messageId), returnTo })))).toBe(`/inbox?chat=${chatId}&formError=confirm`);
    expect(findMessage(db.current.db, messageId)?.body).toContain("4111");

    expect(await outcome(deleteMessageAction(form({ messageId: String(messageId), returnTo, confirm: "on" })))).toBe(`/inbox?chat=${chatId}&ok=message.deleted`);
    const tombstone = findMessage(db.current.db, messageId);
    expect(tombstone?.body).toBeNull();
    expect(tombstone?.deletedById).toBe(session.user!.id);

    // A second delete is the domain's error, shown back on the chat.
    const again = await outcome(deleteMessageAction(form({ messageId: String(messageId), returnTo, confirm: "on" })));
    expect(new URL(again, "http://x").searchParams.get("error")).toBe("This message was already deleted.");
  });

  it("deletes a whole chat and never redirects off the site", async () => {
    const to = await outcome(deleteChatAction(form({ chatId: String(chatId), returnTo: "//evil.example/", confirm: "on" })));
    expect(to).toBe("/inbox?ok=chat.deleted");
    expect(findChat(db.current.db, chatId)).toBeUndefined();
  });

  it("refuses agents with a 403, in place for scripts and via the 403 page for plain forms", async () => {
    session.user = await makeUser(db.current.db, "agent");
    const post = () => deleteChatAction(form({ chatId: String(chatId), returnTo: "/inbox", confirm: "on" }));
    expect(await outcome(post())).toBe("/admin/denied");
    session.scripted = true;
    expect(await outcome(post())).toBe("403");
    expect(findChat(db.current.db, chatId)).toBeDefined();
  });

  it("sends a signed-out visitor to the login page", async () => {
    session.user = null;
    expect(await outcome(deleteMessageAction(form({ messageId: String(messageId), returnTo: "/inbox", confirm: "on" })))).toBe("/login");
  });

  it("answers a forged id with the form error, not a crash", async () => {
    expect(await outcome(deleteMessageAction(form({ messageId: "abc", returnTo: "/inbox", confirm: "on" })))).toBe("/inbox?formError=invalid");
  });
});
