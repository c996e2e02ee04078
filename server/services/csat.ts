import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { chatMetrics } from "@/db/schema";
import type { InboundMessage } from "@/server/channels/types";
import { choicesPayload, type Choice } from "@/server/domain/choices";
import { CSAT_CHOICE_PREFIX, CSAT_RATINGS, decideCsatRequest, interpretSurveyAnswer, type ClosedHow, type SurveyAnswer } from "@/server/domain/csat";
import { isLocale, translator, type Locale } from "@/server/i18n/locale";
import type { ChannelRow } from "@/server/repositories/channels";
import { findChannel } from "@/server/repositories/channels";
import type { ChatRow } from "@/server/repositories/chats";
import { findChat } from "@/server/repositories/chats";
import { findCloseReason } from "@/server/repositories/close-reasons";
import { findCsatSettings, insertSurvey, latestSurveyOfContact, recordComment, recordRating, type CsatSurveyRow } from "@/server/repositories/csat";
import { insertAutomaticRow } from "./automatic-message";
import { listTemplates } from "@/server/repositories/templates";

// The satisfaction survey around a chat's end (issue 15): asked in the closing transaction, answered by
// the contact's next message, which goes into the closed chat's history and never opens a new chat.

/** Called in the transaction that closed `chat` (by hand or for inactivity); asks for a rating when the rules say so. */
export function askForRatingAfterClose(tx: DbOrTx, chat: ChatRow, closedHow: ClosedHow, now: number): CsatSurveyRow | null {
  const settings = findCsatSettings(tx, chat.channelId);
  if (!settings?.enabled) return null;
  const channel = findChannel(tx, chat.channelId);
  if (!channel?.active) return null;
  const reason = chat.closeReasonId === null ? undefined : findCloseReason(tx, chat.closeReasonId);
  const metrics = tx.select({ firstReplyAt: chatMetrics.firstReplyAt }).from(chatMetrics).where(eq(chatMetrics.chatId, chat.id)).get();
  const decision = decideCsatRequest({
    settings,
    closedHow,
    reasonKey: reason?.builtinKey ?? null,
    agentReplied: metrics?.firstReplyAt != null,
    lastAskedAt: latestSurveyOfContact(tx, chat.contactId)?.askedAt ?? null,
    lastInboundAt: chat.lastInboundAt,
    hasReplyWindow: channel.type !== "webchat",
    now,
  });
  if (!decision.ask) return null;
  const t = translator(surveyLocale(settings.language));
  if (decision.via === "template") {
    const template = listTemplates(tx, channel.id).find((x) => x.name === settings.templateName);
    if (!template) return null;
    queueSurveyMessage(tx, chat, channel, { kind: "template", body: template.body, payload: { name: template.name, language: template.language, variables: [] } }, now);
  } else {
    const choices: Choice[] = CSAT_RATINGS.map((n) => ({ id: `${CSAT_CHOICE_PREFIX}${n}`, title: t(`csat.choice.${n}`) }));
    const body = t("csat.ask.body");
    queueSurveyMessage(tx, chat, channel, { kind: "text", body, payload: choicesPayload({ body, choices, listButton: t("csat.ask.button") }) }, now);
  }
  return insertSurvey(tx, { chatId: chat.id, contactId: chat.contactId, channelId: chat.channelId, agentId: chat.assigneeId, via: decision.via, askedAt: now });
}

export interface SurveyReply {
  survey: CsatSurveyRow;
  answer: NonNullable<SurveyAnswer>;
  /** The closed chat the answer is filed in. */
  chat: ChatRow;
}

/** Whether this contact message answers their latest survey. One indexed read per contact message. */
export function surveyReplyOf(tx: DbOrTx, contactId: number, event: InboundMessage, activeChat: ChatRow | null, at: number): SurveyReply | null {
  if (event.direction !== "in") return null;
  const survey = latestSurveyOfContact(tx, contactId);
  if (!survey) return null;
  const choiceId = typeof event.payload?.choiceId === "string" ? event.payload.choiceId : null;
  const answer = interpretSurveyAnswer(survey, { choiceId, kind: event.kind, text: event.body ?? null, inActiveChat: activeChat !== null, now: at });
  if (!answer) return null;
  const chat = findChat(tx, survey.chatId);
  return chat ? { survey, answer, chat } : null;
}

/** Stores the rating or comment and thanks the contact, in the filing transaction. */
export function applySurveyReply(tx: DbOrTx, channel: ChannelRow, reply: SurveyReply, now: number): void {
  const settings = findCsatSettings(tx, channel.id);
  const t = translator(surveyLocale(settings?.language ?? null));
  if (reply.answer.kind === "rating") {
    recordRating(tx, reply.survey, reply.answer.rating, now);
    queueSurveyMessage(tx, reply.chat, channel, { kind: "text", body: t("csat.thanks"), payload: {} }, now);
  } else {
    recordComment(tx, reply.survey, reply.answer.comment);
    queueSurveyMessage(tx, reply.chat, channel, { kind: "text", body: t("csat.thanksComment"), payload: {} }, now);
  }
}

function surveyLocale(language: string | null): Locale {
  return isLocale(language) ? language : "es";
}

/**
 * Into the closed chat, as a system message through the outbox: not an agent's reply (the metrics ignore
 * it) and no lifecycle change — the chat stays closed and no list moves.
 */
function queueSurveyMessage(tx: DbOrTx, chat: ChatRow, channel: ChannelRow, content: { kind: "text" | "template"; body: string; payload: Record<string, unknown> }, now: number): void {
  insertAutomaticRow(tx, chat, channel, { authorKind: "system", kind: content.kind, body: content.body, payload: { ...content.payload, csat: true } }, now);
}
