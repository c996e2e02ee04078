import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { POST as waPost } from "@/app/api/webhooks/whatsapp/route";
import { POST as igPost } from "@/app/api/webhooks/instagram/route";
import { POST as zenviaPost } from "@/app/api/webhooks/zenvia/[channelId]/route";
import { runDispatcher } from "@/server/jobs/dispatcher";
import { sendMessage } from "@/server/services/send-message";
import type { PublicUser } from "@/server/services/users";
import { simChannelsFromDb } from "@/server/simulator/channels";
import { startSimulator, type Simulator } from "@/server/simulator/server";
import { instagramChannel, whatsappChannel, zenviaChannelRow } from "../../support/channels";
import { makeUser } from "../../support/fixtures";
import { useRouteDb } from "../../support/route-db";
import { serveRoutes } from "../../support/route-server";

describe("provider simulator", () => {
  const t = useRouteDb();
  let charla: Awaited<ReturnType<typeof serveRoutes>>;
  let sim: Simulator;
  let agent: PublicUser;

  beforeEach(async () => {
    charla = await serveRoutes({
      "POST /api/webhooks/whatsapp": waPost,
      "POST /api/webhooks/instagram": igPost,
      "POST /api/webhooks/zenvia/:channelId": zenviaPost as never,
    });
    agent = await makeUser(t.current.db, "agent", "Ana");
  });
  afterEach(async () => {
    await sim?.close();
    await charla.close();
  });

  async function start(apiBase: (simUrl: string) => void, receipts = false) {
    // Channels need the simulator's URL, and the simulator the channels' tokens: reserve the port first.
    sim = await startSimulator({ port: 0, charlaUrl: charla.url, channels: [], autoReceipts: receipts, receiptDelayMs: 20 });
    apiBase(sim.url);
    const port = sim.port;
    await sim.close();
    sim = await startSimulator({ port, charlaUrl: charla.url, channels: simChannelsFromDb(t.current.db), autoReceipts: receipts, receiptDelayMs: 20 });
  }
  const simPost = (path: string, body: unknown) => fetch(sim.url + path, { method: "POST", body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
  const chatId = () => (t.current.db.$client.prepare("SELECT id FROM chats ORDER BY id DESC").get() as { id: number }).id;
  const outbound = () => t.current.db.$client.prepare("SELECT status, provider_message_id AS pid, status_reason AS reason FROM messages WHERE author_kind = 'user' ORDER BY id DESC").get() as { status: string; pid: string | null; reason: string | null };
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(check()).toBe(true);
  };

  it("WhatsApp: a signed inbound reaches the route handler; a reply goes out through the dispatcher; receipts come back", async () => {
    await start((url) => whatsappChannel(t.current.db, { apiBaseUrl: `${url}/v23.0` }), true);
    const inbound = await simPost("/_sim/inbound", { provider: "whatsapp", from: "5511911112222", name: "Carla", text: "Tem horário amanhã?" });
    expect(inbound).toMatchObject({ status: 200, body: { ok: true } });
    expect(t.current.db.$client.prepare("SELECT body FROM messages WHERE direction = 'in'").get()).toEqual({ body: "Tem horário amanhã?" });

    // A forged signature is refused by Charla.
    const forged = await simPost("/_sim/inbound", { provider: "whatsapp", text: "x", channel: { appSecret: "wrong" } });
    expect(forged.status).toBe(401);

    sendMessage(t.current.db, { viewer: agent, now: Date.now() }, chatId(), { kind: "text", body: "Tem sim, às 10h." });
    expect(await runDispatcher(t.current.db)).toMatchObject({ sent: 1 });
    const request = sim.requests.find((r) => r.provider === "whatsapp")!;
    expect(request.headers.authorization).toBe("Bearer wa-token");
    expect(request.body).toMatchObject({ messaging_product: "whatsapp", to: "5511911112222", text: { body: "Tem sim, às 10h." } });
    expect(outbound().pid).toMatch(/^wamid\.SIM/);
    await until(() => outbound().status === "read");
  });

  it("fails sends on demand: 503 is retried, 400 fails with the provider's reason", async () => {
    await start((url) => whatsappChannel(t.current.db, { apiBaseUrl: `${url}/v23.0` }));
    await simPost("/_sim/inbound", { provider: "whatsapp", from: "5511933334444", text: "oi" });
    expect((await simPost("/_sim/fail", { status: 503, count: 1 })).status).toBe(200);
    sendMessage(t.current.db, { viewer: agent, now: Date.now() }, chatId(), { kind: "text", body: "primeira" });
    expect(await runDispatcher(t.current.db)).toMatchObject({ retrying: 1 });
    expect(outbound()).toMatchObject({ status: "queued", reason: expect.stringMatching(/HTTP 503/) });
    expect(await runDispatcher(t.current.db, { now: () => Date.now() + 6_000 })).toMatchObject({ sent: 1 });

    await simPost("/_sim/fail", { status: 400, count: 1, body: { error: { message: "(#131047) Re-engagement message", code: 131047, type: "OAuthException" } } });
    sendMessage(t.current.db, { viewer: agent, now: Date.now() }, chatId(), { kind: "text", body: "segunda" });
    expect(await runDispatcher(t.current.db)).toMatchObject({ failed: 1 });
    expect(outbound()).toMatchObject({ status: "failed", reason: expect.stringMatching(/131047.*Re-engagement/) });
  });

  it("Instagram and Zenvia: inbound and outbound through the simulator", async () => {
    let zenviaId = 0;
    await start((url) => {
      instagramChannel(t.current.db, { apiBaseUrl: `${url}/v23.0` });
      zenviaId = zenviaChannelRow(t.current.db, { apiBaseUrl: url }).id;
    });
    expect((await simPost("/_sim/inbound", { provider: "instagram", from: "7107719732620600", text: "oi ig" })).status).toBe(200);
    sendMessage(t.current.db, { viewer: agent, now: Date.now() }, chatId(), { kind: "text", body: "olá do ig" });
    expect(await runDispatcher(t.current.db)).toMatchObject({ sent: 1 });
    expect(sim.requests.at(-1)).toMatchObject({ provider: "instagram", status: 200, body: { recipient: { id: "7107719732620600" }, message: { text: "olá do ig" } } });

    expect((await simPost("/_sim/inbound", { provider: "zenvia", from: "5511955556666", name: "Zé", text: "oi zenvia", channel: { charlaChannelId: zenviaId } })).status).toBe(200);
    sendMessage(t.current.db, { viewer: agent, now: Date.now() }, chatId(), { kind: "text", body: "olá da zenvia" });
    expect(await runDispatcher(t.current.db)).toMatchObject({ sent: 1 });
    const z = sim.requests.at(-1)!;
    expect(z).toMatchObject({ provider: "zenvia", path: "/v2/channels/whatsapp/messages", status: 200, body: { to: "5511955556666" } });
    expect(z.headers["x-api-token"]).toBe("zenvia-token");
  });
});
