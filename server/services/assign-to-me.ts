import type { Db } from "@/db/client";
import { assignChatAction, type ActionContext, type AssignResult } from "./chat-actions";

/**
 * "Assign to me": the assignment (or, on a teammate's chat, the transfer) of chat-assignment.ts with the
 * viewer as the target, under the same visibility. `expectedAssigneeId` is who the agent saw holding it.
 */
export function assignToMe(db: Db, ctx: ActionContext, chatId: number, expectedAssigneeId?: number | null): AssignResult {
  return assignChatAction(db, ctx, chatId, ctx.viewer.id, expectedAssigneeId);
}
