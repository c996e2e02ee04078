import type { Db } from "@/db/client";
import { authenticate, type PublicUser } from "@/server/services/users";
import { LoginThrottle } from "./login-throttle";

// The credentials check behind the login form, with the throttle in front: kept apart from Auth.js's
// configuration so it runs (and is tested) without Next.

export type SignInOutcome = { ok: true; user: PublicUser } | { ok: false; reason: "invalid" | "inactive" | "rate_limited" };

const globalForThrottle = globalThis as unknown as { charlaLoginThrottle?: LoginThrottle };
export const loginThrottle = (globalForThrottle.charlaLoginThrottle ??= new LoginThrottle());

export async function throttledSignIn(db: Db, email: string, password: string, ip: string, now: number, throttle: LoginThrottle = loginThrottle): Promise<SignInOutcome> {
  if (!throttle.check(email, ip, now).allowed) return { ok: false, reason: "rate_limited" };
  const result = await authenticate(db, email, password);
  if (result.ok) throttle.recordSuccess(email);
  else throttle.recordFailure(email, ip, now);
  return result;
}
