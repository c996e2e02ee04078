import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { ingestMessage } from "@/server/services/ingest";
import type { PublicUser } from "@/server/services/users";
import { tempDb } from "../support/db";
import { makeChannel, makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

const PHONE = "5511987650000";

describe("the chat pane's messages: the newest page first, earlier ones on request", () => {
  let t: ReturnType<typeof tempDb>;
  let now: number;
  let ana: PublicUser;
  let luis: PublicUser;
  let channel: ReturnType<typeof makeChannel>;
  beforeEach(async () => {
    t = tempDb();
    now = T0;
    channel = makeChannel(t.db);
    ana = await makeUser(t.db, "agent", "Ana");
    luis = await makeUser(t.db, "agent", "Luis");
  });
  afterEach(() => t.close());
  const as = (user: PublicUser) => createCaller(createContext(user, t.db, () => now));
  const receive = (body: string, extra = {}) => {
    now += 1000;
    return ingestMessage(t.db, channel, inboundText(PHONE, body, now, extra), now);
  };

  it("shows the newest `limit` messages in order and says whether older ones remain", async () => {
    let chatId = 0;
    for (let i = 1; i <= 7; i++) chatId = receive(`message ${i}`).chatId;
    const page = await as(ana).chats.get({ chatId, limit: 3 });
    expect(page.messages.map((m) => m.body)).toEqual(["message 5", "message 6", "message 7"]);
    expect(page.hasEarlier).toBe(true);
    const all = await as(ana).chats.get({ chatId, limit: 7 });
    expect(all.messages).toHaveLength(7);
    expect(all.hasEarlier).toBe(false);
  });

  it("loads the attachments of the messages shown, and only theirs", async () => {
    const first = receive("a photo", { kind: "image", media: [{ providerMediaId: "media-1", mimeType: "image/jpeg" }] });
    receive("text");
    receive("another photo", { kind: "image", media: [{ providerMediaId: "media-2", mimeType: "image/jpeg" }] });
    const newest = await as(ana).chats.get({ chatId: first.chatId, limit: 2 });
    expect(newest.attachments.map((a) => a.providerMediaId)).toEqual(["media-2"]);
    const all = await as(ana).chats.get({ chatId: first.chatId });
    expect(all.attachments.map((a) => a.providerMediaId)).toEqual(["media-1", "media-2"]);
    expect(all.attachments.every((a) => all.messages.some((m) => m.id === a.messageId))).toBe(true);
  });

  it("shows what was said before a transfer only once the chat's own first message is shown", async () => {
    const { chatId } = receive("before the transfer");
    await as(ana).chats.assign({ chatId, userId: ana.id });
    const transfer = await as(ana).chats.assign({ chatId, userId: luis.id });
    const newChat = transfer.chat.id;
    for (let i = 1; i <= 3; i++) receive(`after ${i}`);
    const partial = await as(luis).chats.get({ chatId: newChat, limit: 2 });
    expect(partial.hasEarlier).toBe(true);
    expect(partial.earlier).toEqual([]);
    const whole = await as(luis).chats.get({ chatId: newChat });
    expect(whole.hasEarlier).toBe(false);
    expect(whole.earlier.map((m) => m.body)).toContain("before the transfer");
  });
});
