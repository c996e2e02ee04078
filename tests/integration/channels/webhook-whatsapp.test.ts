import { describe, expect, it } from "vitest";
import { GET, POST as routePost } from "@/app/api/webhooks/whatsapp/route";
import { thenFiled } from "../../support/inbound";
import { APP_SECRET, VERIFY_TOKEN, WA_PHONE_NUMBER_ID, metaSignature, signedMetaRequest, whatsappChannel } from "../../support/channels";
import { useRouteDb } from "../../support/route-db";
import { fixtureText } from "../../unit/channels/fixtures";

const URL_ = "http://charla.test/api/webhooks/whatsapp";
const POST = thenFiled(routePost);

describe("WhatsApp webhook route", () => {
  const t = useRouteDb();
  const count = (table: string) => (t.current.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  describe("GET handshake", () => {
    const handshake = (token: string, mode = "subscribe") =>
      GET(new Request(`${URL_}?hub.mode=${mode}&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`));

    it("echoes the bare challenge as text/plain when the token matches any WhatsApp channel", async () => {
      whatsappChannel(t.current.db, { phoneNumberId: "111111111111", verifyToken: "other-token" });
      whatsappChannel(t.current.db);
      const res = handshake(VERIFY_TOKEN);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await res.text()).toBe("1158201444");
    });

    it("answers 403 to a wrong token, a wrong mode, or when there is no channel", async () => {
      expect(handshake(VERIFY_TOKEN).status).toBe(403);
      whatsappChannel(t.current.db);
      expect(handshake("wrong").status).toBe(403);
      expect(handshake(VERIFY_TOKEN, "unsubscribe").status).toBe(403);
    });
  });

  describe("POST", () => {
    it("stores a correctly signed message and answers {ok:true}", async () => {
      whatsappChannel(t.current.db);
      const res = await POST(signedMetaRequest(URL_, fixtureText("whatsapp", "text")));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
      const row = t.current.db.$client.prepare("SELECT kind, body, direction FROM messages").get();
      expect(row).toEqual({ kind: "text", body: "Oi! Vocês entregam no sábado?", direction: "in" });
      expect(t.current.db.$client.prepare("SELECT name, phone FROM contacts").get()).toEqual({ name: "Marina Souza", phone: "5511987654321" });
    });

    it("refuses a wrong or missing signature with 401 and stores nothing", async () => {
      whatsappChannel(t.current.db);
      const body = fixtureText("whatsapp", "text");
      const wrong = await POST(signedMetaRequest(URL_, body, "not-the-secret"));
      expect(wrong.status).toBe(401);
      const missing = await POST(new Request(URL_, { method: "POST", body }));
      expect(missing.status).toBe(401);
      // Signed over different bytes (re-serialized JSON) does not verify either.
      const reserialized = await POST(
        new Request(URL_, { method: "POST", body, headers: { "X-Hub-Signature-256": metaSignature(JSON.stringify(JSON.parse(body))) } }),
      );
      expect(reserialized.status).toBe(401);
      expect(count("messages") + count("contacts") + count("chats")).toBe(0);
    });

    it("ignores events for phone numbers we do not have, but still verifies the signature", async () => {
      whatsappChannel(t.current.db, { phoneNumberId: "222222222222" });
      const body = fixtureText("whatsapp", "text");
      expect((await POST(signedMetaRequest(URL_, body))).status).toBe(200);
      expect((await POST(signedMetaRequest(URL_, body, "forged"))).status).toBe(401);
      expect(count("messages")).toBe(0);
    });

    it("stores a redelivered message once, also under 50 concurrent identical deliveries", async () => {
      whatsappChannel(t.current.db);
      const body = fixtureText("whatsapp", "text");
      expect((await POST(signedMetaRequest(URL_, body))).status).toBe(200);
      expect((await POST(signedMetaRequest(URL_, body))).status).toBe(200);
      const other = fixtureText("whatsapp", "text").replace("wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMEI5QzhEN0U2RjVBNEIzQzJEAA==", "wamid.concurrent-1");
      const answers = await Promise.all(Array.from({ length: 50 }, () => POST(signedMetaRequest(URL_, other))));
      expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
      expect(count("messages")).toBe(2);
      expect(count("chats")).toBe(1);
      expect(count("contacts")).toBe(1);
    });

    it("answers 400 with a JSON error to malformed JSON and to a foreign shape", async () => {
      whatsappChannel(t.current.db);
      const bad = await POST(signedMetaRequest(URL_, '{"object": "whatsapp_business_account", '));
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ ok: false, error: expect.stringMatching(/^Invalid JSON/) });
      const foreign = await POST(signedMetaRequest(URL_, JSON.stringify({ object: "page", entry: [] })));
      expect(foreign.status).toBe(400);
      expect(count("messages")).toBe(0);
    });

    it("answers 413 to a body over 1 MiB, by Content-Length or by the bytes actually sent", async () => {
      whatsappChannel(t.current.db);
      const huge = JSON.stringify({ object: "whatsapp_business_account", entry: [], pad: "x".repeat(1024 * 1024) });
      const res = await POST(signedMetaRequest(URL_, huge));
      expect(res.status).toBe(413);
      // A stream without Content-Length.
      const stream = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode("x".repeat(64 * 1024)));
          controller.close();
        },
      });
      const streamed = await POST(new Request(URL_, { method: "POST", body: stream, duplex: "half" } as RequestInit));
      expect(streamed.status).toBe(413);
    });

    it("stores an unknown message type as unsupported with its raw JSON", async () => {
      whatsappChannel(t.current.db);
      expect((await POST(signedMetaRequest(URL_, fixtureText("whatsapp", "unknown-type")))).status).toBe(200);
      const row = t.current.db.$client.prepare("SELECT kind, payload FROM messages").get() as { kind: string; payload: string };
      expect(row.kind).toBe("unsupported");
      expect(JSON.parse(row.payload)).toMatchObject({ raw: { type: "order" } });
    });

    it("applies delivery statuses to our sent message, forward only", async () => {
      const channel = whatsappChannel(t.current.db);
      await POST(signedMetaRequest(URL_, fixtureText("whatsapp", "text")));
      const chat = t.current.db.$client.prepare("SELECT id, contact_id FROM chats").get() as { id: number; contact_id: number };
      t.current.db.$client
        .prepare("INSERT INTO messages (chat_id, contact_id, channel_id, direction, author_kind, kind, body, provider_message_id, status, created_at) VALUES (?, ?, ?, 'out', 'user', 'text', 'Sim!', ?, 'sent', 1)")
        .run(chat.id, chat.contact_id, channel.id, "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjVDMUE5RjhCMjdFMzRENjBCMQA=");
      expect((await POST(signedMetaRequest(URL_, fixtureText("whatsapp", "statuses-sent-delivered")))).status).toBe(200);
      const status = () => (t.current.db.$client.prepare("SELECT status FROM messages WHERE direction = 'out'").get() as { status: string }).status;
      expect(status()).toBe("delivered");
      expect((await POST(signedMetaRequest(URL_, fixtureText("whatsapp", "status-read").replaceAll(/"id": "wamid[^"]*"/g, '"id": "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjVDMUE5RjhCMjdFMzRENjBCMQA="')))).status).toBe(200);
      expect(status()).toBe("read");
    });

    it("stores nothing of a body whose later event is invalid", async () => {
      whatsappChannel(t.current.db);
      const json = JSON.parse(fixtureText("whatsapp", "text")) as { entry: { changes: { value: { messages: Record<string, unknown>[] } }[] }[] };
      const value = json.entry[0]!.changes[0]!.value;
      // The second message has no sender at all: the parser refuses the body.
      value.messages.push({ id: "wamid.no-sender", timestamp: "1767623401", type: "text", text: { body: "?" } });
      json.entry[0]!.changes[0]!.value = { ...value, contacts: [] } as never;
      const res = await POST(signedMetaRequest(URL_, JSON.stringify(json)));
      expect(res.status).toBe(400);
      expect(count("messages") + count("contacts")).toBe(0);
    });

    it("uses the app secret of the channel the body routes to", async () => {
      whatsappChannel(t.current.db, { phoneNumberId: "222222222222", appSecret: "another-app" });
      whatsappChannel(t.current.db);
      const body = fixtureText("whatsapp", "text");
      expect((await POST(signedMetaRequest(URL_, body, "another-app"))).status).toBe(401);
      expect((await POST(signedMetaRequest(URL_, body, APP_SECRET))).status).toBe(200);
      expect(WA_PHONE_NUMBER_ID).toBe("109876543210987");
    });
  });
});
