// What happens to an outbound message after a delivery attempt. Pure: the dispatcher supplies the
// attempt count (already including this attempt) and the adapter's verdict.

export const OUTBOX_MAX_ATTEMPTS = 12;
export const OUTBOX_FIRST_DELAY_MS = 5_000;
export const OUTBOX_MAX_DELAY_MS = 15 * 60_000;
/** How long a claimed message is hidden from other dispatchers; longer than any send may take. */
export const OUTBOX_LEASE_MS = 60_000;

export const INTERRUPTED_REASON = "Delivery interrupted by a restart; it may not have been sent — use Retry";

export type SendVerdict = { ok: true; providerMessageId: string } | { ok: false; retryable: boolean; reason: string };

export type OutboxOutcome =
  | { status: "sent"; providerMessageId: string }
  | { status: "queued"; nextAttemptAt: number; reason: string }
  | { status: "failed"; reason: string };

/** 5 s, 10 s, 20 s … doubling per attempt, never more than 15 minutes. */
export function retryDelay(attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(OUTBOX_MAX_DELAY_MS, OUTBOX_FIRST_DELAY_MS * 2 ** Math.min(exponent, 30));
}

export function outboxOutcome(verdict: SendVerdict, attempts: number, now: number): OutboxOutcome {
  if (verdict.ok) return { status: "sent", providerMessageId: verdict.providerMessageId };
  if (!verdict.retryable) return { status: "failed", reason: verdict.reason };
  if (attempts >= OUTBOX_MAX_ATTEMPTS) {
    return { status: "failed", reason: `Gave up after ${attempts} attempts: ${verdict.reason}` };
  }
  return { status: "queued", nextAttemptAt: now + retryDelay(attempts), reason: verdict.reason };
}
