import { describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";

// The full Auth.js path is not what is under test here: it only serves requests without a plain cookie.
vi.mock("@/server/auth/session", () => ({ currentUser: async () => null }));

import { requestUser } from "@/server/auth/request-user";
import { authSecret } from "@/server/auth/secret";
import { makeUser } from "../support/fixtures";
import { useRouteDb } from "../support/route-db";

const COOKIE = "authjs.session-token";

async function requestAs(uid: number | string, options: { secret?: string; maxAge?: number } = {}): Promise<Request> {
  const token = await encode({ secret: options.secret ?? authSecret(), salt: COOKIE, maxAge: options.maxAge ?? 3600, token: { sub: String(uid), uid: String(uid), role: "agent" } });
  return new Request("http://localhost/api/poll", { headers: { cookie: `theme=dark; ${COOKIE}=${token}` } });
}

describe("requestUser (the poll's cached session check)", () => {
  const t = useRouteDb();

  it("finds the signed-in user, and stops at once when the account is deactivated, cached or not", async () => {
    const agent = await makeUser(t.current.db, "agent");
    const req = await requestAs(agent.id);
    expect((await requestUser(req))?.id).toBe(agent.id);
    expect((await requestUser(req))?.id).toBe(agent.id);
    t.current.db.$client.prepare("UPDATE users SET active = 0 WHERE id = ?").run(agent.id);
    expect(await requestUser(req)).toBeNull();
  });

  it("refuses a cookie made with another secret, an expired one and garbage", async () => {
    const agent = await makeUser(t.current.db, "agent");
    expect(await requestUser(await requestAs(agent.id, { secret: "not-the-server-secret-0123456789abcdef" }))).toBeNull();
    expect(await requestUser(await requestAs(agent.id, { maxAge: -60 }))).toBeNull();
    expect(await requestUser(new Request("http://localhost/", { headers: { cookie: `${COOKIE}=garbage` } }))).toBeNull();
  });

  it("leaves requests without the session cookie to Auth.js", async () => {
    expect(await requestUser(new Request("http://localhost/"))).toBeNull();
  });
});
