import fs from "node:fs";
import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import type { PublicUser } from "@/server/services/users";

// The media route reads the signed-in user from the session cookie; here the test decides who it is.
const session = vi.hoisted(() => ({ user: null as PublicUser | null }));
vi.mock("@/server/auth/session", () => ({ currentUser: async () => session.user }));

import { GET as mediaGet } from "@/app/api/media/[attachmentId]/route";
import { GET as publicGet } from "@/app/api/media/public/[token]/route";
import { POST as waRoutePost } from "@/app/api/webhooks/whatsapp/route";
import { thenFiled } from "../../support/inbound";
import { runDispatcher } from "@/server/jobs/dispatcher";
import { runMediaDownloads } from "@/server/jobs/media";
import { mediaPath } from "@/server/services/deletion";
import type { MediaFetch } from "@/server/services/media-download";
import { publicMediaToken } from "@/server/services/public-media";
import { updateSetting } from "@/server/services/settings";
import { sendAttachment } from "@/server/services/upload";
import { signedMetaRequest, whatsappChannel } from "../../support/channels";
import { makeUser, T0 } from "../../support/fixtures";
import { useRouteDb } from "../../support/route-db";
import { fixtureText } from "../../unit/channels/fixtures";

const waPost = thenFiled(waRoutePost);

const WA = "http://charla.test/api/webhooks/whatsapp";
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("fake jpeg body")]);
const sha = (b: Buffer) => createHash("sha256").update(b).digest();

/** Graph's media lookup, then the file itself, as a scripted provider. */
function whatsappMedia(file: { status: number; bytes?: Buffer; headers?: Record<string, string> }[]) {
  const urls: string[] = [];
  let downloads = 0;
  const impl: MediaFetch = async (url, init) => {
    urls.push(url);
    if (url.startsWith("https://graph.test/")) {
      expect(init.headers.Authorization).toBe("Bearer wa-token");
      return Response.json({ url: "https://lookaside.test/media/1", mime_type: "image/jpeg", sha256: sha(JPEG).toString("base64"), id: "1402784614282318" });
    }
    const answer = file[Math.min(downloads++, file.length - 1)]!;
    return new Response(answer.bytes ? new Uint8Array(answer.bytes) : null, { status: answer.status, headers: answer.headers });
  };
  return { impl, urls };
}

