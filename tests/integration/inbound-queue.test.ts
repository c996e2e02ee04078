import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/whatsapp/route";
import { listChannels } from "@/server/repositories/channels";
import { acceptInbound, fileAllDueInbound, fileInboundBatch, inboundQueueHealth } from "@/server/services/inbound-queue";
import { signedMetaRequest, whatsappChannel } from "../support/channels";
import { inboundText } from "../support/inbound";
import { useRouteDb } from "../support/route-db";
import { fixtureText } from "../unit/channels/fixtures";

// A webhook is answered once its delivery is in inbound_queue; filing it into chats follows. Nothing
// accepted may be lost: not to a failing delivery, not to a crash between the two steps.

const T = Date.UTC(2026, 5, 1, 12);

describe("inbound queue", () => {
  const t = useRouteDb();
  const q = <R>(sql: string) => t.current.db.$client.prepare(sql).get() as R;
  const count = (table: string) => q<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).n;
  const channel = () => listChannels(t.current.db)[0]!;

  it("answers a webhook once accepted, and the server files it on the next turn of the event loop", async () => {
    whatsappChannel(t.current.db);
    const res = await POST(signedMetaRequest("http://charla.test/api/webhooks/whatsapp", fixtureText("whatsapp", "text")));
    expect(res.status).toBe(200);
    expect(count("inbound_queue")).toBe(1);
    expect(count("messages")).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(count("inbound_queue")).toBe(0);
    expect(q<{ body: string }>("SELECT body FROM messages").body).toBe("Oi! Vocês entregam no sábado?");
  });

  it("an idle tick only reads: it neither waits for nor takes the write lock another connection holds", () => {
    const other = new Database(t.current.file, { timeout: 0 });
    other.exec("BEGIN IMMEDIATE");
    try {
      expect(fileInboundBatch(t.current.db, T)).toMatchObject({ deliveries: 0, more: false });
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    // With something due, filing does need the lock, and takes it once it is free.
    whatsappChannel(t.current.db);
    acceptInbound(t.current.db, [{ channel: channel(), event: inboundText("5511900000009", "hola", T) }], T);
    expect(fileInboundBatch(t.current.db, T)).toMatchObject({ deliveries: 1, stored: 1 });
  });

  it("files deliveries in arrival order and as of when they were accepted", () => {
    whatsappChannel(t.current.db);
    const ch = channel();
    acceptInbound(t.current.db, [{ channel: ch, event: inboundText("5511900000001", "first", T) }], T + 1_000);
    acceptInbound(t.current.db, [{ channel: ch, event: inboundText("5511900000001", "second", T + 2_000) }], T + 3_000);
    const report = fileAllDueInbound(t.current.db, T + 3_600_000);
    expect(report).toMatchObject({ deliveries: 2, stored: 2, failed: 0 });
    expect(t.current.db.$client.prepare("SELECT body FROM messages ORDER BY id").pluck().all()).toEqual(["first", "second"]);
    // The customer has waited since their first message, not since the queue was filed an hour later.
    expect(q<{ waiting_since: number }>("SELECT waiting_since FROM chats").waiting_since).toBe(T);
  });

  it("rolls back a delivery that cannot be filed alone, keeps it with its error and retries it later", () => {
    whatsappChannel(t.current.db);
    const ch = channel();
    acceptInbound(t.current.db, [{ channel: ch, event: inboundText("5511900000002", "before", T) }], T);
    // A delivery whose second event breaks filing (a message kind the schema refuses) after its first was written.
    const broken = { ...inboundText("5511900000003", "never half-filed", T), kind: undefined as unknown as "text", body: null as unknown as string };
    acceptInbound(t.current.db, [{ channel: ch, event: inboundText("5511900000003", "first half", T) }, { channel: ch, event: broken }], T);
    acceptInbound(t.current.db, [{ channel: ch, event: inboundText("5511900000004", "after", T) }], T);

    // No time budget here: the whole batch, whatever logging the failure costs on a slow machine.
    const report = fileInboundBatch(t.current.db, T, 100, Infinity);
    expect(report).toMatchObject({ deliveries: 3, stored: 2, failed: 1 });
    expect(t.current.db.$client.prepare("SELECT body FROM messages ORDER BY id").pluck().all()).toEqual(["before", "after"]);
    const kept = q<{ attempts: number; next_attempt_at: number; last_error: string }>("SELECT attempts, next_attempt_at, last_error FROM inbound_queue");
    expect(kept.attempts).toBe(1);
    expect(kept.next_attempt_at).toBe(T + 5_000);
    expect(kept.last_error).toMatch(/kind/i);
    // Not due yet: nothing happens; due: it fails again and waits twice as long.
    expect(fileInboundBatch(t.current.db, T + 4_999).deliveries).toBe(0);
    expect(fileInboundBatch(t.current.db, T + 5_000)).toMatchObject({ deliveries: 1, failed: 1 });
    expect(q<{ next_attempt_at: number }>("SELECT next_attempt_at FROM inbound_queue").next_attempt_at).toBe(T + 15_000);
    // Administrators see it on the channels page.
    expect(inboundQueueHealth(t.current.db)).toEqual({ waiting: 1, failing: 1, maxAttempts: 2, lastError: expect.stringMatching(/kind/) });
  });

  it("drops events for a channel deactivated after they were accepted, and files a redelivery once", () => {
    whatsappChannel(t.current.db);
    const ch = channel();
    const event = inboundText("5511900000005", "twice", T);
    acceptInbound(t.current.db, [{ channel: ch, event }], T);
    acceptInbound(t.current.db, [{ channel: ch, event }], T);
    expect(fileAllDueInbound(t.current.db, T)).toMatchObject({ deliveries: 2, stored: 1, duplicates: 1 });
    t.current.db.$client.prepare("UPDATE channels SET active = 0").run();
    acceptInbound(t.current.db, [{ channel: ch, event: inboundText("5511900000005", "too late", T) }], T);
    expect(fileAllDueInbound(t.current.db, T)).toMatchObject({ deliveries: 1, stored: 0, ignored: 1 });
    expect(count("messages")).toBe(1);
    expect(count("inbound_queue")).toBe(0);
  });

  it("files a large backlog in batches until the queue is empty", () => {
    whatsappChannel(t.current.db);
    const ch = channel();
    for (let i = 0; i < 250; i++) acceptInbound(t.current.db, [{ channel: ch, event: inboundText(`55119100${String(i).padStart(5, "0")}`, `m${i}`, T) }], T);
    expect(fileInboundBatch(t.current.db, T, 100, Infinity)).toMatchObject({ deliveries: 100, more: true });
    expect(fileAllDueInbound(t.current.db, T)).toMatchObject({ deliveries: 150, stored: 150, more: false });
    expect(count("messages")).toBe(250);
    expect(inboundQueueHealth(t.current.db)).toEqual({ waiting: 0, failing: 0, maxAttempts: 0, lastError: null });
  });

  it("ends a batch when its time budget is spent, having filed at least one delivery, and leaves the rest due", () => {
    whatsappChannel(t.current.db);
    const ch = channel();
    for (let i = 0; i < 3; i++) acceptInbound(t.current.db, [{ channel: ch, event: inboundText(`551192000000${i}`, `m${i}`, T) }], T);
    expect(fileInboundBatch(t.current.db, T, 100, 0)).toMatchObject({ deliveries: 1, stored: 1, more: true });
    expect(count("inbound_queue")).toBe(2);
    expect(fileInboundBatch(t.current.db, T, 100, Infinity)).toMatchObject({ deliveries: 2, stored: 2, more: false });
    expect(t.current.db.$client.prepare("SELECT body FROM messages ORDER BY id").pluck().all()).toEqual(["m0", "m1", "m2"]);
  });
});
