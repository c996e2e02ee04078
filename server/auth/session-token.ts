import { decode, encode, type JWT } from "next-auth/jwt";
import type { Db } from "@/db/client";
import { activeUserById, type PublicUser } from "@/server/services/users";
import { SESSION_MAX_AGE_S } from "./session-age";
import { authSecret } from "./secret";

// The signed-in user of a request that comes back every few seconds (the inbox's poll), without the full
// Auth.js `auth()` round (building its config, HKDF and decrypting the JWT, the session callback) on each
// one: the bench measured it at about 2.5 ms of CPU per poll, more than the rest of Next's work together.
// Decrypting a given cookie always gives the same claims, so the result is kept per cookie value until
// the token expires (at most CACHE_MS). The user row is still read on every request, so a deactivated
// account or a changed role takes effect at once, as with currentUser(). Auth.js sessions are stateless
// JWTs — signing out only drops the cookie — so caching the decoding revokes nothing later than before.
// Pages and server actions use it too (currentUser in session.ts), so a signed-in page skips Auth.js's
// round as well. No Next.js imports: the front server (server/http/front) uses this too.

const COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;
const CACHE_MS = 60_000;
const MAX_ENTRIES = 5_000;

interface Decoded {
  userId: number | null;
  until: number;
  claims: JWT | null;
}

const globalForSessions = globalThis as unknown as { charlaSessionCache?: Map<string, Decoded> };
const cache = (globalForSessions.charlaSessionCache ??= new Map());

type CookieFound = { kind: "plain"; name: string; value: string } | { kind: "chunked" } | { kind: "none" };

function sessionCookie(header: string | null | undefined): CookieFound {
  if (!header) return { kind: "none" };
  const found = new Map<string, string>();
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) found.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  for (const name of COOKIES) {
    const value = found.get(name);
    if (value) return { kind: "plain", name, value };
  }
  // A large token is split into name.0, name.1 …: only Auth.js itself reassembles those.
  for (const key of found.keys()) if (COOKIES.some((name) => key.startsWith(`${name}.`))) return { kind: "chunked" };
  return { kind: "none" };
}

async function decoded(name: string, value: string, now: number): Promise<Decoded> {
  const key = `${name}=${value}`;
  const hit = cache.get(key);
  if (hit && now < hit.until) return hit;
  const entry: Decoded = { userId: null, until: now + CACHE_MS, claims: null };
  try {
    const token = await decode({ token: value, secret: authSecret(), salt: name });
    const id = Number(token?.uid);
    if (token && Number.isInteger(id) && id > 0) {
      entry.userId = id;
      entry.claims = token;
    }
    if (typeof token?.exp === "number") entry.until = Math.min(entry.until, token.exp * 1000);
  } catch {
    // Not ours, tampered with or expired: no session, as Auth.js would decide.
  }
  if (!hit && cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, entry);
  return entry;
}

/**
 * The user id a Cookie header's session names (null: no valid session), or undefined when Auth.js should
 * decide: no session cookie, or one split into chunks.
 */
export async function cookieSessionUserId(header: string | null | undefined, now = Date.now()): Promise<number | null | undefined> {
  const cookie = sessionCookie(header);
  if (cookie.kind !== "plain") return undefined;
  return (await decoded(cookie.name, cookie.value, now)).userId;
}

// Auth.js re-issues the session token whenever auth() runs where cookies can be written, so a session
// expires SESSION_MAX_AGE_S after the last activity, not after sign-in. Pages here skip auth() (above), so
// the poll an open inbox sends every few seconds renews it instead: an agent working past the twelfth hour
// of a long shift stays signed in, and a tab closed (or hidden, when the poll pauses) lets the session run
// out as before. Renewing at most every RENEW_AFTER_S keeps it to one encryption per agent per few minutes.
const RENEW_AFTER_S = 10 * 60;
// Auth.js splits a cookie over this size into chunks; ours are far smaller, but never write one it would not.
const MAX_COOKIE_VALUE = 3_900;

/**
 * A Set-Cookie header value that renews the session a Cookie header carries, or null: no plain and valid
 * session cookie, or one issued less than RENEW_AFTER_S ago. Same claims, new expiry, Auth.js's attributes.
 */
export async function renewedSessionCookie(header: string | null | undefined, now = Date.now()): Promise<string | null> {
  const cookie = sessionCookie(header);
  if (cookie.kind !== "plain") return null;
  const { claims } = await decoded(cookie.name, cookie.value, now);
  if (!claims || typeof claims.iat !== "number" || now / 1000 - claims.iat < RENEW_AFTER_S) return null;
  const { iat: _iat, exp: _exp, jti: _jti, ...kept } = claims;
  const value = await encode({ token: kept, secret: authSecret(), salt: cookie.name, maxAge: SESSION_MAX_AGE_S });
  if (value.length > MAX_COOKIE_VALUE) return null;
  const expires = new Date(now + SESSION_MAX_AGE_S * 1000).toUTCString();
  const secure = cookie.name.startsWith("__Secure-") ? "; Secure" : "";
  return `${cookie.name}=${value}; Path=/; Expires=${expires}; HttpOnly; SameSite=Lax${secure}`;
}

/**
 * The active user a Cookie header signs in, null when its session cookie signs in nobody, or undefined
 * when Auth.js should decide: no session cookie (the tests' and other sign-in paths), or one split into chunks.
 */
export async function userFromCookieHeader(db: Db, header: string | null | undefined, now = Date.now()): Promise<PublicUser | null | undefined> {
  const userId = await cookieSessionUserId(header, now);
  if (userId === undefined) return undefined;
  return userId === null ? null : activeUserById(db, userId);
}
