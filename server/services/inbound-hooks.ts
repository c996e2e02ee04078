import type { DbOrTx } from "@/db/client";
import type { InboundMessage } from "@/server/channels/types";
import type { ChatRow } from "@/server/repositories/chats";
import type { ChannelRow } from "@/server/repositories/channels";
import type { MessageRow } from "@/server/repositories/messages";
import { botHandlesInbound } from "./bot/run";
import { routeInbound } from "./routing/inbound";

/** What filing one contact message decided, handed to the features that react to it in the same transaction. */
export interface FiledInbound {
  channel: ChannelRow;
  event: InboundMessage;
  /** The chat as it was before this message (status, assignee) — the message is already stored in it. */
  chat: ChatRow;
  message: MessageRow;
  openedChat: boolean;
  now: number;
}

/**
 * Runs after a contact's message is stored, inside the filing transaction, so a reaction (the bot's next
 * step, a greeting, an automatic assignment) commits or rolls back with the message itself. The order is
 * the product's: the bot answers first; only a chat the bot does not hold goes to routing.
 * Each step is an explicit call here rather than a listener, so what happens on filing reads top to bottom.
 */
export function afterInboundFiled(tx: DbOrTx, filed: FiledInbound): void {
  if (filed.event.direction !== "in") return;
  if (botHandlesInbound(tx, filed)) return;
  routeInbound(tx, filed);
}
