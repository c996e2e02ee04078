import { canSeeChat } from "./visibility";
import type { Viewer } from "./types";

/**
 * Whether the chat header offers "Assign to me": an open or scheduled chat the viewer may see and does not
 * hold. Taking a teammate's chat is a transfer (chat-assignment.ts), allowed wherever the viewer sees it —
 * with the shared inbox off, an agent sees, and so takes, only unassigned chats.
 */
export function canTakeChat(viewer: Viewer, chat: { status: string; assigneeId: number | null }, sharedInbox: boolean): boolean {
  return chat.status !== "closed" && chat.assigneeId !== viewer.id && canSeeChat(viewer, chat, sharedInbox);
}
