import { describe, expect, it } from "vitest";
import { GET, OPTIONS, POST } from "@/app/api/webchat/[channelId]/messages/route";
import { sendMessage } from "@/server/services/send-message";
import { webchatChannel } from "../../support/channels";
import { makeUser } from "../../support/fixtures";
import { useRouteDb } from "../../support/route-db";

const BASE = "http://localhost:3000";
let ipCounter = 0;

describe("web chat API", () => {
  const t = useRouteDb();
  const ctx = (id: number | string) => ({ params: Promise.resolve({ channelId: String(id) }) });
  const ip = () => `203.0.113.${++ipCounter}`;

  function post(channelId: number, body: unknown, opts: { cookie?: string; origin?: string; ip?: string } = {}) {
    const headers: Record<string, string> = { "Content-Type": "application/json", "X-Forwarded-For": opts.ip ?? ip() };
    if (opts.cookie) headers.Cookie = opts.cookie;
    if (opts.origin) headers.Origin = opts.origin;
    return POST(new Request(`${BASE}/api/webchat/${channelId}/messages`, { method: "POST", body: JSON.stringify(body), headers }), ctx(channelId));
  }
  function poll(channelId: number, query: string, cookie?: string) {
    const headers: Record<string, string> = { "X-Forwarded-For": ip() };
    if (cookie) headers.Cookie = cookie;
    return GET(new Request(`${BASE}/api/webchat/${channelId}/messages${query}`, { headers }), ctx(channelId));
  }
  /** The API cookie a browser would send back to /api/webchat/{id}. */
  const apiCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith("charla_chat_api="))!.split(";")[0]!;

  it("starts a visitor session on the first message and keeps it in path-scoped httpOnly cookies", async () => {
    const channel = webchatChannel(t.current.db);
    expect((await post(channel.id, { text: "oi", clientMessageId: "client-0001" })).status).toBe(400);
    const res = await post(channel.id, { text: "Oi! Vocês entregam?", clientMessageId: "client-0001", name: "Marina" });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    expect(cookies.find((c) => c.startsWith("charla_chat="))).toMatch(new RegExp(`Path=/chat/${channel.id}; .*HttpOnly`));
    expect(cookies.find((c) => c.startsWith("charla_chat_api="))).toMatch(new RegExp(`Path=/api/webchat/${channel.id}; .*HttpOnly`));
    const contact = t.current.db.$client.prepare("SELECT name FROM contacts").get();
    expect(contact).toEqual({ name: "Marina" });

    // A retried send (same clientMessageId) stores once; a reload (the cookie) keeps the conversation.
    const again = await post(channel.id, { text: "Oi! Vocês entregam?", clientMessageId: "client-0001" }, { cookie: apiCookie(res) });
    expect(await again.json()).toMatchObject({ ok: true, duplicate: true });
    const list = (await (await poll(channel.id, "?after=0", apiCookie(res))).json()) as { messages: { from: string; body: string }[] };
    expect(list.messages).toEqual([expect.objectContaining({ from: "visitor", body: "Oi! Vocês entregam?" })]);
    // Someone else without the cookie sees nothing.
    expect(await (await poll(channel.id, "?after=0")).json()).toEqual({ ok: true, messages: [] });
  });

  it("namespaces client ids per visitor: two visitors choosing the same id both get their message stored", async () => {
    const channel = webchatChannel(t.current.db);
    await post(channel.id, { text: "one", clientMessageId: "same-id-123", name: "A" });
    await post(channel.id, { text: "two", clientMessageId: "same-id-123", name: "B" });
    expect(t.current.db.$client.prepare("SELECT count(*) AS n FROM messages").get()).toEqual({ n: 2 });
  });

  it("hands agents' replies to the visitor's poll, marking them delivered, then read when shown", async () => {
    const channel = webchatChannel(t.current.db);
    const first = await post(channel.id, { text: "Olá", clientMessageId: "client-0002", name: "Rui" });
    const cookie = apiCookie(first);
    const chatId = (t.current.db.$client.prepare("SELECT id FROM chats").get() as { id: number }).id;
    const agent = await makeUser(t.current.db, "agent", "Ana");
    const reply = sendMessage(t.current.db, { viewer: agent, now: Date.now() }, chatId, { kind: "text", body: "Oi Rui! Como posso ajudar?" });
    expect(reply.status).toBe("sent");
    const status = () => (t.current.db.$client.prepare("SELECT status FROM messages WHERE id = ?").get(reply.id) as { status: string }).status;

    const firstId = (t.current.db.$client.prepare("SELECT min(id) AS id FROM messages").get() as { id: number }).id;
    const got = (await (await poll(channel.id, `?after=${firstId}`, cookie)).json()) as { messages: { id: number; from: string }[] };
    expect(got.messages.map((m) => m.from)).toEqual(["agent"]);
    expect(status()).toBe("delivered");
    await poll(channel.id, `?after=${reply.id}&read=1`, cookie);
    expect(status()).toBe("read");
  });

  it("allows cross-origin calls only from the channel's allowed origins", async () => {
    const channel = webchatChannel(t.current.db, "https://shop.example.com");
    const ok = await post(channel.id, { text: "oi", clientMessageId: "client-0003", name: "Ana" }, { origin: "https://shop.example.com" });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://shop.example.com");
    expect(ok.headers.get("access-control-allow-credentials")).toBe("true");
    const evil = await post(channel.id, { text: "oi", clientMessageId: "client-0004", name: "Eve" }, { origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    const preflight = await OPTIONS(new Request(`${BASE}/api/webchat/${channel.id}/messages`, { method: "OPTIONS", headers: { Origin: "https://shop.example.com" } }), ctx(channel.id));
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toMatch(/POST/);
    // Same-origin (the chat iframe) needs no CORS headers.
    const own = await post(channel.id, { text: "oi", clientMessageId: "client-0005", name: "Ana" }, { origin: BASE });
    expect(own.status).toBe(200);
    expect(own.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("rate-limits a visitor who floods, and refuses unknown channels and bad bodies", async () => {
    const channel = webchatChannel(t.current.db);
    const first = await post(channel.id, { text: "m0", clientMessageId: "flood-0000", name: "Bot" });
    const cookie = apiCookie(first);
    const statuses: number[] = [];
    for (let i = 1; i <= 12; i++) statuses.push((await post(channel.id, { text: `m${i}`, clientMessageId: `flood-000${i}x` }, { cookie })).status);
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(200));
    expect(statuses.at(-1)).toBe(429);
    expect((await post(999, { text: "x", clientMessageId: "client-0009", name: "A" })).status).toBe(404);
    const bad = await POST(new Request(`${BASE}/api/webchat/${channel.id}/messages`, { method: "POST", body: "{", headers: { "X-Forwarded-For": ip() } }), ctx(channel.id));
    expect(bad.status).toBe(400);
    const long = await post(channel.id, { text: "a".repeat(5000), clientMessageId: "client-0010", name: "A" });
    expect(long.status).toBe(400);
  });
});
