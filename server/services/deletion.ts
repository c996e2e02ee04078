import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/db/client";
import { dataDir } from "@/server/config/env";
import { assertAdmin, badRequest, notFound, type Viewer } from "@/server/domain";
import { writeAudit } from "@/server/repositories/audit";
import { deleteChatRow, findChat } from "@/server/repositories/chats";
import { deleteAttachmentsOfMessage, findMessage, messagesOfChat, updateMessage } from "@/server/repositories/messages";
import type { AttachmentRow } from "@/server/repositories/messages";

// Only administrators delete. Content and files go for good; a message keeps a tombstone (who, when),
// a chat's tombstone is its audit-log entry.

export function mediaPath(sha256: string): string {
  return path.join(dataDir(), "media", sha256.slice(0, 2), sha256);
}

/** Files are shared by content hash; one is removed only when no attachment row points at it any more. */
export function removeUnreferencedFiles(db: Db, removed: AttachmentRow[]): void {
  for (const a of removed) {
    if (!a.sha256) continue;
    const still = db.$client.prepare("SELECT 1 FROM attachments WHERE sha256 = ? LIMIT 1").get(a.sha256);
    if (!still) fs.rmSync(mediaPath(a.sha256), { force: true });
  }
}

export function deleteMessage(db: Db, viewer: Viewer, messageId: number, now: number): void {
  assertAdmin(viewer, "deleteMessages");
  const removed = db.transaction(
    (tx) => {
      const message = findMessage(tx, messageId);
      if (!message) throw notFound(`There is no message #${messageId}.`, { key: "error.message.notFound", params: { id: String(messageId) } });
      if (message.deletedAt) throw badRequest("This message was already deleted.", { key: "error.message.alreadyDeleted" });
      const files = deleteAttachmentsOfMessage(tx, messageId);
      updateMessage(tx, messageId, { body: null, payload: null, deletedAt: now, deletedById: viewer.id });
      writeAudit(tx, { actorId: viewer.id, action: "message.delete", targetType: "message", targetId: messageId, details: { chatId: message.chatId } }, now);
      return files;
    },
    { behavior: "immediate" },
  );
  removeUnreferencedFiles(db, removed);
}

export function deleteChat(db: Db, viewer: Viewer, chatId: number, now: number): void {
  assertAdmin(viewer, "deleteMessages");
  const removed = db.transaction(
    (tx) => {
      const chat = findChat(tx, chatId);
      if (!chat) throw notFound(`There is no chat #${chatId}.`, { key: "error.chat.notFound", params: { id: String(chatId) } });
      const files: AttachmentRow[] = [];
      for (const m of messagesOfChat(tx, chatId, { limit: Number.MAX_SAFE_INTEGER })) files.push(...deleteAttachmentsOfMessage(tx, m.id));
      // Messages go with the chat (ON DELETE CASCADE); the FTS triggers drop their text from the index.
      deleteChatRow(tx, chatId);
      writeAudit(tx, { actorId: viewer.id, action: "chat.delete", targetType: "chat", targetId: chatId, details: { contactId: chat.contactId, status: chat.status } }, now);
      return files;
    },
    { behavior: "immediate" },
  );
  removeUnreferencedFiles(db, removed);
}
