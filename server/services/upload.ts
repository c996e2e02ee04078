import fs from "node:fs";
import type { Db } from "@/db/client";
import { badRequest } from "@/server/domain/errors";
import { mediaKindOf } from "@/server/domain/media-limits";
import { insertAttachment, type MessageRow } from "@/server/repositories/messages";
import type { ActionContext } from "./chat-actions";
import { mediaPath } from "./deletion";
import { MEDIA_HARD_CAP, sha256Of, storeMediaBytes } from "./media-store";
import { sendMessage } from "./send-message";

export interface AttachmentUpload {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
  caption?: string;
}

/**
 * An agent sends a file: the bytes are stored by hash, then the message (kind from the MIME type,
 * checked against the channel's media rules) and its ready attachment are written in one transaction
 * and queued like any other send. The provider later fetches the file from a signed public URL.
 */
export function sendAttachment(db: Db, ctx: ActionContext, chatId: number, upload: AttachmentUpload): MessageRow {
  if (upload.bytes.byteLength === 0) throw badRequest("The file is empty.", { key: "error.media.empty" });
  if (upload.bytes.byteLength > MEDIA_HARD_CAP) throw badRequest("Files are limited to 100 MB.", { key: "error.media.tooLarge", params: { max: "100 MB" } });
  const existed = fs.existsSync(mediaPath(sha256Of(upload.bytes)));
  const stored = storeMediaBytes(upload.bytes);
  try {
    return sendMessage(
      db,
      ctx,
      chatId,
      { kind: mediaKindOf(upload.mimeType), fileName: upload.fileName, mimeType: upload.mimeType, size: stored.size },
      {
        caption: upload.caption,
        withMessage: (tx, message) => {
          const p = message.payload ?? {};
          insertAttachment(tx, {
            messageId: message.id,
            sha256: stored.sha256,
            size: stored.size,
            // validateMedia's normalized name and type, as stored in the payload.
            mimeType: typeof p.mimeType === "string" ? p.mimeType : upload.mimeType,
            fileName: typeof p.fileName === "string" ? p.fileName : upload.fileName,
            status: "ready",
            createdAt: ctx.now,
          });
        },
      },
    );
  } catch (err) {
    // Refused (too big for the channel, a program, chat closed…): do not keep a file nothing points at.
    if (!existed) fs.rmSync(mediaPath(stored.sha256), { force: true });
    throw err;
  }
}
