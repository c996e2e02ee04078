import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chats } from "@/db/schema";
import { makeChannel, makeContact, T0 } from "../support/fixtures";
import { tempDb } from "../support/db";

describe("database invariants", () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => (t = tempDb()));
  afterEach(() => t.close());

  const chatRow = (contactId: number, channelId: number, status: "open" | "scheduled" | "closed") => ({
    contactId,
    channelId,
    status,
    openedAt: T0,
    sortAt: T0,
    updatedAt: T0,
    closedAt: status === "closed" ? T0 : null,
  });

  it("runs in WAL mode with foreign keys and a busy timeout", () => {
    expect(t.db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(t.db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(t.db.$client.pragma("busy_timeout", { simple: true })).toBeGreaterThan(0);
  });

  it("rejects a second active chat for the same contact, in the database itself", () => {
    const channel = makeChannel(t.db);
    const contact = makeContact(t.db);
    t.db.insert(chats).values(chatRow(contact.id, channel.id, "open")).run();
    expect(() => t.db.insert(chats).values(chatRow(contact.id, channel.id, "scheduled")).run()).toThrow(/UNIQUE constraint failed/);
  });

  it("allows any number of closed chats beside one active chat", () => {
    const channel = makeChannel(t.db);
    const contact = makeContact(t.db);
    t.db.insert(chats).values(chatRow(contact.id, channel.id, "closed")).run();
    t.db.insert(chats).values(chatRow(contact.id, channel.id, "closed")).run();
    t.db.insert(chats).values(chatRow(contact.id, channel.id, "open")).run();
    expect(t.db.select().from(chats).all()).toHaveLength(3);
  });

  it("keeps the system close reasons Transferred and Inactivity", () => {
    const rows = t.db.$client.prepare("SELECT label, system_key FROM close_reasons WHERE system_key IS NOT NULL ORDER BY system_key").all();
    expect(rows).toEqual([
      { label: "Inactivity", system_key: "inactivity" },
      { label: "Transferred", system_key: "transferred" },
    ]);
  });
});
