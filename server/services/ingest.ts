import type { Db, DbOrTx } from "@/db/client";
import type { InboundMessage, InboundStatus } from "@/server/channels/types";
import { needsNewChat, newChat, receiveInbound, recordOutbound, sortAtFor } from "@/server/domain";
import { advanceDeliveryStatus } from "@/server/domain/delivery-status";
import { findActiveChat, insertChat, chatsOfContact, type ChatRow } from "@/server/repositories/chats";
import { findIdentity, insertContact, insertIdentity, renameContact } from "@/server/repositories/contacts";
import { findByProviderId, insertAttachment, insertMessage, updateMessage, type MessageRow } from "@/server/repositories/messages";
import type { ChannelRow } from "@/server/repositories/channels";
import { previewOf, writeDecision } from "./chat-records";
import { applySurveyReply, surveyReplyOf } from "./csat";
import { afterInboundFiled } from "./inbound-hooks";

export interface IngestResult {
  messageId: number;
  chatId: number;
  contactId: number;
  /** True when the provider had already delivered this message: nothing was written. */
  duplicate: boolean;
  openedChat: boolean;
}

/**
 * Stores one message from a provider webhook: finds or creates the contact, puts the message in the
 * contact's active chat or opens a new one, and updates the chat's lifecycle — all in one immediate
 * transaction, so concurrent deliveries for the same new contact still end with one active chat.
 */
export function ingestMessage(db: Db, channel: ChannelRow, event: InboundMessage, now: number): IngestResult {
  return db.transaction((tx) => ingestMessageInTx(tx, channel, event, now), { behavior: "immediate" });
}

/** The same inside a caller's transaction, so a webhook carrying several events stores all of them or none. */
export function ingestMessageInTx(tx: DbOrTx, channel: ChannelRow, event: InboundMessage, now: number): IngestResult {
  const existing = findByProviderId(tx, channel.id, event.providerMessageId);
  if (existing) {
    return { messageId: existing.id, chatId: existing.chatId, contactId: existing.contactId, duplicate: true, openedChat: false };
  }
  // A provider's clock, or a retry days later, must not put a message in the future or reorder the queue.
  const at = Math.min(Number.isFinite(event.timestamp) ? event.timestamp : now, now);
  const contactId = resolveContact(tx, channel, event, at);

  let chat = findActiveChat(tx, contactId);
  let openedChat = false;
  const templateReply = event.direction === "in" && event.replyToProviderId ? findByProviderId(tx, channel.id, event.replyToProviderId) : undefined;

  // A rating (or its comment) answers the survey of a closed chat: filed there, it never opens a new chat.
  const surveyReply = surveyReplyOf(tx, contactId, event, chat ?? null, at);
  if (surveyReply) {
    chat = surveyReply.chat;
  } else if (event.direction === "out") {
    // An echo of something the business sent from another app: history, never the customer's words.
    chat ??= chatsOfContact(tx, contactId).at(-1);
    if (!chat) {
      chat = openChat(tx, channel, contactId, null, at);
      openedChat = true;
    }
  } else if (needsNewChat(chat ?? null)) {
    // A reply to one of our templates starts the chat with the agent who sent the template.
    const assignee = templateReply?.kind === "template" && templateReply.direction === "out" ? templateReply.authorId : null;
    chat = openChat(tx, channel, contactId, assignee, at);
    openedChat = true;
    if (assignee !== null && templateReply) showTemplateInNewChat(tx, chat, templateReply);
  }
  const target = chat!;

  const message = insertMessage(tx, {
    chatId: target.id,
    contactId,
    channelId: channel.id,
    direction: event.direction,
    authorKind: event.direction === "in" ? "contact" : "user",
    kind: event.kind,
    body: event.body ?? null,
    payload: { ...(event.payload ?? {}), ...(event.deleted ? { deletedByContact: true } : {}) },
    providerMessageId: event.providerMessageId,
    replyToProviderId: event.replyToProviderId ?? null,
    status: event.direction === "out" ? "sent" : null,
    createdAt: at,
  });
  for (const media of event.media ?? []) {
    insertAttachment(tx, {
      messageId: message.id,
      providerMediaId: media.providerMediaId ?? media.url ?? null,
      mimeType: media.mimeType ?? null,
      fileName: media.fileName ?? null,
      sha256: null,
      status: "pending",
      createdAt: now,
    });
  }

  if (target.status !== "closed") {
    const decision = event.direction === "in" ? receiveInbound(target, at) : recordOutbound(target, at);
    // One UPDATE for the lifecycle, the list preview and the unread count: this runs for every message that arrives.
    const unread = event.direction === "in" ? { unreadCount: target.unreadCount + 1 } : {};
    writeDecision(tx, target, decision, now, { lastMessagePreview: previewOf(message), ...unread });
  }
  if (surveyReply) {
    applySurveyReply(tx, channel, surveyReply, now);
    return { messageId: message.id, chatId: target.id, contactId, duplicate: false, openedChat };
  }
  afterInboundFiled(tx, { channel, event, chat: target, message, openedChat, now });
  return { messageId: message.id, chatId: target.id, contactId, duplicate: false, openedChat };
}