describe("media", () => {
  const t = useRouteDb();
  const db = () => t.current.db;
  const attachment = () => db().$client.prepare("SELECT id, status, sha256, mime_type AS type, size, failure_reason AS reason, attempts FROM attachments").get() as {
    id: number; status: string; sha256: string | null; type: string; size: number | null; reason: string | null; attempts: number;
  };
  const receiveImage = async () => {
    whatsappChannel(db());
    expect((await waPost(signedMetaRequest(WA, fixtureText("whatsapp", "image")))).status).toBe(200);
  };

  it("downloads a WhatsApp image after the webhook, stores it by hash and marks it ready", async () => {
    await receiveImage();
    expect(attachment()).toMatchObject({ status: "pending" });
    const p = whatsappMedia([{ status: 200, bytes: JPEG, headers: { "content-type": "image/jpeg" } }]);
    expect(await runMediaDownloads(db(), { now: () => T0, fetchImpl: p.impl })).toEqual({ ready: 1, failed: 0, retrying: 0 });
    expect(p.urls[0]).toBe("https://graph.test/v23.0/1402784614282318?phone_number_id=109876543210987");
    const a = attachment();
    expect(a).toMatchObject({ status: "ready", type: "image/jpeg", size: JPEG.length, sha256: sha(JPEG).toString("hex") });
    expect(fs.readFileSync(mediaPath(a.sha256!))).toEqual(JPEG);
  });

  it("retries a 5xx download later and fails a 404 or an oversized file at once", async () => {
    await receiveImage();
    let now = T0;
    const flaky = whatsappMedia([{ status: 502 }, { status: 200, bytes: JPEG }]);
    expect(await runMediaDownloads(db(), { now: () => now, fetchImpl: flaky.impl })).toMatchObject({ retrying: 1 });
    expect(await runMediaDownloads(db(), { now: () => now, fetchImpl: flaky.impl })).toMatchObject({ retrying: 0, ready: 0 });
    now += 30_000;
    expect(await runMediaDownloads(db(), { now: () => now, fetchImpl: flaky.impl })).toMatchObject({ ready: 1 });

    db().$client.prepare("UPDATE attachments SET status = 'pending', next_attempt_at = NULL, attempts = 0").run();
    const gone = whatsappMedia([{ status: 404 }]);
    expect(await runMediaDownloads(db(), { now: () => now, fetchImpl: gone.impl })).toMatchObject({ failed: 1 });
    expect(attachment().reason).toMatch(/HTTP 404/);

    db().$client.prepare("UPDATE attachments SET status = 'pending', next_attempt_at = NULL, attempts = 0").run();
    const huge = whatsappMedia([{ status: 200, bytes: JPEG, headers: { "content-length": String(101 * 1024 * 1024) } }]);
    expect(await runMediaDownloads(db(), { now: () => now, fetchImpl: huge.impl })).toMatchObject({ failed: 1 });
    expect(attachment().reason).toMatch(/larger than 100 MB/);
  });

  it("serves a file only to signed-in users who may see the chat, with safe headers", async () => {
    await receiveImage();
    await runMediaDownloads(db(), { now: () => T0, fetchImpl: whatsappMedia([{ status: 200, bytes: JPEG }]).impl });
    const id = attachment().id;
    const get = () => mediaGet(new Request(`http://charla.test/api/media/${id}`), { params: Promise.resolve({ attachmentId: String(id) }) });

    session.user = null;
    expect((await get()).status).toBe(401);

    const owner = await makeUser(db(), "agent", "Owner");
    const other = await makeUser(db(), "agent", "Other");
    updateSetting(db(), "sharedInbox", false, { actorId: null, now: T0 });
    db().$client.prepare("UPDATE chats SET assignee_id = ?").run(owner.id);
    session.user = other;
    expect((await get()).status).toBe(403);

    session.user = owner;
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("content-disposition")).toMatch(/^inline;/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBe("sandbox");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(JPEG);

    // Anything that is not plain media downloads instead of rendering.
    db().$client.prepare("UPDATE attachments SET mime_type = 'text/html'").run();
    expect((await get()).headers.get("content-disposition")).toMatch(/^attachment;/);
  });

  it("sends an agent's file through the dispatcher with a signed public URL the provider can fetch", async () => {
    const channel = whatsappChannel(db());
    expect((await waPost(signedMetaRequest(WA, fixtureText("whatsapp", "text")))).status).toBe(200);
    const chatId = (db().$client.prepare("SELECT id FROM chats").get() as { id: number }).id;
    const agent = await makeUser(db(), "agent", "Ana");
    const now = Date.now();
    // The fixture's message is from January 2026; the reply window counts from it.
    db().$client.prepare("UPDATE chats SET last_inbound_at = ?").run(now - 60_000);
    const pdf = Buffer.from("%PDF-1.4 test");
    const message = sendAttachment(db(), { viewer: agent, now }, chatId, { fileName: "orçamento.pdf", mimeType: "application/pdf", bytes: pdf, caption: "Segue o orçamento" });
    expect(message).toMatchObject({ kind: "file", status: "queued", body: "Segue o orçamento" });

    const bodies: Record<string, unknown>[] = [];
    const report = await runDispatcher(db(), {
      now: () => now,
      fetchImpl: async (_url, init) => {
        bodies.push(JSON.parse(init.body!) as Record<string, unknown>);
        return { status: 200, text: async () => JSON.stringify({ messages: [{ id: "wamid.doc" }] }) };
      },
    });
    expect(report.sent).toBe(1);
    const document = bodies[0]!.document as { link: string; filename: string; caption: string };
    expect(document).toMatchObject({ filename: "orçamento.pdf", caption: "Segue o orçamento" });
    const token = document.link.split("/api/media/public/")[1]!;
    const res = await publicGet(new Request(document.link), { params: Promise.resolve({ token }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(pdf);

    // Forged or expired tokens open nothing.
    const forged = token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA");
    expect((await publicGet(new Request("http://x"), { params: Promise.resolve({ token: forged }) })).status).toBe(404);
    const expired = publicMediaToken(Number(token.split(".")[0]), now - 48 * 3_600_000);
    expect((await publicGet(new Request("http://x"), { params: Promise.resolve({ token: expired }) })).status).toBe(404);
    expect(channel.id).toBeGreaterThan(0);
  });

  it("refuses a program and keeps no file of a refused upload", async () => {
    whatsappChannel(db());
    await waPost(signedMetaRequest(WA, fixtureText("whatsapp", "text")));
    const chatId = (db().$client.prepare("SELECT id FROM chats").get() as { id: number }).id;
    const agent = await makeUser(db(), "agent", "Ana");
    const bytes = Buffer.from("MZ not really");
    expect(() => sendAttachment(db(), { viewer: agent, now: Date.now() }, chatId, { fileName: "setup.exe", mimeType: "application/octet-stream", bytes })).toThrow(/program or script/);
    expect(fs.existsSync(mediaPath(createHash("sha256").update(bytes).digest("hex")))).toBe(false);
  });
});
