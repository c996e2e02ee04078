import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { POST as waPost } from "@/app/api/webhooks/whatsapp/route";
import { POST as igPost } from "@/app/api/webhooks/instagram/route";
import { POST as zenviaPost } from "@/app/api/webhooks/zenvia/[channelId]/route";
import { runDispatcher } from "@/server/jobs/dispatcher";
import { findChannel } from "@/server/repositories/channels";
import { findChat } from "@/server/repositories/chats";
import { queueAutomaticMessage } from "@/server/services/automatic-message";
import { simChannelsFromDb } from "@/server/simulator/channels";
import { startSimulator, type Simulator } from "@/server/simulator/server";
import { instagramChannel, whatsappChannel, zenviaChannelRow } from "../../support/channels";
import { useRouteDb } from "../../support/route-db";
import { serveRoutes } from "../../support/route-server";

// A choices message goes out through the outbox and the dispatcher (with its retries) in each provider's
// interactive shape, and the contact's tap comes back through a signed webhook as the chosen id.

describe("choices messages through the provider simulator", () => {
  const t = useRouteDb();
  let charla: Awaited<ReturnType<typeof serveRoutes>>;
  let sim: Simulator;

  beforeEach(async () => {
    charla = await serveRoutes({
      "POST /api/webhooks/whatsapp": waPost,
      "POST /api/webhooks/instagram": igPost,
      "POST /api/webhooks/zenvia/:channelId": zenviaPost as never,
    });
  });
  afterEach(async () => {
    await sim?.close();
    await charla.close();
  });

  async function start(apiBase: (simUrl: string) => void) {
    sim = await startSimulator({ port: 0, charlaUrl: charla.url, channels: [] });
    apiBase(sim.url);
    const port = sim.port;
    await sim.close();
    sim = await startSimulator({ port, charlaUrl: charla.url, channels: simChannelsFromDb(t.current.db) });
  }
  const simPost = (path: string, body: unknown) => fetch(sim.url + path, { method: "POST", body: JSON.stringify(body) }).then((r) => r.status);
  const db = () => t.current.db;
  const lastChat = () => findChat(db(), (db().$client.prepare("SELECT id FROM chats ORDER BY id DESC").get() as { id: number }).id)!;
  const lastInbound = () => db().$client.prepare("SELECT body, payload FROM messages WHERE direction = 'in' ORDER BY id DESC").get() as { body: string; payload: string };
  const menu = { choices: [{ id: "ventas", title: "Ventas" }, { id: "soporte", title: "Soporte" }] };

  function queueMenu() {
    const chat = lastChat();
    const channel = findChannel(db(), chat.channelId)!;
    return db().transaction((tx) => queueAutomaticMessage(tx, chat, channel, { body: "¿Con quién quieres hablar?", choices: menu }, "bot", Date.now()));
  }

  it("WhatsApp: reply buttons out (retried after a 503), button_reply in", async () => {
    await start((url) => whatsappChannel(db(), { apiBaseUrl: `${url}/v23.0` }));
    expect(await simPost("/_sim/inbound", { provider: "whatsapp", from: "5511911112222", text: "hola" })).toBe(200);
    const { message } = queueMenu();
    expect(message).toMatchObject({ status: "queued", authorKind: "bot", kind: "text" });
    expect(lastChat().awaitingReply).toBe(false);

    await simPost("/_sim/fail", { status: 503, count: 1 });
    expect(await runDispatcher(db())).toMatchObject({ retrying: 1 });
    expect(await runDispatcher(db(), { now: () => Date.now() + 6_000 })).toMatchObject({ sent: 1 });
    const sent = sim.requests.filter((r) => r.provider === "whatsapp" && r.status === 200).at(-1)!;
    expect(sent.body).toMatchObject({
      type: "interactive",
      interactive: { type: "button", body: { text: "¿Con quién quieres hablar?" }, action: { buttons: [{ type: "reply", reply: { id: "ventas", title: "Ventas" } }, { type: "reply", reply: { id: "soporte", title: "Soporte" } }] } },
    });

    expect(await simPost("/_sim/inbound", { provider: "whatsapp", from: "5511911112222", choice: { id: "soporte", title: "Soporte" } })).toBe(200);
    const reply = lastInbound();
    expect(reply.body).toBe("Soporte");
    expect(JSON.parse(reply.payload)).toMatchObject({ choiceId: "soporte" });
  });

  it("Instagram quick replies and Zenvia buttons, both ways", async () => {
    let zenviaId = 0;
    await start((url) => {
      instagramChannel(db(), { apiBaseUrl: `${url}/v23.0` });
      zenviaId = zenviaChannelRow(db(), { apiBaseUrl: url }).id;
    });
    await simPost("/_sim/inbound", { provider: "instagram", from: "7107719732620600", text: "hola" });
    queueMenu();
    expect(await runDispatcher(db())).toMatchObject({ sent: 1 });
    expect(sim.requests.at(-1)!.body).toMatchObject({ message: { text: "¿Con quién quieres hablar?", quick_replies: [{ content_type: "text", title: "Ventas", payload: "ventas" }, { content_type: "text", title: "Soporte", payload: "soporte" }] } });
    await simPost("/_sim/inbound", { provider: "instagram", from: "7107719732620600", choice: { id: "ventas", title: "Ventas" } });
    expect(JSON.parse(lastInbound().payload)).toMatchObject({ choiceId: "ventas" });

    await simPost("/_sim/inbound", { provider: "zenvia", from: "5511955556666", text: "hola", channel: { charlaChannelId: zenviaId } });
    queueMenu();
    expect(await runDispatcher(db())).toMatchObject({ sent: 1 });
    expect(sim.requests.at(-1)!.body).toMatchObject({ contents: [{ type: "button", body: "¿Con quién quieres hablar?", buttons: menu.choices }] });
    await simPost("/_sim/inbound", { provider: "zenvia", from: "5511955556666", choice: { id: "ventas", title: "Ventas" }, channel: { charlaChannelId: zenviaId } });
    expect(JSON.parse(lastInbound().payload)).toMatchObject({ choiceId: "ventas" });
  });
});