function resolveContact(tx: DbOrTx, channel: ChannelRow, event: InboundMessage, at: number): number {
  const { externalId, phone, name, handle } = event.contact;
  const identity = findIdentity(tx, channel.id, externalId);
  if (identity) {
    // Providers send the profile name with each message; keep it current when the person changes it.
    // Only a changed name is written: most messages repeat it, and each write also reindexes the contact.
    if (name && event.direction === "in") renameContact(tx, identity.contactId, name);
    return identity.contactId;
  }
  const contact = insertContact(tx, {
    name: name?.trim() || handle || phone || externalId,
    phone: phone ?? null,
    handle: handle ?? null,
    createdAt: at,
  });
  insertIdentity(tx, { contactId: contact.id, channelId: channel.id, externalId, phone: phone ?? null, createdAt: at });
  return contact.id;
}

function openChat(tx: DbOrTx, channel: ChannelRow, contactId: number, assigneeId: number | null, at: number): ChatRow {
  const state = newChat(at, assigneeId);
  return insertChat(tx, { ...state, contactId, channelId: channel.id, sortAt: sortAtFor(state), updatedAt: at });
}

/** The template the contact answered lives in an earlier chat; the new chat shows it first, for context. */
function showTemplateInNewChat(tx: DbOrTx, chat: ChatRow, template: MessageRow): void {
  insertMessage(tx, {
    chatId: chat.id,
    contactId: chat.contactId,
    channelId: chat.channelId,
    direction: "out",
    authorKind: template.authorKind,
    authorId: template.authorId,
    kind: "template",
    body: template.body,
    payload: { ...(template.payload ?? {}), answeredTemplateMessageId: template.id },
    status: template.status,
    createdAt: template.createdAt,
  });
}

/** A delivery receipt. Unknown message ids are acknowledged and ignored (e.g. sent from another tool). */
export function ingestStatus(db: Db, channel: ChannelRow, event: InboundStatus): { updated: boolean } {
  return db.transaction((tx) => ingestStatusInTx(tx, channel, event), { behavior: "immediate" });
}

export function ingestStatusInTx(tx: DbOrTx, channel: ChannelRow, event: InboundStatus): { updated: boolean } {
  const message = findByProviderId(tx, channel.id, event.providerMessageId);
  if (!message || message.direction !== "out") return { updated: false };
  const next = advanceDeliveryStatus(message.status, event.status);
  if (next === message.status) return { updated: false };
  updateMessage(tx, message.id, {
    status: next,
    statusReason: next === "failed" ? event.reason ?? "The provider reported a failure without a reason." : message.statusReason,
  });
  return { updated: true };
}
