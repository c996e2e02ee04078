import { describe, expect, it } from "vitest";
import { GET as igGet, POST as igRoutePost } from "@/app/api/webhooks/instagram/route";
import { POST as zenviaRoutePost } from "@/app/api/webhooks/zenvia/[channelId]/route";
import { thenFiled } from "../../support/inbound";

const igPost = thenFiled(igRoutePost);
const zenviaPost = thenFiled(zenviaRoutePost);
import { instagramChannel, signedMetaRequest, VERIFY_TOKEN, zenviaChannelRow, zenviaRequest } from "../../support/channels";
import { useRouteDb } from "../../support/route-db";
import { fixtureText } from "../../unit/channels/fixtures";

const IG = "http://charla.test/api/webhooks/instagram";
const zenviaUrl = (id: number | string) => `http://charla.test/api/webhooks/zenvia/${id}`;
const params = (channelId: number | string) => ({ params: Promise.resolve({ channelId: String(channelId) }) });

describe("Instagram webhook route", () => {
  const t = useRouteDb();
  const rows = (sql: string) => t.current.db.$client.prepare(sql).all();

  it("answers the handshake and stores signed messages routed by entry.id", async () => {
    instagramChannel(t.current.db);
    const ok = igGet(new Request(`${IG}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=abc`));
    expect(await ok.text()).toBe("abc");
    expect(igGet(new Request(`${IG}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=abc`)).status).toBe(403);
    expect((await igPost(signedMetaRequest(IG, fixtureText("instagram", "text")))).status).toBe(200);
    expect(rows("SELECT direction, kind FROM messages")).toEqual([{ direction: "in", kind: "text" }]);
  });

  it("stores echoes as outbound history and refuses a bad signature", async () => {
    instagramChannel(t.current.db);
    expect((await igPost(signedMetaRequest(IG, fixtureText("instagram", "echo"), "forged"))).status).toBe(401);
    expect((await igPost(signedMetaRequest(IG, fixtureText("instagram", "echo")))).status).toBe(200);
    expect(rows("SELECT direction, author_kind AS author, status FROM messages")).toEqual([{ direction: "out", author: "user", status: "sent" }]);
  });
});

describe("Zenvia webhook route", () => {
  const t = useRouteDb();
  const count = () => (t.current.db.$client.prepare("SELECT count(*) AS n FROM messages").get() as { n: number }).n;

  it("stores a message authenticated by the channel's secret header, once", async () => {
    const channel = zenviaChannelRow(t.current.db);
    const body = fixtureText("zenvia", "text");
    expect((await zenviaPost(zenviaRequest(zenviaUrl(channel.id), body), params(channel.id))).status).toBe(200);
    expect((await zenviaPost(zenviaRequest(zenviaUrl(channel.id), body), params(channel.id))).status).toBe(200);
    expect(count()).toBe(1);
  });

  it("answers 401 to a wrong or missing secret, 404 to an unknown channel, storing nothing", async () => {
    const channel = zenviaChannelRow(t.current.db);
    const body = fixtureText("zenvia", "text");
    expect((await zenviaPost(zenviaRequest(zenviaUrl(channel.id), body, "wrong"), params(channel.id))).status).toBe(401);
    expect((await zenviaPost(zenviaRequest(zenviaUrl(channel.id), body, null), params(channel.id))).status).toBe(401);
    expect((await zenviaPost(zenviaRequest(zenviaUrl(999), body), params(999))).status).toBe(404);
    expect((await zenviaPost(zenviaRequest(zenviaUrl("abc"), body), params("abc"))).status).toBe(404);
    expect(count()).toBe(0);
  });

  it("applies MESSAGE_STATUS by message id and answers 400 to bad JSON", async () => {
    const channel = zenviaChannelRow(t.current.db);
    await zenviaPost(zenviaRequest(zenviaUrl(channel.id), fixtureText("zenvia", "text")), params(channel.id));
    const chat = t.current.db.$client.prepare("SELECT id, contact_id FROM chats").get() as { id: number; contact_id: number };
    t.current.db.$client
      .prepare("INSERT INTO messages (chat_id, contact_id, channel_id, direction, author_kind, kind, body, provider_message_id, status, created_at) VALUES (?, ?, ?, 'out', 'user', 'text', 'Sim', '7391518c-e719-468c-812a-ab00a8b442e4', 'sent', 1)")
      .run(chat.id, chat.contact_id, channel.id);
    expect((await zenviaPost(zenviaRequest(zenviaUrl(channel.id), fixtureText("zenvia", "status-delivered")), params(channel.id))).status).toBe(200);
    expect(t.current.db.$client.prepare("SELECT status FROM messages WHERE direction = 'out'").get()).toEqual({ status: "delivered" });
    const bad = await zenviaPost(zenviaRequest(zenviaUrl(channel.id), "{nope"), params(channel.id));
    expect(bad.status).toBe(400);
  });
});
