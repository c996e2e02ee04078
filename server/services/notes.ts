import type { Db } from "@/db/client";
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
      const text = validateNoteBody(body);
      const mentioned = mentionedUserIds(text, listUsers(tx), ctx.viewer.id);
      const message = insertMessage(tx, {
        chatId: chat.id,
        contactId: chat.contactId,
        channelId: chat.channelId,
        direction: "out",
        authorKind: "user",
        authorId: ctx.viewer.id,
        kind: "note",
        body: text,
        payload: { mentions: mentioned },
        status: null,
        createdAt: ctx.now,
      });
      insertMentions(tx, { messageId: message.id, chatId: chat.id, userIds: mentioned, createdAt: ctx.now });
      return message;
    },
    { behavior: "immediate" },
  );
}
