import type { DbOrTx } from "@/db/client";
import { assertCanSeeChat, forbidden, notFound, type Viewer } from "@/server/domain";
import { agentTeams } from "./inbox";
import { findChat, type ChatRow } from "@/server/repositories/chats";
import { readSettings } from "@/server/repositories/settings";

/** Loads a chat for someone about to read or act on it; refuses chats their visibility hides. */
export function loadVisibleChat(db: DbOrTx, viewer: Viewer, chatId: number, sharedInbox = readSettings(db).sharedInbox): ChatRow {
  const chat = findChat(db, chatId);
  if (!chat) throw notFound(`There is no chat #${chatId}.`, { key: "error.chat.notFound", params: { id: String(chatId) } });
  assertCanSeeChat(viewer, chat, sharedInbox);
  // Without the shared inbox an agent's Unassigned is their teams' queues (issue 13): another team's waiting
  // chat is not theirs to open or take.
  if (!sharedInbox && viewer.role !== "admin" && chat.assigneeId === null && chat.teamId !== null) {
    const teams = agentTeams(db, viewer);
    if (teams && !teams.includes(chat.teamId)) {
      throw forbidden("This chat waits in another team's queue, and the inbox isn't shared.", { key: "error.visibility.team" });
    }
  }
  return chat;
}
