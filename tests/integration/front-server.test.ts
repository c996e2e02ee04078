import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { authSecret } from "@/server/auth/secret";
import { answerFront, isFrontRoute } from "@/server/http/front/routes";
import { metaSignature, whatsappChannel } from "../support/channels";
import { makeUser } from "../support/fixtures";
import { useRouteDb } from "../support/route-db";
import { fixtureText } from "../unit/channels/fixtures";

// The front server (what `npm start` runs) answers the poll and the webhooks before Next: over real
// HTTP, on a real SQLite file, it must answer as the route handlers do and hand everything else on.

const COOKIE = "authjs.session-token";

describe("front server routes", () => {
  const t = useRouteDb();
  let base = "";
  let server: http.Server;
  const passed: string[] = [];

  beforeEach(async () => {
    passed.length = 0;
    server = http.createServer((req, res) => {
      // As main.ts does: paths that are not the front's go to Next without being looked at.
      const front = isFrontRoute(req);
      void (front ? answerFront(t.current.db, req, res) : Promise.resolve(false)).then((answered) => {
        if (answered) return;
        passed.push(`${front ? "front→" : ""}${req.method} ${req.url}`);
        res.writeHead(299).end("next");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const cookieFor = async (uid: number) => `${COOKIE}=${await encode({ secret: authSecret(), salt: COOKIE, maxAge: 3600, token: { sub: String(uid), uid: String(uid), role: "agent" } })}`;

  it("answers the poll: 401 to a session cookie that is not ours, the counters with an ETag, then 304 while nothing changes", async () => {
    expect((await fetch(`${base}/api/poll`, { headers: { cookie: `${COOKIE}=forged` } })).status).toBe(401);
    const agent = await makeUser(t.current.db, "agent");
    const cookie = await cookieFor(agent.id);
    const first = await fetch(`${base}/api/poll`, { headers: { cookie } });
    expect(first.status).toBe(200);
    expect(first.headers.get("x-frame-options")).toBe("DENY");
    const etag = first.headers.get("etag")!;
    expect(await first.json()).toMatchObject({ changed: true, pending: expect.any(Object) });
    const again = await fetch(`${base}/api/poll`, { headers: { cookie, "if-none-match": etag } });
    expect(again.status).toBe(304);
    // Any write (here: a new message) changes the answer.
    whatsappChannel(t.current.db);
    const changed = await fetch(`${base}/api/poll`, { headers: { cookie, "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    // A deactivated account is signed out at once, cached session or not.
    t.current.db.$client.prepare("UPDATE users SET active = 0 WHERE id = ?").run(agent.id);
    expect((await fetch(`${base}/api/poll`, { headers: { cookie } })).status).toBe(401);
  });

  it("renews, on the poll, a session issued over ten minutes ago; a fresh one gets no cookie", async () => {
    const agent = await makeUser(t.current.db, "agent");
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - 30 * 60_000 });
    const old = await cookieFor(agent.id).finally(() => vi.useRealTimers());
    const renewed = await fetch(`${base}/api/poll`, { headers: { cookie: old } });
    expect(renewed.status).toBe(200);
    const setCookie = renewed.headers.get("set-cookie")!;
    expect(setCookie).toMatch(new RegExp(`^${COOKIE}=[^;]+; Path=/; Expires=.+; HttpOnly; SameSite=Lax$`));
    const fresh = await fetch(`${base}/api/poll`, { headers: { cookie: setCookie.split(";")[0]! } });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("set-cookie")).toBeNull();
  });

  it("hands a poll without a plain session cookie to Next (Auth.js decides), and every other path or method", async () => {
    expect((await fetch(`${base}/api/poll`, { headers: { cookie: `${COOKIE}.0=abc; ${COOKIE}.1=def` } })).status).toBe(299);
    expect((await fetch(`${base}/api/poll`)).status).toBe(299);
    expect((await fetch(`${base}/inbox?x=1`)).status).toBe(299);
    expect((await fetch(`${base}/api/poll`, { method: "POST" })).status).toBe(299);
    expect((await fetch(`${base}/api/webhooks/whatsapp/extra`, { method: "POST", body: "{}" })).status).toBe(299);
    expect(passed).toEqual(["front→GET /api/poll", "front→GET /api/poll", "GET /inbox?x=1", "POST /api/poll", "POST /api/webhooks/whatsapp/extra"]);
  });

  it("stores a signed WhatsApp webhook once, refuses a bad signature, bad JSON and an oversized body", async () => {
    whatsappChannel(t.current.db);
    const body = fixtureText("whatsapp", "text");
    const post = (b: string, signature = metaSignature(b)) =>
      fetch(`${base}/api/webhooks/whatsapp`, { method: "POST", body: b, headers: { "X-Hub-Signature-256": signature, "Content-Type": "application/json" } });
    const ok = await post(body);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true });
    expect((await post(body)).status).toBe(200);
    expect((await post(body, "sha256=00")).status).toBe(401);
    const bad = await post("{nope");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/Invalid JSON/);
    expect((await post("x".repeat(1024 * 1024 + 1))).status).toBe(413);
    expect(t.current.db.$client.prepare("SELECT count(*) AS n FROM messages").get()).toEqual({ n: 1 });
  });

  it("answers Meta's handshake and a Zenvia call for an unknown channel without reading it", async () => {
    whatsappChannel(t.current.db);
    expect((await fetch(`${base}/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=42`)).status).toBe(403);
    const zenvia = await fetch(`${base}/api/webhooks/zenvia/999`, { method: "POST", body: "{}" });
    expect(zenvia.status).toBe(404);
    expect(await zenvia.json()).toMatchObject({ ok: false });
    expect((await fetch(`${base}/api/webhooks/zenvia/%E0%A4%A`, { method: "POST", body: "{}" })).status).toBe(404);
  });
});
