import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "@/db/client";
import { runDueReminders } from "@/server/jobs/lifecycle";
import { insertAttachment, updateMessage } from "@/server/repositories/messages";
import { ensureSystemRows } from "@/server/services/bootstrap";
import { closeReasons, quickReplies, templates } from "@/server/services/catalog";
import { createFlow, publishFlow } from "@/server/services/bot/flows";
import { assignChatAction, scheduleChatAction } from "@/server/services/chat-actions";
import { ingestMessage } from "@/server/services/ingest";
import { storeMediaBytes } from "@/server/services/media-store";
import { sendMessage } from "@/server/services/send-message";
import { defaultTeam, insertOffer } from "@/server/repositories/teams";
import { addTeamMember, createTeam } from "@/server/services/routing/teams";
import { updateSetting } from "@/server/services/settings";
import type { PublicUser } from "@/server/services/users";
import { whatsappChannel } from "./channels";
import { makeUser, T0 } from "./fixtures";
import { inboundText } from "./inbound";

// A small company with real data, built once and copied per test: an administrator, the agent under
// test, and a teammate who owns three chats (open with a file and a failed reply, scheduled, reminder
// due). Copying the folder is far cheaper than hashing passwords again for every case.

export interface World {
  admin: PublicUser;
  agent: PublicUser;
  teammate: PublicUser;
  channelId: number;
  contactId: number;
  chatId: number;
  scheduledChatId: number;
  reminderChatId: number;
  messageId: number;
  failedMessageId: number;
  attachmentId: number;
  closeReasonId: number;
  quickReplyId: number;
  templateId: number;
  /** A published bot flow, on no channel (the world's chats never meet the bot). */
  botFlowId: number;
  /** The default team (everyone is in it) and a second one, Soporte, holding only the teammate. */
  teamId: number;
  spareTeamId: number;
  /** An unassigned chat offered to the agent under test. */
  offerChatId: number;
}

/** After T0 + 1 minute every fixture exists; later times stay inside WhatsApp's 24-hour window. */
export const WORLD_NOW = T0 + 60_000;

export async function buildWorld(): Promise<{ dir: string; world: World }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charla-world-"));
  const previous = process.env.DATA_DIR;
  process.env.DATA_DIR = dir; // storeMediaBytes writes under DATA_DIR/media
  const db = openDatabase(path.join(dir, "charla.db"));
  try {
    ensureSystemRows(db, T0);
    const admin = await makeUser(db, "admin", "Alice Admin");
    const agent = await makeUser(db, "agent", "Bruno Agent");
    const teammate = await makeUser(db, "agent", "Carla Teammate");
    const channel = whatsappChannel(db);
    const by = (viewer: PublicUser, now = T0) => ({ viewer, now });

    const first = ingestMessage(db, channel, inboundText("5511911110001", "Oi, meu pedido?", T0), T0);
    const photo = ingestMessage(db, channel, inboundText("5511911110001", "", T0 + 1, { kind: "image" }), T0 + 1);
    const sha = storeMediaBytes(Buffer.from("\x89PNG fake image bytes for the matrix"));
    const attachment = insertAttachment(db, { messageId: photo.messageId, sha256: sha.sha256, size: sha.size, mimeType: "image/png", fileName: "photo.png", status: "ready", createdAt: T0 });
    assignChatAction(db, by(admin), first.chatId, teammate.id);
    const failed = sendMessage(db, by(teammate, T0 + 2), first.chatId, { kind: "text", body: "Vou verificar" });
    updateMessage(db, failed.id, { status: "failed", statusReason: "test: provider refused" });

    const second = ingestMessage(db, channel, inboundText("5511911110002", "Pode me ligar amanhã?", T0), T0);
    assignChatAction(db, by(admin), second.chatId, teammate.id);
    scheduleChatAction(db, by(teammate), second.chatId, T0 + 86_400_000, "ligar");

    const third = ingestMessage(db, channel, inboundText("5511911110003", "Obrigado", T0), T0);
    assignChatAction(db, by(admin), third.chatId, teammate.id);
    scheduleChatAction(db, by(teammate), third.chatId, T0 + 10_000, "lembrar");
    runDueReminders(db, T0 + 20_000);

    const reason = closeReasons.create(db, "Resolvido", { actorId: admin.id, now: T0 });
    const reply = quickReplies.create(db, { shortcut: "oi", body: "Olá! Como posso ajudar?" }, { actorId: admin.id, now: T0 });
    updateSetting(db, "paymentLinkPattern", "https://pay.example.com/{amount}", { actorId: admin.id, now: T0 });
    const template = templates.create(db, { channelId: channel.id, name: "retomar", language: "pt_BR", body: "Olá {{1}}" }, { actorId: admin.id, now: T0 });
    const botFlow = createFlow(db, by(admin), { name: "Bienvenida" });
    publishFlow(db, by(admin), botFlow.id);
    const general = defaultTeam(db)!;
    const spare = createTeam(db, { name: "Soporte" }, { actorId: admin.id, now: T0 });
    addTeamMember(db, spare.id, teammate.id, { actorId: admin.id, now: T0 });
    const offered = ingestMessage(db, channel, inboundText("5511911110004", "Quero comprar", T0), T0);
    insertOffer(db, { chatId: offered.chatId, userId: agent.id, teamId: general.id, offeredAt: T0, expiresAt: T0 + 30 * 60_000 });
    const world: World = {
      admin,
      agent,
      teammate,
      channelId: channel.id,
      contactId: first.contactId,
      chatId: first.chatId,
      scheduledChatId: second.chatId,
      reminderChatId: third.chatId,
      messageId: first.messageId,
      failedMessageId: failed.id,
      attachmentId: attachment.id,
      closeReasonId: reason.id,
      quickReplyId: reply.id,
      templateId: template.id,
      botFlowId: botFlow.id,
      teamId: general.id,
      spareTeamId: spare.id,
      offerChatId: offered.chatId,
    };
    // Everything in the main file, so a plain copy of the folder is the whole database.
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    return { dir, world };
  } finally {
    db.$client.close();
    if (previous === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = previous;
  }
}

/** A private copy of the world's folder (database and media), opened. */
export function copyWorld(templateDir: string): { db: Db; dir: string; close: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "charla-cell-"));
  fs.cpSync(templateDir, dir, { recursive: true });
  const db = openDatabase(path.join(dir, "charla.db"));
  return {
    db,
    dir,
    close: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
