import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import type { FetchLike } from "@/server/channels/shared";
import { INTERRUPTED_REASON } from "@/server/domain/outbox-retry";
import { recoverInterruptedSends, runDispatcher } from "@/server/jobs/dispatcher";
import { claimOutboxMessage } from "@/server/repositories/outbox";
import { ingestMessage } from "@/server/services/ingest";
import { retryMessage } from "@/server/services/retry-message";
import { sendMessage } from "@/server/services/send-message";
import type { PublicUser } from "@/server/services/users";
import { whatsappChannel } from "../../support/channels";
import { tempDb } from "../../support/db";
import { makeUser, T0 } from "../../support/fixtures";
import { inboundText } from "../../support/inbound";
import { fixtureText } from "../../unit/channels/fixtures";

type Answer = { status: number; body: string } | Error;

/** A provider double answering from a script (the last answer repeats), recording every request. */
function provider(...answers: Answer[]) {
  const calls: { url: string; body: unknown; headers: Record<string, string> }[] = [];
  const impl: FetchLike = async (url, init) => {
    const answer = answers[Math.min(calls.length, answers.length - 1)]!;
    calls.push({ url, body: JSON.parse(init.body ?? "null"), headers: init.headers });
    if (answer instanceof Error) throw answer;
    return { status: answer.status, text: async () => answer.body };
  };
  return { impl, calls };
}

const OK = { status: 200, body: fixtureText("whatsapp", "send-response") };
const WAMID = "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjVDMUE5RjhCMjdFMzRENjBCMQA=";

