import { describe, expect, it, vi } from "vitest";
import { listChannels } from "@/server/repositories/channels";
import { acceptInbound, fileInboundBatch } from "@/server/services/inbound-queue";
import { whatsappChannel } from "../support/channels";
import { inboundText } from "../support/inbound";
import { useRouteDb } from "../support/route-db";

// A filing batch's budget is CPU time, so a process that waits for a core mid-batch (a machine busy with
// other work) still files a batch's worth each turn. The wait is made real: after each message is stored,
// the thread sleeps off-CPU (Atomics.wait), as a descheduled process does.

const offCpu = vi.hoisted(() => ({ ms: 0 }));
vi.mock("@/server/services/inbound-hooks", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/server/services/inbound-hooks")>();
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return {
    ...actual,
    afterInboundFiled: (...args: Parameters<typeof actual.afterInboundFiled>) => {
      if (offCpu.ms) Atomics.wait(cell, 0, 0, offCpu.ms);
      actual.afterInboundFiled(...args);
    },
  };
});

const T = Date.UTC(2026, 5, 1, 12);

describe("inbound filing budget", () => {
  const t = useRouteDb();
  const count = (table: string) => (t.current.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it("counts the CPU a batch uses, not the time it waited for a core", () => {
    whatsappChannel(t.current.db);
    const ch = listChannels(t.current.db)[0]!;
    const accept = (from: number, n: number) => {
      for (let i = from; i < from + n; i++) acceptInbound(t.current.db, [{ channel: ch, event: inboundText(`55119300000${String(i).padStart(2, "0")}`, `m${i}`, T) }], T);
    };
    // Warm: statements prepared, code compiled — what a running server has long done.
    accept(0, 3);
    expect(fileInboundBatch(t.current.db, T, 100, Infinity)).toMatchObject({ deliveries: 3, more: false });

    // Four deliveries, each followed by 15 ms off-CPU: 60 ms of wall time, a few ms of it CPU. A 20 ms
    // budget of wall time would end the batch after two.
    accept(3, 4);
    offCpu.ms = 15;
    try {
      expect(fileInboundBatch(t.current.db, T, 100, 20)).toMatchObject({ deliveries: 4, stored: 4, more: false });
    } finally {
      offCpu.ms = 0;
    }
    expect(count("inbound_queue")).toBe(0);
    expect(count("messages")).toBe(7);
  });
});
