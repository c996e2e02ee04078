import { describe, expect, it } from "vitest";
import { clientIp, RateLimiter } from "@/server/http/rate-limit";

describe("RateLimiter", () => {
  it("allows a burst up to capacity, then one request per refill interval, per key", () => {
    const limiter = new RateLimiter({ capacity: 3, perSecond: 0.5 });
    const t = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take("a", t))).toEqual([true, true, true]);
    expect(limiter.take("a", t)).toBe(2);
    expect(limiter.take("b", t)).toBe(true);
    expect(limiter.take("a", t + 1_999)).not.toBe(true);
    expect(limiter.take("a", t + 2_000)).toBe(true);
    // Idle time refills up to the capacity, never beyond.
    expect([1, 2, 3, 4].map(() => limiter.take("a", t + 60_000))).toEqual([true, true, true, 2]);
  });

  it("forgets the oldest keys instead of growing without bound", () => {
    const limiter = new RateLimiter({ capacity: 1, perSecond: 0.001 }, 10);
    for (let i = 0; i < 10; i++) limiter.take(`k${i}`, 0);
    expect(limiter.take("k0", 0)).not.toBe(true);
    limiter.take("new", 0);
    expect(limiter.take("k0", 0)).toBe(true);
  });

  it("reads the client address from the nearest proxy's headers", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.1" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-real-ip": "198.51.100.2" }))).toBe("198.51.100.2");
    expect(clientIp(new Headers())).toBe("unknown");
  });
});
