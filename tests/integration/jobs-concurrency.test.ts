import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scheduleChatAction } from "@/server/services/chat-actions";
import { ingestMessage } from "@/server/services/ingest";
import { tempDb } from "../support/db";
import { makeChannel, makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";
import { race } from "../support/race";

const HOUR = 3_600_000;

describe("background jobs run twice at once", () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => (t = tempDb()));
  afterEach(() => t.close());

  it("three processes firing reminders and closing inactive chats together do each thing exactly once", async () => {
    const agent = await makeUser(t.db, "agent");
    const channel = makeChannel(t.db);
    for (let i = 0; i < 30; i++) {
      const { chatId } = ingestMessage(t.db, channel, inboundText(`5511900000${String(i).padStart(3, "0")}`, "oi", T0), T0);
      if (i < 15) scheduleChatAction(t.db, { viewer: agent, now: T0 + 1 }, chatId, T0 + 2 * HOUR, "ligar");
    }
    // 25 h later: the 15 reminders are due (not yet a full period past them), the other 15 chats are inactive.
    const now = T0 + 25 * HOUR;
    const results = await race([1, 2, 3].map(() => ({ op: "jobs" as const, file: t.file, now })));
    const outcomes = results.flat();
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const sum = (key: "remindersFired" | "closedInactive") => outcomes.reduce((n, o) => n + (o.ok ? (o.detail as Record<string, number>)[key]! : 0), 0);
    expect(sum("remindersFired")).toBe(15);
    expect(sum("closedInactive")).toBe(15);
    const events = t.db.$client.prepare("SELECT json_extract(payload, '$.type') AS type, count(*) AS n FROM messages WHERE kind = 'system' AND json_extract(payload, '$.type') IN ('closed', 'reminder_due') GROUP BY 1 ORDER BY 1").all();
    expect(events).toEqual([
      { type: "closed", n: 15 },
      { type: "reminder_due", n: 15 },
    ]);
  });
});
