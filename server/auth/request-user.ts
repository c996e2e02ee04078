import { decode } from "next-auth/jwt";
import { getDb } from "@/db/client";
import { activeUserById, type PublicUser } from "@/server/services/users";
import { authSecret } from "./secret";
import { currentUser } from "./session";

// The signed-in user of a request that comes back every few seconds (the inbox's poll), without the full
// Auth.js `auth()` round (building its config, HKDF and decrypting the JWT, the session callback) on each
// one: the bench measured it at about 2.5 ms of CPU per poll, more than the rest of Next's work together.
// Decrypting a given cookie always gives the same claims, so the result is kept per cookie value until
// the token expires (at most CACHE_MS). The user row is still read on every request, so a deactivated
// account or a changed role takes effect at once, as with currentUser(). Auth.js sessions are stateless
// JWTs — signing out only drops the cookie — so caching the decoding revokes nothing later than before.

const COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;
const CACHE_MS = 60_000;
const MAX_ENTRIES = 5_000;

interface Decoded {
  userId: number | null;
  until: number;
}

const globalForSessions = globalThis as unknown as { charlaSessionCache?: Map<string, Decoded> };
const cache = (globalForSessions.charlaSessionCache ??= new Map());

function sessionCookie(header: string | null): { name: string; value: string } | null {
  if (!header) return null;
  const found = new Map<string, string>();
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) found.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  for (const name of COOKIES) {
    const value = found.get(name);
    if (value) return { name, value };
  }
  return null;
}

async function decodedUserId(name: string, value: string, now: number): Promise<number | null> {
  const key = `${name}=${value}`;
  const hit = cache.get(key);
  if (hit && now < hit.until) return hit.userId;
  let userId: number | null = null;
  let until = now + CACHE_MS;
  try {
    const token = await decode({ token: value, secret: authSecret(), salt: name });
    const id = Number(token?.uid);
    if (token && Number.isInteger(id) && id > 0) userId = id;
    if (typeof token?.exp === "number") until = Math.min(until, token.exp * 1000);
  } catch {
    // Not ours, tampered with or expired: no session, as Auth.js would decide.
  }
  if (!hit && cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, { userId, until });
  return userId;
}

/** currentUser() for route handlers polled often; falls back to it when the cookie is not the plain kind. */
export async function requestUser(req: Request): Promise<PublicUser | null> {
  const cookie = sessionCookie(req.headers.get("cookie"));
  // No session cookie, or one split into chunks (.0, .1 …): let Auth.js decide, as everywhere else.
  if (!cookie) return currentUser();
  const userId = await decodedUserId(cookie.name, cookie.value, Date.now());
  return userId === null ? null : activeUserById(getDb(), userId);
}
