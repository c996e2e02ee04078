import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runDispatcher } from "@/server/jobs/dispatcher";
import { assignChannelFlow, createFlow, publishFlow, saveDraft, storeBotMedia } from "@/server/services/bot/flows";
import { ingestMessage } from "@/server/services/ingest";
import { instagramChannel, whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";
import { fakeFetch } from "../unit/channels/fixtures";

// A message step may carry an image or a file: stored by hash when the admin uploads it, sent before the
// step's text as a media message of its own (through the outbox), and checked against each channel's
// media rules when the flow is saved.

describe("bot messages with a file", () => {
  let t: ReturnType<typeof tempDb>;
  let dataDir: string;
  let previous: string | undefined;
  beforeEach(() => {
    previous = process.env.DATA_DIR;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "charla-bot-media-"));
    process.env.DATA_DIR = dataDir;
    t = tempDb();
  });
  afterEach(() => {
    t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = previous;
  });

  it("sends the image, then the text; a file a channel refuses is refused at save, naming the step", async () => {
    const db = t.db;
    const admin = await makeUser(db, "admin");
    const channel = whatsappChannel(db);
    const ctx = { viewer: admin, now: T0 };
    const media = storeBotMedia(admin, { bytes: Buffer.from("\x89PNG fake catalogue image"), fileName: "catalogo.png", mimeType: "image/png" });
    const flow = createFlow(db, ctx, { name: "Catálogo" });
    saveDraft(db, ctx, flow.id, { start: "cat", steps: [{ id: "cat", kind: "message", text: "Nuestro catálogo 👆", media, next: "fin" }, { id: "fin", kind: "handoff" }] });
    publishFlow(db, ctx, flow.id);
    assignChannelFlow(db, ctx, { channelId: channel.id, flowId: flow.id, returningAfterHours: null });

    const { chatId } = ingestMessage(db, channel, inboundText("5511900000010", "hola", T0), T0);
    const sent = db.$client.prepare("SELECT m.kind, m.body, a.status, a.file_name AS fileName FROM messages m LEFT JOIN attachments a ON a.message_id = m.id WHERE m.chat_id = ? AND m.author_kind = 'bot' AND m.kind <> 'note' ORDER BY m.id").all(chatId);
    expect(sent).toEqual([
      { kind: "image", body: null, status: "ready", fileName: "catalogo.png" },
      { kind: "text", body: "Nuestro catálogo 👆", status: null, fileName: null },
    ]);
    const provider = fakeFetch(200, JSON.stringify({ messages: [{ id: "wamid.x" }] }));
    expect(await runDispatcher(db, { fetchImpl: provider.impl, now: () => T0 + 1 })).toMatchObject({ sent: 2 });
    expect(JSON.parse(provider.calls[0]!.body!)).toMatchObject({ type: "image", image: { link: expect.stringContaining("/api/media/public/") as unknown } });

    // A 9 MB PDF is more than Instagram takes: refused for the step when the flow is given to it.
    const big = storeBotMedia(admin, { bytes: Buffer.alloc(9 * 1024 * 1024, 1), fileName: "lista.pdf", mimeType: "application/pdf" });
    const ig = instagramChannel(db);
    const second = createFlow(db, ctx, { name: "PDF" });
    saveDraft(db, ctx, second.id, { start: "pdf", steps: [{ id: "pdf", kind: "message", text: "Lista", media: big, next: "fin" }, { id: "fin", kind: "close" }] });
    publishFlow(db, ctx, second.id);
    expect(() => assignChannelFlow(db, ctx, { channelId: ig.id, flowId: second.id, returningAfterHours: null })).toThrow(/Step “pdf”: Instagram can't send its file/);
    expect(() => storeBotMedia(admin, { bytes: Buffer.from("MZ"), fileName: "setup.exe", mimeType: "application/octet-stream" })).toThrow(/program or script/);
  });
});
