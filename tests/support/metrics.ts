import type { Db } from "@/db/client";
import { computeMessageMetrics, type MetricMessage } from "@/server/domain/chat-metrics";

/** The kept row of a chat, as the triggers wrote it. */
export function keptMetrics(db: Db, chatId: number) {
  const row = db.$client
    .prepare(
      `SELECT chat_id AS chatId, channel_id AS channelId, assignee_id AS assigneeId, opened_at AS openedAt, first_reply_at AS firstReplyAt,
        first_reply_by_id AS firstReplyById, first_response_ms AS firstResponseMs, pending_since AS pendingSince,
        response_count AS responseCount, response_total_ms AS responseTotalMs, messages_in AS messagesIn, messages_out AS messagesOut,
        transferred_in AS transferredIn, transferred_out AS transferredOut, closed_at AS closedAt, closed_by_id AS closedById,
        close_reason_id AS closeReasonId, resolution_ms AS resolutionMs
      FROM chat_metrics WHERE chat_id = ?`,
    )
    .get(chatId) as Record<string, number | null> | undefined;
  const waits = db.$client
    .prepare("SELECT agent_id AS agentId, contact_at AS contactAt, reply_at AS replyAt, wait_ms AS waitMs FROM response_waits WHERE chat_id = ? ORDER BY id")
    .all(chatId);
  return row ? { ...row, waits } : undefined;
}

/** The same figures computed from scratch from the chats and every message stored (deleted ones are tombstones). */
export function recomputedMetrics(db: Db, chatId: number, carried: Map<number, number | null> = new Map()) {
  const chat = db.$client
    .prepare(
      `SELECT c.id, c.channel_id AS channelId, c.assignee_id AS assigneeId, c.opened_at AS openedAt, c.transferred_from_id AS fromId,
        c.closed_at AS closedAt, c.closed_by_id AS closedById, c.close_reason_id AS closeReasonId,
        coalesce((SELECT system_key = 'transferred' FROM close_reasons r WHERE r.id = c.close_reason_id), 0) AS transferredOut
      FROM chats c WHERE c.id = ?`,
    )
    .get(chatId) as { id: number; channelId: number; assigneeId: number | null; openedAt: number; fromId: number | null; closedAt: number | null; closedById: number | null; closeReasonId: number | null; transferredOut: number };
  const messages = db.$client
    .prepare("SELECT id, direction, author_kind AS authorKind, author_id AS authorId, kind, created_at AS createdAt, json_extract(payload, '$.answeredTemplateMessageId') IS NOT NULL AS copied FROM messages WHERE chat_id = ? ORDER BY id")
    .all(chatId) as MetricMessage[];
  // A transfer hands the contact's unanswered message to the new chat: the previous chat's figures come first.
  const carriedPending = chat.fromId === null ? null : carried.has(chat.fromId) ? carried.get(chat.fromId)! : recomputedMetrics(db, chat.fromId, carried).pendingSince;
  const m = computeMessageMetrics(chat.openedAt, carriedPending, messages);
  carried.set(chatId, m.pendingSince);
  return {
    chatId,
    channelId: chat.channelId,
    assigneeId: chat.assigneeId,
    openedAt: chat.openedAt,
    firstReplyAt: m.firstReplyAt,
    firstReplyById: m.firstReplyById,
    firstResponseMs: m.firstResponseMs,
    pendingSince: m.pendingSince,
    responseCount: m.responseCount,
    responseTotalMs: m.responseTotalMs,
    messagesIn: m.messagesIn,
    messagesOut: m.messagesOut,
    transferredIn: chat.fromId === null ? 0 : 1,
    transferredOut: chat.transferredOut,
    closedAt: chat.closedAt,
    closedById: chat.closedById,
    closeReasonId: chat.closeReasonId,
    resolutionMs: chat.closedAt === null ? null : chat.closedAt - chat.openedAt,
    waits: m.waits,
  };
}
