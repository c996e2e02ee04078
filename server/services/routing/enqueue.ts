import type { DbOrTx } from "@/db/client";
import { findChat } from "@/server/repositories/chats";
import { channelTeamId, findTeam } from "@/server/repositories/teams";
import { distribute, type Placement } from "./distribute";

/**
 * Puts an unassigned open chat in a team's queue (null: its channel's team, else the default team) and runs
 * that team's distribution at once, in the caller's transaction. An assigned or closed chat keeps its team
 * and owner: nothing is queued. The routing contract other features call (the bot hands a chat over here).
 */
export function enqueueChat(tx: DbOrTx, input: { chatId: number; teamId: number | null; now: number; reason: string }): Placement[] {
  const chat = findChat(tx, input.chatId);
  if (!chat || chat.status === "closed" || chat.assigneeId !== null) return [];
  const teamId = input.teamId ?? channelTeamId(tx, chat.channelId);
  if (teamId === null || !findTeam(tx, teamId)) return [];
  // A chat joining the queue is queued by distribute: when it goes straight to someone, in the same UPDATE.
  const joins = chat.teamId !== teamId || chat.queuedAt === null;
  return distribute(tx, [teamId], input.now, input.reason, joins ? { chat, teamId, queuedAt: input.now } : undefined);
}
