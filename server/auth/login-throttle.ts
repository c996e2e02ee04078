// Failed sign-ins, counted in a sliding window per account and per client address, in memory: enough
// for one server process, forgotten on restart. Only failures count, so a person who types their
// password right is never slowed by their own successes; a success clears that account's failures.

export interface Window {
  max: number;
  ms: number;
}

export interface ThrottleLimits {
  perAccount: Window;
  perIp: Window;
}

export const LOGIN_LIMITS: ThrottleLimits = {
  perAccount: { max: 10, ms: 15 * 60_000 },
  perIp: { max: 50, ms: 15 * 60_000 },
};

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; by: "account" | "ip" };

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits = LOGIN_LIMITS,
    private readonly maxKeys = 100_000,
  ) {}

  /** Whether an attempt may be checked at all; refused ones are not even compared with the password. */
  check(account: string, ip: string, now: number): ThrottleDecision {
    for (const [by, key, window] of this.keys(account, ip)) {
      const recent = this.recent(key, window, now);
      if (recent.length >= window.max) {
        return { allowed: false, by, retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! + window.ms - now) / 1000)) };
      }
    }
    return { allowed: true };
  }

  recordFailure(account: string, ip: string, now: number): void {
    for (const [, key, window] of this.keys(account, ip)) {
      const recent = this.recent(key, window, now);
      recent.push(now);
      if (!this.failures.has(key) && this.failures.size >= this.maxKeys) this.failures.delete(this.failures.keys().next().value!);
      this.failures.set(key, recent);
    }
  }

  /** The account's failures are forgiven; the address's stay, or one good account would unlock guessing others. */
  recordSuccess(account: string): void {
    this.failures.delete(`account:${normalizeAccount(account)}`);
  }

  private keys(account: string, ip: string): ["account" | "ip", string, Window][] {
    return [
      ["account", `account:${normalizeAccount(account)}`, this.limits.perAccount],
      ["ip", `ip:${ip}`, this.limits.perIp],
    ];
  }

  private recent(key: string, window: Window, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => at > now - window.ms);
  }
}

/** Emails differ only in case and surrounding spaces for a person; so do the counters. */
export function normalizeAccount(account: string): string {
  return account.trim().toLowerCase();
}
