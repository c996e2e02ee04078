import type { Db } from "@/db/client";
import { canSeeChat, notFound, type Viewer } from "@/server/domain";
import { findChannel } from "@/server/repositories/channels";
import { chatsOfContact, findChat } from "@/server/repositories/chats";
import { findContact } from "@/server/repositories/contacts";
import { attachmentsOfMessages, messagesOfChat } from "@/server/repositories/messages";
import { readSettings } from "@/server/repositories/settings";
import { findUserById } from "@/server/repositories/users";
import { loadVisibleChat } from "./chat-access";
import { findSurveyOfChat } from "@/server/repositories/csat";

/**
 * Everything the chat pane shows: the chat, who it is with, and its messages — the newest `limit` (with
 * `hasEarlier` when the chat has more), or the new ones since `after`.
 */
export function chatView(db: Db, viewer: Viewer, chatId: number, opts: { after?: number; limit?: number } = {}) {
  const sharedInbox = readSettings(db).sharedInbox;
  const chat = loadVisibleChat(db, viewer, chatId, sharedInbox);
  const contact = findContact(db, chat.contactId)!;
  const channel = findChannel(db, chat.channelId)!;
  const assignee = chat.assigneeId ? findUserById(db, chat.assigneeId) : undefined;
  const limit = opts.limit ?? 200;
  // One more than asked tells whether older messages remain, without counting them.
  const page = messagesOfChat(db, chat.id, { after: opts.after, limit: opts.after === undefined ? limit + 1 : limit });
  const hasEarlier = page.length > limit;
  const messages = hasEarlier ? page.slice(1) : page;
  const attachments = attachmentsOfMessages(db, messages.map((m) => m.id));
  const history = chatsOfContact(db, chat.contactId)
    .filter((c) => canSeeChat(viewer, c, sharedInbox))
    .map((c) => ({ id: c.id, status: c.status, openedAt: c.openedAt, closedAt: c.closedAt, assigneeId: c.assigneeId }));
  return {
    chat,
    hasEarlier,
    // What was said before a transfer goes above the chat's first message, so only once that one is shown.
    earlier: hasEarlier || opts.after !== undefined ? [] : transferredContext(db, chat.transferredFromId),
    contact,
    channel: { id: channel.id, type: channel.type, name: channel.name, zenviaChannel: channel.config.zenviaChannel ?? null },
    assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
    messages,
    attachments,
    history,
    csat: chat.status === "closed" ? surveyAnswer(db, chat.id) : null,
  };
}

/** The contact's rating of this chat (issue 15), once they gave one. */
function surveyAnswer(db: Db, chatId: number): { rating: number; comment: string | null } | null {
  const survey = findSurveyOfChat(db, chatId);
  return survey?.rating ? { rating: survey.rating, comment: survey.comment } : null;
}

/**
 * A transfer hands the conversation over: the new owner sees what was said before it, even when the
 * earlier chats belonged to someone else, or they would answer without context.
 */
function transferredContext(db: Db, fromId: number | null, limit = 100) {
  const chain = [];
  for (let id = fromId, hops = 0; id !== null && hops < 10; hops++) {
    const previous = findChat(db, id);
    if (!previous) break;
    chain.unshift(previous.id);
    id = previous.transferredFromId;
  }
  return chain.flatMap((id) => messagesOfChat(db, id, { limit })).slice(-limit);
}

/** A contact's page: all of their chats in order, with every message, limited to what the viewer may see. */
export function contactHistory(db: Db, viewer: Viewer, contactId: number) {
  const contact = findContact(db, contactId);
  if (!contact) throw notFound(`There is no contact #${contactId}.`, { key: "error.contact.notFound", params: { id: String(contactId) } });
  const sharedInbox = readSettings(db).sharedInbox;
  const chats = chatsOfContact(db, contactId).filter((c) => canSeeChat(viewer, c, sharedInbox));
  return {
    contact,
    chats: chats.map((chat) => ({ chat, messages: messagesOfChat(db, chat.id, { limit: 10_000 }) })),
  };
}
