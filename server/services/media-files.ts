import fs from "node:fs";
import type { DbOrTx } from "@/db/client";
import { notFound, type Viewer } from "@/server/domain";
import { findAttachment, findMessage, type AttachmentRow } from "@/server/repositories/messages";
import { loadVisibleChat } from "./chat-access";
import { mediaPath } from "./deletion";
import { verifyPublicMediaToken } from "./public-media";

// Which stored file a request may read. Signed-in users see files of chats they may see; providers
// see the file a signed, unexpired token names.

export interface ServableFile {
  attachment: AttachmentRow;
  path: string;
}

function servable(attachment: AttachmentRow | undefined): ServableFile {
  if (!attachment || attachment.status !== "ready" || !attachment.sha256) throw notFound("This file is not available.", { key: "error.file.unavailable" });
  const path = mediaPath(attachment.sha256);
  if (!fs.existsSync(path)) throw notFound("This file is not available.", { key: "error.file.unavailable" });
  return { attachment, path };
}

export function attachmentForViewer(db: DbOrTx, viewer: Viewer, attachmentId: number): ServableFile {
  const attachment = findAttachment(db, attachmentId);
  const message = attachment ? findMessage(db, attachment.messageId) : undefined;
  if (!attachment || !message) throw notFound("This file is not available.", { key: "error.file.unavailable" });
  loadVisibleChat(db, viewer, message.chatId);
  return servable(attachment);
}

export function attachmentForPublicToken(db: DbOrTx, token: string, now: number): ServableFile {
  const id = verifyPublicMediaToken(token, now);
  if (id === null) throw notFound("This link is not valid or has expired.", { key: "error.file.link" });
  return servable(findAttachment(db, id));
}
