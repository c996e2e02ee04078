import { afterEach, describe, expect, it, vi } from "vitest";
import { decode, encode } from "next-auth/jwt";

// Auth.js's own path serves only requests without a plain session cookie; these all carry one.
vi.mock("@/server/auth/session", () => ({ currentUser: async () => null }));

import { authSecret } from "@/server/auth/secret";
import { SESSION_MAX_AGE_S } from "@/server/auth/session-age";
import { renewedSessionCookie } from "@/server/auth/session-token";
import { GET as pollRoute } from "@/app/api/poll/route";
import { makeUser } from "../support/fixtures";
import { useRouteDb } from "../support/route-db";

// Sessions slide: the open inbox's poll renews a session older than a few minutes, so an agent is not
// signed out twelve hours after signing in while still at work.

const COOKIE = "authjs.session-token";
const HOUR = 3_600_000;

/** A session token as Auth.js writes it at sign-in, issued `ageMs` ago. */
async function tokenIssuedAgo(ageMs: number, name = COOKIE, uid = "7"): Promise<string> {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - ageMs });
  try {
    return await encode({ secret: authSecret(), salt: name, maxAge: SESSION_MAX_AGE_S, token: { sub: uid, uid, role: "admin", name: "Ana", email: "ana@example.com" } });
  } finally {
    vi.useRealTimers();
  }
}

describe("renewedSessionCookie", () => {
  const t = useRouteDb();
  afterEach(() => vi.useRealTimers());

  it("renews a session issued two hours ago with the same claims, a new expiry and Auth.js's attributes", async () => {
    const now = Date.now();
    const header = await renewedSessionCookie(`theme=dark; ${COOKIE}=${await tokenIssuedAgo(2 * HOUR)}`, now);
    expect(header).not.toBeNull();
    const [pair, ...attributes] = header!.split("; ");
    const value = pair!.slice(`${COOKIE}=`.length);
    expect(pair!.startsWith(`${COOKIE}=`)).toBe(true);
    expect(attributes).toEqual(["Path=/", `Expires=${new Date(now + SESSION_MAX_AGE_S * 1000).toUTCString()}`, "HttpOnly", "SameSite=Lax"]);
    const claims = await decode({ token: value, secret: authSecret(), salt: COOKIE });
    expect(claims).toMatchObject({ sub: "7", uid: "7", role: "admin", name: "Ana", email: "ana@example.com" });
    expect(Math.abs(claims!.exp! - (now / 1000 + SESSION_MAX_AGE_S))).toBeLessThan(5);
    // The renewed cookie is itself fresh: nothing to renew for a while.
    expect(await renewedSessionCookie(`${COOKIE}=${value}`, now)).toBeNull();
  });

  it("keeps the Secure attribute of a __Secure- cookie", async () => {
    const name = `__Secure-${COOKIE}`;
    expect(await renewedSessionCookie(`${name}=${await tokenIssuedAgo(HOUR, name)}`)).toMatch(/^__Secure-authjs\.session-token=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax; Secure$/);
  });

  it("leaves alone a session issued a minute ago, an expired or forged one, chunks and no cookie", async () => {
    expect(await renewedSessionCookie(`${COOKIE}=${await tokenIssuedAgo(60_000)}`)).toBeNull();
    expect(await renewedSessionCookie(`${COOKIE}=${await tokenIssuedAgo(SESSION_MAX_AGE_S * 1000 + HOUR)}`)).toBeNull();
    expect(await renewedSessionCookie(`${COOKIE}=forged`)).toBeNull();
    expect(await renewedSessionCookie(`${COOKIE}.0=abc; ${COOKIE}.1=def`)).toBeNull();
    expect(await renewedSessionCookie(null)).toBeNull();
  });

  it("renews through the poll route handler too (what `next dev` serves), for an active user only", async () => {
    const agent = await makeUser(t.current.db, "agent");
    const poll = async (cookie: string) => pollRoute(new Request("http://localhost/api/poll", { headers: { cookie } }));
    const old = `${COOKIE}=${await tokenIssuedAgo(HOUR, COOKIE, String(agent.id))}`;
    const renewed = await poll(old);
    expect(renewed.status).toBe(200);
    expect(renewed.headers.get("set-cookie")).toMatch(new RegExp(`^${COOKIE}=`));
    t.current.db.$client.prepare("UPDATE users SET active = 0 WHERE id = ?").run(agent.id);
    const refused = await poll(old);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("set-cookie")).toBeNull();
  });
});
