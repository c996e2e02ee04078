import type { DbOrTx } from "@/db/client";
import { isOpenAt } from "@/server/domain/business-hours";
import { awayMessageDue } from "@/server/domain/routing";
import { findChat } from "@/server/repositories/chats";
import { channelTeamId, findTeam, lastAwayMessageTo, markAwaySent } from "@/server/repositories/teams";
import type { FiledInbound } from "../inbound-hooks";
import { enqueueChat } from "./enqueue";
import { sendTeamMessage } from "./team-messages";

/**
 * Routing's step when a contact's message is filed: a new chat joins its team's queue (and is distributed
 * at once when the team is open), gets the team's greeting; outside opening hours the contact gets the
 * away message, at most once a day per chat. A chat that already has an owner only gets the away message.
 */
export function routeInbound(tx: DbOrTx, filed: FiledInbound): void {
  const before = filed.chat;
  if (before.status === "closed") return;
  const teamId = before.teamId ?? channelTeamId(tx, filed.channel.id);
  if (teamId === null) return;
  const team = findTeam(tx, teamId);
  if (!team) return;
  const open = isOpenAt(team.schedule ?? null, filed.now);

  if (filed.openedChat || before.teamId === null) {
    const chat = findChat(tx, before.id)!;
    if (team.greeting && filed.openedChat) sendTeamMessage(tx, chat, filed.channel, team.greeting, "greeting", filed.now);
    if (chat.assigneeId === null) enqueueChat(tx, { chatId: chat.id, teamId, now: filed.now, reason: "inbound" });
  }
  // Once a day per contact: a contact whose chat closed and who writes again that night has had it already.
  if (!open && team.awayMessage && awayMessageDue(lastAwayMessageTo(tx, before.contactId), filed.now)) {
    const chat = findChat(tx, before.id)!;
    if (sendTeamMessage(tx, chat, filed.channel, team.awayMessage, "away", filed.now)) markAwaySent(tx, chat.id, filed.now);
  }
}
