import { describe, expect, it } from "vitest";
import { LoginThrottle } from "@/server/auth/login-throttle";

const MIN = 60_000;
const limits = { perAccount: { max: 3, ms: 15 * MIN }, perIp: { max: 5, ms: 15 * MIN } };

describe("LoginThrottle", () => {
  it("refuses an account after its limit of failures, whatever the case of the email, until the window slides", () => {
    const t = new LoginThrottle(limits);
    for (let i = 0; i < 3; i++) {
      expect(t.check("ana@example.com", `10.0.0.${i}`, i * MIN).allowed).toBe(true);
      t.recordFailure(i === 1 ? " ANA@example.com" : "ana@example.com", `10.0.0.${i}`, i * MIN);
    }
    const refused = t.check("Ana@Example.com", "10.9.9.9", 3 * MIN);
    expect(refused).toEqual({ allowed: false, by: "account", retryAfterSeconds: 12 * 60 });
    // The first failure leaves the window at 15 minutes: one more attempt is allowed.
    expect(t.check("ana@example.com", "10.9.9.9", 15 * MIN + 1).allowed).toBe(true);
  });

  it("refuses an address after its limit across accounts, without locking those accounts elsewhere", () => {
    const t = new LoginThrottle(limits);
    for (let i = 0; i < 5; i++) t.recordFailure(`user${i}@example.com`, "203.0.113.7", i);
    expect(t.check("someone@example.com", "203.0.113.7", 10)).toMatchObject({ allowed: false, by: "ip" });
    expect(t.check("user0@example.com", "198.51.100.1", 10).allowed).toBe(true);
  });

  it("forgives an account's failures on success but keeps the address's", () => {
    const t = new LoginThrottle(limits);
    for (let i = 0; i < 2; i++) t.recordFailure("ana@example.com", "203.0.113.7", i);
    t.recordSuccess("ana@example.com");
    t.recordFailure("ana@example.com", "203.0.113.7", 5);
    t.recordFailure("ana@example.com", "203.0.113.7", 6);
    expect(t.check("ana@example.com", "198.51.100.1", 7).allowed).toBe(true);
    t.recordFailure("bob@example.com", "203.0.113.7", 8);
    expect(t.check("carol@example.com", "203.0.113.7", 9)).toMatchObject({ allowed: false, by: "ip" });
  });

  it("forgets the oldest keys rather than grow without bound", () => {
    const t = new LoginThrottle(limits, 10);
    for (let i = 0; i < 100; i++) t.recordFailure(`u${i}@example.com`, `10.0.${i}.1`, i);
    expect((t as unknown as { failures: Map<string, number[]> }).failures.size).toBeLessThanOrEqual(10);
  });
});
