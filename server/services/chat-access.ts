import type { DbOrTx } from "@/db/client";
import { assertCanSeeChat, notFound, type Viewer } from "@/server/domain";
import { findChat, type ChatRow } from "@/server/repositories/chats";
import { readSettings } from "@/server/repositories/settings";

/** Loads a chat for someone about to read or act on it; refuses chats their visibility hides. */
export function loadVisibleChat(db: DbOrTx, viewer: Viewer, chatId: number, sharedInbox = readSettings(db).sharedInbox): ChatRow {
  const chat = findChat(db, chatId);
  if (!chat) throw notFound(`There is no chat #${chatId}.`, { key: "error.chat.notFound", params: { id: String(chatId) } });
  assertCanSeeChat(viewer, chat, sharedInbox);
  return chat;
}
