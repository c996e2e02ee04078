import type { Db } from "@/db/client";
import { visibleSections, type Viewer } from "@/server/domain";
import { mentionedChats, type MentionedChatRow } from "@/server/repositories/mentions";
import { readSettings } from "@/server/repositories/settings";

export const MENTIONS_PAGE = 50;

/** The chats whose private notes name the viewer, newest mention first, among the chats they may see. */
export function mentionsOf(db: Db, viewer: Viewer, limit = MENTIONS_PAGE): MentionedChatRow[] {
  const all = visibleSections(viewer, readSettings(db).sharedInbox).includes("all");
  return mentionedChats(db, viewer.id, all, limit);
}
