import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { messagesOfChat } from "@/server/repositories/messages";
import { ingestMessage } from "@/server/services/ingest";
import type { PublicUser } from "@/server/services/users";
import { whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

// Issue 12, item 12: a transfer may carry a note for the agent who receives the chat.

describe("a transfer's note", () => {
  let t: ReturnType<typeof tempDb>;
  let db: Db;
  let ana: PublicUser, luis: PublicUser;
  beforeEach(async () => {
    t = tempDb();
    db = t.db;
    ana = await makeUser(db, "agent", "Ana Lima");
    luis = await makeUser(db, "agent", "Luis Pérez");
  });
  afterEach(() => t.close());

  const as = (user: PublicUser) => createCaller(createContext(user, db, () => T0 + 60_000));

  it("is a private note in the new chat, addressed to its new owner, who sees it among Mentions", async () => {
    const { chatId } = ingestMessage(db, whatsappChannel(db), inboundText("5511988887777", "quero trocar", T0), T0);
    await as(ana).chats.assign({ chatId, userId: ana.id });
    const moved = await as(ana).chats.assign({ chatId, userId: luis.id, note: "Cliente quer trocar o 38 pelo 39; já confirmei o estoque." });
    expect(moved.type).toBe("transfer");
    const notes = messagesOfChat(db, moved.chat.id, { limit: 50 }).filter((m) => m.kind === "note");
    expect(notes).toEqual([expect.objectContaining({ authorId: ana.id, body: "Cliente quer trocar o 38 pelo 39; já confirmei o estoque.", status: null })]);
    expect((await as(luis).inbox.mentions()).map((r) => r.chatId)).toContain(moved.chat.id);
  });

  it("is refused when too long, and then nothing moves", async () => {
    const { chatId } = ingestMessage(db, whatsappChannel(db), inboundText("5511988886666", "oi", T0), T0);
    await as(ana).chats.assign({ chatId, userId: ana.id });
    await expect(as(ana).chats.assign({ chatId, userId: luis.id, note: "x".repeat(4001) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await as(ana).chats.get({ chatId })).chat).toMatchObject({ status: "open", assigneeId: ana.id });
  });

  it("is optional: a transfer without one writes no note", async () => {
    const { chatId } = ingestMessage(db, whatsappChannel(db), inboundText("5511988885555", "oi", T0), T0);
    await as(ana).chats.assign({ chatId, userId: ana.id });
    const moved = await as(ana).chats.assign({ chatId, userId: luis.id, note: "   " });
    expect(messagesOfChat(db, moved.chat.id, { limit: 50 }).some((m) => m.kind === "note")).toBe(false);
  });
});
