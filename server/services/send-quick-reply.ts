import type { Db } from "@/db/client";
import { notFound } from "@/server/domain";
import { expandQuickReply } from "@/server/domain/quick-reply-variables";
import { findContact } from "@/server/repositories/contacts";
import { findQuickReply } from "@/server/repositories/quick-replies";
import { findUserById } from "@/server/repositories/users";
import { loadVisibleChat } from "./chat-access";
import type { ActionContext } from "./chat-actions";
import { sendMessage } from "./send-message";
import type { MessageRow } from "@/server/repositories/messages";

/**
 * Sends a quick reply as it is picked from the list (the way without JavaScript), with its variables
 * filled in for this chat's contact and this agent, as the composer fills them when it inserts one.
 */
export function sendQuickReply(db: Db, ctx: ActionContext, chatId: number, quickReplyId: number): MessageRow {
  // The chat first: someone who may not see it learns nothing about it, not even its contact's name.
  const chat = loadVisibleChat(db, ctx.viewer, chatId);
  const reply = findQuickReply(db, quickReplyId);
  if (!reply) throw notFound(`There is no quick reply #${quickReplyId}.`, { key: "error.quickReply.notFound", params: { id: String(quickReplyId) } });
  const body = expandQuickReply(reply.body, {
    contactName: findContact(db, chat.contactId)?.name ?? "",
    agentName: findUserById(db, ctx.viewer.id)?.name ?? "",
  });
  return sendMessage(db, ctx, chatId, { kind: "text", body });
}