describe("outbound dispatcher", () => {
  let t: ReturnType<typeof tempDb>;
  let agent: PublicUser;
  let now: number;
  let chatId: number;

  beforeEach(async () => {
    t = tempDb();
    now = T0;
    agent = await makeUser(t.db, "agent", "Ana");
    const channel = whatsappChannel(t.db);
    chatId = ingestMessage(t.db, channel, inboundText("5511987654321", "oi", now), now).chatId;
  });
  afterEach(() => t.close());

  const send = (body = "Olá!") => sendMessage(t.db, { viewer: agent, now }, chatId, { kind: "text", body });
  const row = (id: number) =>
    t.db.$client.prepare("SELECT status, status_reason AS reason, attempts, next_attempt_at AS next, provider_message_id AS pid, sending_since AS inflight FROM messages WHERE id = ?").get(id) as {
      status: string;
      reason: string | null;
      attempts: number;
      next: number | null;
      pid: string | null;
      inflight: number | null;
    };
  const dispatch = (fetchImpl: FetchLike) => runDispatcher(t.db, { now: () => now, fetchImpl });

  it("sends a queued message with the contact's identity and records the provider id", async () => {
    const message = send();
    const p = provider(OK);
    expect(await dispatch(p.impl)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(p.calls).toHaveLength(1);
    expect(p.calls[0]!.url).toBe("https://graph.test/v23.0/109876543210987/messages");
    expect(p.calls[0]!.headers.Authorization).toBe("Bearer wa-token");
    expect(p.calls[0]!.body).toMatchObject({ to: "5511987654321", type: "text", text: { body: "Olá!" } });
    expect(row(message.id)).toMatchObject({ status: "sent", pid: WAMID, attempts: 1, inflight: null, reason: null });
    // Nothing is due any more.
    expect(await dispatch(p.impl)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(p.calls).toHaveLength(1);
  });

  it("backs off exponentially on 5xx, 429 and network errors, then sends", async () => {
    const message = send();
    const p = provider(
      { status: 500, body: fixtureText("whatsapp", "error-server") },
      { status: 429, body: fixtureText("whatsapp", "error-throughput") },
      new TypeError("fetch failed"),
      OK,
    );
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      expect(await dispatch(p.impl)).toMatchObject({ retrying: 1 });
      const r = row(message.id);
      expect(r.status).toBe("queued");
      delays.push(r.next! - now);
      // Not due before its time.
      now = r.next! - 1;
      expect(await dispatch(p.impl)).toEqual({ sent: 0, retrying: 0, failed: 0 });
      now += 1;
    }
    expect(delays).toEqual([5_000, 10_000, 20_000]);
    expect(row(message.id).reason).toMatch(/network error/);
    expect(await dispatch(p.impl)).toMatchObject({ sent: 1 });
    expect(row(message.id)).toMatchObject({ status: "sent", attempts: 4, reason: null });
  });

  it("caps the delay at 15 minutes and gives up after 12 attempts with the last reason", async () => {
    const message = send();
    const p = provider({ status: 503, body: "upstream down" });
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      await dispatch(p.impl);
      const r = row(message.id);
      if (r.next !== null) delays.push(r.next - now);
      now = r.next ?? now;
    }
    expect(delays.at(-1)).toBe(15 * 60_000);
    expect(Math.max(...delays)).toBe(15 * 60_000);
    expect(row(message.id)).toMatchObject({ status: "failed", attempts: 12 });
    expect(row(message.id).reason).toMatch(/after 12 attempts: HTTP 503/);
    expect(p.calls).toHaveLength(12);
  });

  it("fails at once on a permanent 4xx, keeping the provider's reason", async () => {
    const message = send();
    const p = provider({ status: 400, body: fixtureText("whatsapp", "error-re-engagement") });
    expect(await dispatch(p.impl)).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(row(message.id).status).toBe("failed");
    expect(row(message.id).reason).toMatch(/131047.*Re-engagement message.*24 hours/);
  });

  it("after a restart, fails a message whose send was in flight instead of sending it twice; sends the unclaimed one", async () => {
    const inFlight = send("first");
    const waiting = send("second");
    // The process died right after claiming the first message (its request may have reached the provider).
    t.db.transaction((tx) => claimOutboxMessage(tx, inFlight.id, now, 60_000), { behavior: "immediate" });
    now += 2_000;
    expect(recoverInterruptedSends(t.db, now + 1)).toBe(1);
    const p = provider(OK);
    expect(await dispatch(p.impl)).toMatchObject({ sent: 1 });
    expect(p.calls.map((c) => (c.body as { text: { body: string } }).text.body)).toEqual(["second"]);
    expect(row(inFlight.id)).toMatchObject({ status: "failed", reason: INTERRUPTED_REASON, inflight: null });
    expect(row(waiting.id).status).toBe("sent");

    // The agent retries it: queued again with a fresh count, and sent.
    const retried = retryMessage(t.db, agent, inFlight.id, now);
    expect(retried.status).toBe("queued");
    await expect(async () => retryMessage(t.db, agent, waiting.id, now)).rejects.toMatchObject({ code: "CONFLICT" });
    const p2 = provider({ status: 200, body: JSON.stringify({ messages: [{ id: "wamid.retry" }] }) });
    expect(await dispatch(p2.impl)).toMatchObject({ sent: 1 });
    expect(row(inFlight.id)).toMatchObject({ status: "sent", pid: "wamid.retry", attempts: 1 });
  });

  it("a crash during a chat's first send interrupts only that one; the messages waiting behind it stay queued", async () => {
    const first = send("first");
    const second = send("second");
    const third = send("third");
    // The provider has the first request and the process dies before the answer: the pass never ends.
    const calls: string[] = [];
    const hang: FetchLike = (_url, init) => {
      calls.push((JSON.parse(init.body!) as { text: { body: string } }).text.body);
      return new Promise(() => undefined);
    };
    void dispatch(hang);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual(["first"]);
    expect(row(first.id).inflight).not.toBeNull();
    expect(row(second.id)).toMatchObject({ status: "queued", inflight: null, attempts: 0 });
    // The restart: only the send that may have reached the provider is failed; the rest go out, in order.
    now += 2_000;
    expect(recoverInterruptedSends(t.db, now + 1)).toBe(1);
    const p = provider({ status: 200, body: JSON.stringify({ messages: [{ id: "w2" }] }) }, { status: 200, body: JSON.stringify({ messages: [{ id: "w3" }] }) });
    expect(await dispatch(p.impl)).toMatchObject({ sent: 2, failed: 0 });
    expect(p.calls.map((c) => (c.body as { text: { body: string } }).text.body)).toEqual(["second", "third"]);
    expect(row(first.id)).toMatchObject({ status: "failed", reason: INTERRUPTED_REASON });
    expect([row(second.id).status, row(third.id).status]).toEqual(["sent", "sent"]);
  });

  it("sends each message exactly once with two dispatchers on two connections at the same time", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => send(`m${i}`).id);
    const second = openDatabase(t.file);
    try {
      let n = 0;
      const bodies: string[] = [];
      const impl: FetchLike = async (_url, init) => {
        bodies.push((JSON.parse(init.body!) as { text: { body: string } }).text.body);
        await new Promise((r) => setTimeout(r, 2));
        n += 1;
        return { status: 200, text: async () => JSON.stringify({ messages: [{ id: `wamid.${n}` }] }) };
      };
      // Small batches, so the two loops interleave claims and sends.
      const drain = async (db: typeof second) => {
        let sent = 0;
        for (;;) {
          const r = await runDispatcher(db, { now: () => now, fetchImpl: impl, batch: 3 });
          if (r.sent === 0) return sent;
          sent += r.sent;
        }
      };
      const [a, b] = await Promise.all([drain(t.db), drain(second)]);
      expect(a + b).toBe(20);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
      expect(bodies.sort()).toEqual(ids.map((_, i) => `m${i}`).sort());
      const statuses = t.db.$client.prepare("SELECT DISTINCT status FROM messages WHERE author_kind = 'user'").all();
      expect(statuses).toEqual([{ status: "sent" }]);
    } finally {
      second.$client.close();
    }
  });

  it("keeps the order of one chat's messages", async () => {
    send("one");
    send("two");
    send("three");
    const p = provider(OK, { status: 200, body: JSON.stringify({ messages: [{ id: "w2" }] }) }, { status: 200, body: JSON.stringify({ messages: [{ id: "w3" }] }) });
    await dispatch(p.impl);
    expect(p.calls.map((c) => (c.body as { text: { body: string } }).text.body)).toEqual(["one", "two", "three"]);
  });
});
