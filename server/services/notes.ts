import type { Db, DbOrTx } from "@/db/client";
import type { ChatRow } from "@/server/repositories/chats";
import { mentionedUserIds, validateNoteBody } from "@/server/domain/notes";
import { insertMentions } from "@/server/repositories/mentions";
import { insertMessage, type MessageRow } from "@/server/repositories/messages";
import { listUsers } from "@/server/repositories/users";
import { loadVisibleChat } from "./chat-access";
import type { ActionContext } from "./chat-actions";

/**
 * A teammate writes a private note in a chat. It is a message of kind "note" without a delivery status, so
 * the dispatcher never picks it up and no visitor sees it; the chat row is not touched, so the contact still
 * waits (pending, reply window, assignee unchanged). The teammates it names with @ are recorded as mentions.
 */
export function addNote(db: Db, ctx: ActionContext, chatId: number, body: string): MessageRow {
  return db.transaction(
    (tx) => {
      const chat = loadVisibleChat(tx, ctx.viewer, chatId);
      return writeNote(tx, chat, ctx.viewer.id, validateNoteBody(body), [], ctx.now);
    },
    { behavior: "immediate" },
  );
}

/**
 * Writes a validated note into a chat, inside the caller's transaction: the teammates it names with @ are
 * mentioned, and so are `alsoMention` (a transfer's note is addressed to the chat's new owner).
 */
export function writeNote(tx: DbOrTx, chat: Pick<ChatRow, "id" | "contactId" | "channelId">, authorId: number, text: string, alsoMention: number[], now: number): MessageRow {
  const mentioned = [...new Set([...mentionedUserIds(text, listUsers(tx), authorId), ...alsoMention.filter((id) => id !== authorId)])];
  const message = insertMessage(tx, {
    chatId: chat.id,
    contactId: chat.contactId,
    channelId: chat.channelId,
    direction: "out",
    authorKind: "user",
    authorId,
    kind: "note",
    body: text,
    payload: { mentions: mentioned },
    status: null,
    createdAt: now,
  });
  insertMentions(tx, { messageId: message.id, chatId: chat.id, userIds: mentioned, createdAt: now });
  return message;
}
