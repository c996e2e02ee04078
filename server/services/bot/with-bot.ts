import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { botFlowVersions, botFlows, channels, chats, contacts } from "@/db/schema";
import { activeSession, chatsWithBot } from "@/server/repositories/bot";

// "With the bot": open chats the bot holds. They are unassigned and not pending, so every agent may see
// them (and take one over); this is their own list, apart from the queues agents answer.

export interface ChatWithBot {
  chatId: number;
  contactName: string;
  channelName: string;
  flowName: string;
  version: number;
  stepId: string | null;
  startedAt: number;
  lastActivityAt: number;
}

export function chatsWithTheBot(db: Db, limit = 100): ChatWithBot[] {
  return chatsWithBot(db, limit).flatMap((s) => {
    const row = db
      .select({ contactName: contacts.name, channelName: channels.name, status: chats.status, assigneeId: chats.assigneeId })
      .from(chats)
      .innerJoin(contacts, eq(contacts.id, chats.contactId))
      .innerJoin(channels, eq(channels.id, chats.channelId))
      .where(eq(chats.id, s.chatId))
      .get();
    if (!row || row.status === "closed" || row.assigneeId !== null) return [];
    const flowName = db.select({ name: botFlows.name }).from(botFlows).where(eq(botFlows.id, s.flowId)).get()?.name ?? "";
    return [{ chatId: s.chatId, contactName: row.contactName, channelName: row.channelName, flowName, version: s.version, stepId: s.stepId, startedAt: s.startedAt, lastActivityAt: s.lastActivityAt }];
  });
}

/** The bot's hold on one chat, for its header: null when no bot is answering it. */
export function chatBotView(db: Db, chatId: number): { flowName: string; version: number; stepId: string | null } | null {
  const session = activeSession(db, chatId);
  if (!session) return null;
  const row = db
    .select({ flowName: botFlows.name, version: botFlowVersions.version })
    .from(botFlowVersions)
    .innerJoin(botFlows, eq(botFlows.id, botFlowVersions.flowId))
    .where(eq(botFlowVersions.id, session.flowVersionId))
    .get();
  return row ? { ...row, stepId: session.stepId } : null;
}
