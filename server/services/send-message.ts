import type { Db, DbOrTx, Tx } from "@/db/client";
import { kickDispatcher } from "@/server/jobs/kick";
import {
  assertCanSendFreeText,
  assignChat,
  badRequest,
  conflict,
  recordOutbound,
  renderTemplate,
  templateVariableCount,
  validateOutboundContent,
  type ChannelRef,
  type OutboundContent,
  type OutboundContentInput,
} from "@/server/domain";
import { findChannel, type ChannelRow } from "@/server/repositories/channels";
import { updateChat, type ChatRow } from "@/server/repositories/chats";
import { findSystemReason } from "@/server/repositories/close-reasons";
import { findMessage, insertMessage, type MessageRow } from "@/server/repositories/messages";
import { readSettings } from "@/server/repositories/settings";
import { findTemplate } from "@/server/repositories/templates";
import { findUserById } from "@/server/repositories/users";
import { loadVisibleChat } from "./chat-access";
import type { ActionContext } from "./chat-actions";
import { previewOf, writeDecision } from "./chat-records";
import { clearUnread } from "@/server/repositories/unread";

export type SendInput = OutboundContentInput & { replyToMessageId?: number };

export function channelRef(channel: ChannelRow): ChannelRef {
  const zenvia = channel.config.zenviaChannel;
  return { type: channel.type, zenviaChannel: zenvia === "whatsapp" || zenvia === "instagram" ? zenvia : null };
}

/**
 * An agent sends something in a chat. It is stored first, as queued, and the outbound dispatcher delivers
 * it; so a crash or a provider outage never loses what the agent wrote.
 */
export function sendMessage(db: Db, ctx: ActionContext, chatId: number, input: SendInput, options: SendOptions = {}): MessageRow {
  const message = sendInTx(db, ctx, chatId, input, options);
  // Stored first; the dispatcher is woken to deliver it now rather than at its next tick.
  if (message.status === "queued") kickDispatcher();
  return message;
}

export interface SendOptions {
  /** Text shown with a file (stored as the message body). */
  caption?: string;
  /** Writes rows that belong to the message (its attachment) in the same transaction. */
  withMessage?: (tx: Tx, message: MessageRow) => void;
}

function sendInTx(db: Db, ctx: ActionContext, chatId: number, input: SendInput, options: SendOptions): MessageRow {
  return db.transaction(
    (tx) => {
      const chat = loadVisibleChat(tx, ctx.viewer, chatId);
      const channel = findChannel(tx, chat.channelId)!;
      const ref = channelRef(channel);
      const content = validateOutboundContent(input, { channel: ref, paymentUrlPattern: readSettings(tx).paymentLinkPattern });
      // A call entry records what the agent did on the phone; it is not sent through the channel.
      if (content.kind !== "call") assertCanSendFreeText(ref, chat.lastInboundAt, ctx.now, content.kind);
      if (chat.status === "closed" && content.kind !== "template") {
        throw conflict("This chat is closed; only a template can be sent, and the contact's reply will open a new chat.", { key: "error.send.closed" });
      }
      const record = contentToRecord(tx, channel, content);
      const body = options.caption?.trim() ? options.caption.trim() : record.body;
      const payload = record.payload;
      const replyTo = input.replyToMessageId ? findMessage(tx, input.replyToMessageId) : undefined;
      if (input.replyToMessageId && (!replyTo || replyTo.chatId !== chat.id)) throw badRequest("The message you reply to is not in this chat.", { key: "error.message.replyElsewhere" });

      const message = insertMessage(tx, {
        chatId: chat.id,
        contactId: chat.contactId,
        channelId: chat.channelId,
        direction: "out",
        authorKind: "user",
        authorId: ctx.viewer.id,
        kind: content.kind,
        body,
        payload,
        replyToProviderId: replyTo?.providerMessageId ?? null,
        status: deliveryStart(channel, content),
        nextAttemptAt: deliveryStart(channel, content) === "queued" ? ctx.now : null,
        createdAt: ctx.now,
      });
      options.withMessage?.(tx, message);
      if (chat.status !== "closed") answerChat(tx, chat, ctx, message);
      return message;
    },
    { behavior: "immediate" },
  );
}

/** Web chat visitors fetch replies themselves and call entries go nowhere: neither waits in the outbox. */
function deliveryStart(channel: ChannelRow, content: OutboundContent): MessageRow["status"] {
  if (content.kind === "call") return null;
  return channel.type === "webchat" ? "sent" : "queued";
}

/**
 * Replying answers the contact (pending clears). Replying to an unassigned chat also makes it the
 * replier's, so two agents never answer the same customer without knowing; and an assignee who replies has
 * read what they answer, so nothing in the chat is unread any more.
 */
function answerChat(tx: DbOrTx, chat: ChatRow, ctx: ActionContext, message: MessageRow): void {
  let current = chat;
  if (current.assigneeId === null) {
    const me = findUserById(tx, ctx.viewer.id)!;
    const transferred = findSystemReason(tx, "transferred")!;
    const decision = assignChat(current, { target: me, actorId: ctx.viewer.id, now: ctx.now, transferredReasonId: transferred.id });
    if (decision.type === "assign") current = writeDecision(tx, current, decision.chat, ctx.now);
  }
  const updated = writeDecision(tx, current, recordOutbound(current, ctx.now), ctx.now);
  updateChat(tx, updated, { lastMessagePreview: previewOf(message) });
  if (updated.assigneeId === ctx.viewer.id) clearUnread(tx, updated.id);
}

function contentToRecord(tx: DbOrTx, channel: ChannelRow, content: OutboundContent): { body: string | null; payload: Record<string, unknown> } {
  switch (content.kind) {
    case "text":
      return { body: content.body, payload: {} };
    case "template": {
      const template = findTemplate(tx, channel.id, content.name, content.language);
      if (!template) {
        throw badRequest(`There is no template “${content.name}” (${content.language}) for this channel.`, {
          key: "error.template.unknown",
          params: { name: content.name, language: content.language },
        });
      }
      const count = templateVariableCount(template.body);
      if (count !== content.variables.length) {
        throw badRequest(`The template “${content.name}” needs ${count} values; got ${content.variables.length}.`, {
          key: "error.template.valueMismatch",
          params: { name: content.name, count, given: content.variables.length },
        });
      }
      return { body: renderTemplate(template.body, content.variables), payload: { name: content.name, language: content.language, variables: content.variables } };
    }
    case "call":
      return { body: null, payload: {} };
    default: {
      const { kind: _kind, ...rest } = content;
      return { body: null, payload: rest };
    }
  }
}
