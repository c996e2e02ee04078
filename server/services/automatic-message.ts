import type { DbOrTx } from "@/db/client";
import { kickDispatcher } from "@/server/jobs/kick";
import { recordOutbound } from "@/server/domain";
import { choicesPayload, type ChoicesContent } from "@/server/domain/choices";
import { mediaKindOf } from "@/server/domain/media-limits";
import type { ChannelRow } from "@/server/repositories/channels";
import { findChat, type ChatRow } from "@/server/repositories/chats";
import { insertAttachment, insertMessage, type MessageRow, type NewMessage } from "@/server/repositories/messages";
import { previewOf, writeDecision } from "./chat-records";

// A message Charla sends on its own (the bot's steps, a survey): stored in the caller's transaction as
// queued, so the outbound dispatcher delivers it with its retries like an agent's message, and recorded
// as the chat's latest outbound message (it answers what was waiting and counts in the reply window).

export interface AutomaticContent {
  /** The text; with `media`, its caption-less companion is sent as its own message by the caller. */
  body: string;
  /** A file already in the media store (by hash): sent as an image or document message, no text. */
  media?: { sha256: string; mimeType: string; fileName: string; size: number };
  /** Offered as buttons, a list or quick replies where the channel has them, else as a numbered menu. */
  choices?: Omit<ChoicesContent, "body">;
}

export function queueAutomaticMessage(
  tx: DbOrTx,
  chat: ChatRow,
  channel: ChannelRow,
  content: AutomaticContent,
  authorKind: "bot" | "system",
  now: number,
  /** Several messages of one turn: the caller records the last on the chat once (recordAutomaticOnChat). */
  opts: { deferChat?: boolean } = {},
): { message: MessageRow; chat: ChatRow } {
  const media = content.media;
  const payload = media
    ? { fileName: media.fileName, mimeType: media.mimeType, size: media.size }
    : content.choices?.choices.length
      ? choicesPayload({ ...content.choices, body: content.body })
      : {};
  const message = insertAutomaticRow(tx, chat, channel, { authorKind, kind: media ? mediaKindOf(media.mimeType) : "text", body: media ? null : content.body, payload }, now);
  if (media) insertAttachment(tx, { messageId: message.id, sha256: media.sha256, size: media.size, mimeType: media.mimeType, fileName: media.fileName, status: "ready", createdAt: now });
  return { message, chat: opts.deferChat ? chat : recordAutomaticOnChat(tx, chat.id, message, now) };
}

/**
 * The outbound row alone, queued for the dispatcher (its kick runs after the caller's transaction): for a
 * message that must leave the chat as it is, like the survey into a closed chat.
 */
export function insertAutomaticRow(
  tx: DbOrTx,
  chat: ChatRow,
  channel: ChannelRow,
  row: Pick<NewMessage, "authorKind" | "kind" | "body" | "payload">,
  now: number,
): MessageRow {
  // The web chat has no provider: the visitor's poll fetches the message.
  const status = channel.type === "webchat" ? "sent" : "queued";
  const message = insertMessage(tx, {
    ...row,
    chatId: chat.id,
    contactId: chat.contactId,
    channelId: chat.channelId,
    direction: "out",
    status,
    nextAttemptAt: status === "queued" ? now : null,
    createdAt: now,
  });
  if (status === "queued") kickDispatcher();
  return message;
}

/**
 * The chat's lifecycle and list preview after automatic messages: one UPDATE for a whole turn (each UPDATE
 * of a chat runs its triggers and index writes; the bench measured the bot's first turn above its 1 ms budget).
 */
export function recordAutomaticOnChat(tx: DbOrTx, chatId: number, last: MessageRow, now: number): ChatRow {
  // Re-read: an earlier write in the same transaction may have changed the row a caller holds.
  const current = findChat(tx, chatId)!;
  return writeDecision(tx, current, recordOutbound(current, now), now, { lastMessagePreview: previewOf(last) });
}
