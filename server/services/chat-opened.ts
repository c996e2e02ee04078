import type { Db } from "@/db/client";
import type { Viewer } from "@/server/domain";
import { hasUnseenMentionIn, markMentionsSeen } from "@/server/repositories/mentions";
import { clearUnread } from "@/server/repositories/unread";
import { loadVisibleChat } from "./chat-access";

/**
 * Someone has the chat in front of them (the pane rendered, or new messages shown in it): its mentions of
 * them are seen, and when they are its assignee, nothing in it is unread any more. Nothing is written when
 * nothing was new, so rendering the pane again costs no write — nor the write lock: every render of an open
 * chat calls this, and an immediate transaction would queue behind filing for nothing.
 */
export function chatOpened(db: Db, viewer: Viewer, chatId: number, now: number): { cleared: boolean; unread: number; mentionsSeen: number } {
  const unreadForViewer = (chat: { assigneeId: number | null; unreadCount: number }) => chat.assigneeId === viewer.id && chat.unreadCount > 0;
  const seen = loadVisibleChat(db, viewer, chatId);
  // Something new arriving after this read is shown by the next render or live update, which opens it again.
  if (!unreadForViewer(seen) && !hasUnseenMentionIn(db, seen.id, viewer.id)) return { cleared: false, unread: 0, mentionsSeen: 0 };
  return db.transaction(
    (tx) => {
      const chat = loadVisibleChat(tx, viewer, chatId);
      const cleared = unreadForViewer(chat) && clearUnread(tx, chat.id);
      // How many were unread, so the pane can open at the first of them.
      return { cleared, unread: cleared ? chat.unreadCount : 0, mentionsSeen: markMentionsSeen(tx, chat.id, viewer.id, now) };
    },
    { behavior: "immediate" },
  );
}
