import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LoginThrottle, LOGIN_LIMITS } from "@/server/auth/login-throttle";
import { throttledSignIn } from "@/server/auth/sign-in";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";

// The sign-in check against a real user: ten wrong passwords lock the account for fifteen minutes —
// even the right password is then refused with "rate_limited", the code the login page explains.

describe("sign-in rate limiting", () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => (t = tempDb()));
  afterEach(() => t.close());

  it("locks an account after 10 failures, refuses the right password meanwhile, and lets it in after the window", async () => {
    const user = await makeUser(t.db, "agent");
    const throttle = new LoginThrottle();
    const attempt = (password: string, at: number, ip = "203.0.113.5") => throttledSignIn(t.db, user.email, password, ip, at, throttle);
    for (let i = 0; i < LOGIN_LIMITS.perAccount.max; i++) expect(await attempt("wrong-password", T0 + i)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("password-123", T0 + 100)).toEqual({ ok: false, reason: "rate_limited" });
    expect(await attempt("password-123", T0 + 100, "198.51.100.9")).toEqual({ ok: false, reason: "rate_limited" });
    const later = await attempt("password-123", T0 + LOGIN_LIMITS.perAccount.ms + 100);
    expect(later.ok).toBe(true);
  });

  it("limits one address guessing many accounts", async () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < LOGIN_LIMITS.perIp.max; i++) {
      expect((await throttledSignIn(t.db, `nobody${i}@example.com`, "x", "203.0.113.66", T0 + i, throttle)).ok).toBe(false);
    }
    const user = await makeUser(t.db, "agent");
    expect(await throttledSignIn(t.db, user.email, "password-123", "203.0.113.66", T0 + 100, throttle)).toEqual({ ok: false, reason: "rate_limited" });
    expect((await throttledSignIn(t.db, user.email, "password-123", "198.51.100.1", T0 + 100, throttle)).ok).toBe(true);
  }, 30_000);
});
