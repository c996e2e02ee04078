// In-memory token buckets: enough for one server process, and forgotten on restart (a limit, not a
// record). Each key holds up to `capacity` tokens, refilled at `perSecond`; a request takes one.

export interface Bucket {
  capacity: number;
  perSecond: number;
}

export class RateLimiter {
  private readonly tokens = new Map<string, { level: number; at: number }>();

  constructor(private readonly bucket: Bucket, private readonly maxKeys = 50_000) {}

  /** True when the request may go ahead; otherwise the seconds until one token is back. */
  take(key: string, now: number): true | number {
    const { capacity, perSecond } = this.bucket;
    const entry = this.tokens.get(key);
    const level = entry ? Math.min(capacity, entry.level + ((now - entry.at) / 1000) * perSecond) : capacity;
    if (level < 1) {
      this.tokens.set(key, { level, at: now });
      return Math.max(1, Math.ceil((1 - level) / perSecond));
    }
    if (!entry && this.tokens.size >= this.maxKeys) this.evictOldest();
    this.tokens.set(key, { level: level - 1, at: now });
    return true;
  }

  private evictOldest(): void {
    // Maps iterate in insertion order: the first keys are the least recently created.
    const drop = Math.ceil(this.maxKeys / 10);
    for (const key of this.tokens.keys()) {
      this.tokens.delete(key);
      if (this.tokens.size <= this.maxKeys - drop) break;
    }
  }
}

/** The client address as the nearest proxy reports it, for per-IP limits. */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}
