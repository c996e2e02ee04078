import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { ingestMessage } from "@/server/services/ingest";
import { runLifecycleJobs } from "@/server/jobs/lifecycle";
import type { PublicUser } from "@/server/services/users";
import { tempDb } from "../support/db";
import { makeChannel, makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

const MIN = 60_000;

describe("a contact's whole journey through the inbox", () => {
  let t: ReturnType<typeof tempDb>;
  let now: number;
  let ana: PublicUser;
  let luis: PublicUser;
  beforeEach(async () => {
    t = tempDb();
    now = T0;
    ana = await makeUser(t.db, "agent", "Ana");
    luis = await makeUser(t.db, "agent", "Luis");
  });
  afterEach(() => t.close());
  const as = (user: PublicUser) => createCaller(createContext(user, t.db, () => now));

  it("inbound → unassigned+pending → assign → reply → schedule → due → inbound → transfer → close → new chat", async () => {
    const channel = makeChannel(t.db);
    const first = ingestMessage(t.db, channel, inboundText("5511987654321", "Oi! Vocês entregam no sábado?", now), now);
    expect(first.openedChat).toBe(true);

    let counts = await as(ana).inbox.counts();
    expect(counts.pending).toMatchObject({ mine: 0, unassigned: 1, all: 1, teammates: 0 });
    const unassigned = await as(ana).inbox.list({ section: "unassigned", status: "open" });
    expect(unassigned.rows.map((r) => [r.id, r.awaitingReply, r.lastMessagePreview])).toEqual([[first.chatId, true, "Oi! Vocês entregam no sábado?"]]);

    now += MIN;
    const assigned = await as(ana).chats.assign({ chatId: first.chatId, userId: ana.id });
    expect(assigned).toMatchObject({ type: "assign", chat: { id: first.chatId, assigneeId: ana.id, status: "open" } });
    counts = await as(ana).inbox.counts();
    expect(counts.pending).toMatchObject({ mine: 1, unassigned: 0 });
    expect((await as(luis).inbox.counts()).pending).toMatchObject({ mine: 0, teammates: 1 });

    now += MIN;
    await as(ana).chats.send({ chatId: first.chatId, content: { kind: "text", body: "Sim! Até as 14h." } });
    counts = await as(ana).inbox.counts();
    expect(counts.pending.mine).toBe(0);
    expect(counts.total).toBe(0);

    now += MIN;
    const remindAt = now + 60 * MIN;
    const scheduled = await as(ana).chats.schedule({ chatId: first.chatId, at: remindAt, note: "Confirmar endereço" });
    expect(scheduled).toMatchObject({ status: "scheduled", remindAt, remindNote: "Confirmar endereço", closedAt: null });
    expect((await as(ana).inbox.list({ section: "mine", status: "scheduled" })).rows.map((r) => r.id)).toEqual([first.chatId]);

    now = remindAt;
    expect(runLifecycleJobs(t.db, now)).toEqual({ remindersFired: 1, closedInactive: 0 });
    const due = (await as(ana).inbox.list({ section: "mine", status: "open" })).rows[0]!;
    expect(due).toMatchObject({ id: first.chatId, reminderDue: true, status: "open" });
    expect(runLifecycleJobs(t.db, now)).toEqual({ remindersFired: 0, closedInactive: 0 }); // idempotent
    expect((await as(ana).inbox.counts()).remindersDue).toBe(1);
    expect((await as(luis).inbox.counts()).remindersDue).toBe(0);

    await as(ana).chats.schedule({ chatId: first.chatId, at: now + 120 * MIN });
    now += MIN;
    ingestMessage(t.db, channel, inboundText("5511987654321", "Mudei de ideia, pode ser segunda?", now), now);
    const reopened = await as(ana).chats.get({ chatId: first.chatId });
    expect(reopened.chat).toMatchObject({ status: "open", remindAt: null, reminderDue: false, awaitingReply: true });

    now += MIN;
    const transfer = await as(ana).chats.assign({ chatId: first.chatId, userId: luis.id });
    expect(transfer.type).toBe("transfer");
    const old = await as(ana).chats.get({ chatId: first.chatId });
    const reasons = await as(ana).closeReasons.list();
    const transferred = reasons.find((r) => r.systemKey === "transferred")!;
    expect(old.chat).toMatchObject({ status: "closed", closeReasonId: transferred.id, closedById: ana.id });
    expect(transfer.chat).toMatchObject({ status: "open", assigneeId: luis.id, transferredFromId: first.chatId, awaitingReply: true });
    expect((await as(luis).inbox.counts()).pending.mine).toBe(1);
    expect(old.messages.filter((m) => m.kind === "system").map((m) => (m.payload as { type: string }).type)).toContain("transferred");

    now += MIN;
    const resolved = reasons.find((r) => r.label === "Resolved")!;
    const closed = await as(luis).chats.close({ chatId: transfer.chat.id, reasonId: resolved.id });
    expect(closed).toMatchObject({ status: "closed", closeReasonId: resolved.id, closedById: luis.id, awaitingReply: false });
    expect((await as(luis).inbox.list({ section: "mine", status: "closed" })).rows[0]).toMatchObject({ id: transfer.chat.id, closeReason: "Resolved" });

    now += MIN;
    const again = ingestMessage(t.db, channel, inboundText("5511987654321", "Oi de novo", now), now);
    expect(again.openedChat).toBe(true);
    expect(again.chatId).not.toBe(transfer.chat.id);
    const history = await as(luis).chats.contact({ contactId: again.contactId });
    expect(history.chats.map((c) => c.chat.status)).toEqual(["closed", "closed", "open"]);
    expect((await as(luis).inbox.counts()).pending).toMatchObject({ unassigned: 1, mine: 0 });
  });
});
