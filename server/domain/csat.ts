import { badRequest } from "./errors";
import { replyWindow } from "./reply-window";

// Customer satisfaction (CSAT): after a chat ends, the contact is asked for a 1–5 rating and may add a
// comment. These rules decide whether to ask, how, and whether a contact's message is an answer; the
// services store and send. 4 and 5 count as satisfied, as in Chatwoot and Zendesk.

export const CSAT_RATINGS = [1, 2, 3, 4, 5] as const;
export type CsatRating = (typeof CSAT_RATINGS)[number];

/** A rating is accepted this long after the request; later, a "5" is just a message. */
export const CSAT_ANSWER_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
/** After rating, the contact's next text within this time is the comment (the thank-you invites one). */
export const CSAT_COMMENT_WINDOW_MS = 10 * 60 * 1000;
export const CSAT_INTERVAL_DAYS = { min: 0, max: 365, default: 30 } as const;
/** Choice ids carry the rating, so a button or list reply is recognised without reading its title. */
export const CSAT_CHOICE_PREFIX = "csat:";

export interface CsatSettings {
  enabled: boolean;
  /** Ask the same contact at most once in this many days (0: after every chat). */
  intervalDays: number;
  /** WhatsApp template sent when the 24-hour window has closed; without one, such a contact is not asked. */
  templateName: string | null;
}

export type ClosedHow = "by_hand" | "inactivity" | "transfer" | "erasure";

export interface AskInput {
  settings: CsatSettings | null;
  closedHow: ClosedHow;
  /** The close reason's built-in key, when it has one ('spam' is never surveyed). */
  reasonKey: string | null;
  /** Agents answered the contact in this chat: a chat nobody answered has nothing to rate. */
  agentReplied: boolean;
  lastAskedAt: number | null;
  lastInboundAt: number | null;
  /** Web chat has no reply window; every other network closes free-form messages after 24 h. */
  hasReplyWindow: boolean;
  now: number;
}

export type AskDecision = { ask: false; why: string } | { ask: true; via: "choices" | "template" };

export function decideCsatRequest(input: AskInput): AskDecision {
  const { settings } = input;
  if (!settings?.enabled) return { ask: false, why: "off" };
  if (input.closedHow === "transfer" || input.closedHow === "erasure") return { ask: false, why: input.closedHow };
  if (input.reasonKey === "spam") return { ask: false, why: "spam" };
  if (!input.agentReplied) return { ask: false, why: "unanswered" };
  const dayMs = 24 * 60 * 60 * 1000;
  if (input.lastAskedAt !== null && input.now - input.lastAskedAt < settings.intervalDays * dayMs) return { ask: false, why: "recent" };
  if (!input.hasReplyWindow || replyWindow(input.lastInboundAt, input.now).open) return { ask: true, via: "choices" };
  return settings.templateName ? { ask: true, via: "template" } : { ask: false, why: "window" };
}

export interface OpenSurvey {
  askedAt: number;
  rating: number | null;
  ratedAt: number | null;
  comment: string | null;
}

export interface ContactReply {
  /** The id of the button, list row or quick reply the contact tapped, when they tapped one. */
  choiceId: string | null;
  kind: string;
  text: string | null;
  /** The contact already has an active chat: a typed "5" then belongs to that conversation. */
  inActiveChat: boolean;
  now: number;
}

export type SurveyAnswer = { kind: "rating"; rating: CsatRating } | { kind: "comment"; comment: string } | null;

/** Whether a contact's message answers their latest survey; null leaves it to the ordinary chat flow. */
export function interpretSurveyAnswer(survey: OpenSurvey | null, reply: ContactReply): SurveyAnswer {
  if (!survey) return null;
  if (survey.rating === null) {
    if (reply.now - survey.askedAt > CSAT_ANSWER_WINDOW_MS) return null;
    const tapped = ratingFromChoice(reply.choiceId);
    if (tapped !== null) return { kind: "rating", rating: tapped };
    if (reply.inActiveChat || reply.kind !== "text") return null;
    const typed = ratingFromText(reply.text);
    return typed === null ? null : { kind: "rating", rating: typed };
  }
  if (survey.comment !== null || survey.ratedAt === null || reply.inActiveChat) return null;
  if (reply.kind !== "text" || reply.now - survey.ratedAt > CSAT_COMMENT_WINDOW_MS) return null;
  const comment = reply.text?.trim() ?? "";
  return comment ? { kind: "comment", comment: comment.slice(0, 2000) } : null;
}

export function ratingFromChoice(choiceId: string | null): CsatRating | null {
  if (!choiceId?.startsWith(CSAT_CHOICE_PREFIX)) return null;
  return asRating(Number(choiceId.slice(CSAT_CHOICE_PREFIX.length)));
}

/** "4", " 5 ", "5!", "⭐⭐⭐⭐" or a numbered-menu answer; anything longer is a message, not a rating. */
export function ratingFromText(text: string | null): CsatRating | null {
  const trimmed = (text ?? "").trim();
  if (/^[1-5][.!)]?$/.test(trimmed)) return asRating(Number(trimmed[0]));
  const stars = [...trimmed].filter((c) => c === "⭐" || c === "★").length;
  if (stars > 0 && trimmed.replace(/[⭐★\s]/gu, "") === "") return asRating(stars);
  return null;
}

function asRating(n: number): CsatRating | null {
  return (CSAT_RATINGS as readonly number[]).includes(n) ? (n as CsatRating) : null;
}

export const isSatisfied = (rating: number): boolean => rating >= 4;

export interface CsatScore {
  responses: number;
  satisfied: number;
  /** Satisfied share in percent (0–100), null without responses. */
  percent: number | null;
}

export function csatScore(ratings: readonly number[]): CsatScore {
  const satisfied = ratings.filter(isSatisfied).length;
  return { responses: ratings.length, satisfied, percent: ratings.length ? Math.round((satisfied / ratings.length) * 1000) / 10 : null };
}

export function assertCsatSettings(input: { enabled: boolean; intervalDays: number; templateName: string | null }): CsatSettings {
  const { min, max } = CSAT_INTERVAL_DAYS;
  if (!Number.isInteger(input.intervalDays) || input.intervalDays < min || input.intervalDays > max) {
    throw badRequest(`Ask again after between ${min} and ${max} days.`, { key: "error.csat.interval", params: { min, max } });
  }
  const templateName = input.templateName?.trim() || null;
  if (templateName !== null && !/^[a-z0-9_]{1,512}$/.test(templateName)) {
    throw badRequest("A WhatsApp template name has only lower-case letters, digits and underscores.", { key: "error.csat.templateName" });
  }
  return { enabled: input.enabled, intervalDays: input.intervalDays, templateName };
}
