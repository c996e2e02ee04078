import type { Db } from "@/db/client";
import { getChannelAdapter } from "@/server/channels/registry";
import type { FetchLike } from "@/server/channels/shared";
import { SEND_TIMEOUT_MS } from "@/server/channels/shared";
import { INTERRUPTED_REASON, OUTBOX_LEASE_MS, type OutboxOutcome, type SendVerdict } from "@/server/domain/outbox-retry";
import { claimOutboxMessage, dueOutboxIds, failInFlight, inFlightOutbox } from "@/server/repositories/outbox";
import { findMessage, type MessageRow } from "@/server/repositories/messages";
import { prepareOutbound, recordSendResult } from "@/server/services/outbound";
import { registerKick } from "./kick";

// The outbound dispatcher: claims due queued messages, sends them through their channel's adapter and
// records the verdict. Exactly once: a claim is an immediate transaction that re-checks the row, and a
// send that was in flight when the process died is failed for a person to retry, never repeated.

export interface DispatchOptions {
  now?: () => number;
  fetchImpl?: FetchLike;
  batch?: number;
}

export interface DispatchReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** After a restart: every in-flight marker belongs to a process that is gone. */
export function recoverInterruptedSends(db: Db, startedBefore: number): number {
  return db.transaction(
    (tx) => {
      const stuck = inFlightOutbox(tx, startedBefore);
      failInFlight(tx, stuck.map((m) => m.id), INTERRUPTED_REASON);
      return stuck.length;
    },
    { behavior: "immediate" },
  );
}

function claim(db: Db, id: number, now: number): MessageRow | undefined {
  return db.transaction((tx) => claimOutboxMessage(tx, id, now, OUTBOX_LEASE_MS), { behavior: "immediate" });
}

async function deliver(db: Db, message: MessageRow, opts: Required<Pick<DispatchOptions, "now">> & DispatchOptions): Promise<OutboxOutcome | null> {
  const claimedAt = message.sendingSince!;
  const prepared = prepareOutbound(db, message, opts.now());
  let verdict: SendVerdict;
  if (!prepared.ok) verdict = { ok: false, retryable: false, reason: prepared.reason };
  else {
    const adapter = getChannelAdapter(prepared.channel.type);
    try {
      verdict = await adapter.send(prepared.channel.config, prepared.channel.secrets, prepared.outbound, opts.fetchImpl);
    } catch (err) {
      // Adapters do not throw; if one does, whether the provider saw the request is unknown.
      verdict = { ok: false, retryable: false, reason: `Sending failed unexpectedly: ${(err as Error).message}` };
    }
  }
  return recordSendResult(db, message.id, claimedAt, verdict, opts.now());
}

/** One pass over the due messages. Messages of one chat go one after another, in order. */
export async function runDispatcher(db: Db, options: DispatchOptions = {}): Promise<DispatchReport> {
  const opts = { ...options, now: options.now ?? Date.now };
  const report: DispatchReport = { sent: 0, retrying: 0, failed: 0 };
  // Sends stuck longer than any send can take belong to a dispatcher that died without a restart here.
  recoverInterruptedSends(db, opts.now() - OUTBOX_LEASE_MS - SEND_TIMEOUT_MS);
  const byChat = new Map<number, number[]>();
  for (const id of dueOutboxIds(db, opts.now(), options.batch ?? 50)) {
    const chatId = findMessage(db, id)?.chatId;
    if (chatId !== undefined) byChat.set(chatId, [...(byChat.get(chatId) ?? []), id]);
  }
  await Promise.all(
    [...byChat.values()].map(async (chain) => {
      for (const id of chain) {
        // Claimed only when its turn comes: a message still waiting behind an earlier one of its chat is
        // not in flight, so a crash leaves it queued (sent after the restart), not failed "interrupted".
        const message = claim(db, id, opts.now());
        if (!message) continue;
        const outcome = await deliver(db, message, opts);
        if (outcome?.status === "sent") report.sent += 1;
        else if (outcome?.status === "queued") report.retrying += 1;
        else if (outcome?.status === "failed") report.failed += 1;
      }
    }),
  );
  return report;
}

const TICK_MS = 1_000;

/** Starts the 1-second loop (and the kick) in the server process. */
export function startDispatcher(db: Db): void {
  const recovered = recoverInterruptedSends(db, Date.now() + 1);
  if (recovered) console.warn(`[dispatcher] ${recovered} message(s) were being sent when the server stopped; marked failed for a manual retry.`);
  let running = false;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    runDispatcher(db)
      .catch((err: unknown) => console.error("[dispatcher] failed:", err))
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          run();
        }
      });
  };
  setInterval(run, TICK_MS).unref();
  registerKick("dispatcher", run);
}
