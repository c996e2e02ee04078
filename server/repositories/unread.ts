import type { DbOrTx as Db } from "@/db/client";
import { statement } from "./row-writes";

/** The assignee opened the chat: nothing in it is unread any more. Writes only when something was. */
export function clearUnread(db: Db, chatId: number): boolean {
  return statement(db, "chats.clearUnread", () => "UPDATE chats SET unread_count = 0 WHERE id = ? AND unread_count <> 0").run(chatId).changes > 0;
}
