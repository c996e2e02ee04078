// The per-chat figures the reports read, defined once as a pure function of a chat's messages. The database
// keeps the same figures incrementally with triggers (db/migrations/0013_chat_metrics.sql); tests hold the
// two to each other, so this is the definition and the triggers are its fast form.

export interface MetricMessage {
  id: number;
  direction: "in" | "out";
  authorKind: "contact" | "user" | "system" | "bot";
  authorId: number | null;
  kind: string;
  createdAt: number;
  /** The copy of a template a new chat opens with: shown for context, sent and counted in another chat. */
  copied?: boolean | number;
}

export interface ResponseWait {
  agentId: number | null;
  contactAt: number;
  replyAt: number;
  waitMs: number;
}

export interface MessageMetrics {
  messagesIn: number;
  messagesOut: number;
  firstReplyAt: number | null;
  firstReplyById: number | null;
  firstResponseMs: number | null;
  /** The oldest contact message still unanswered; a transfer hands it to the next chat. */
  pendingSince: number | null;
  waits: ResponseWait[];
  responseCount: number;
  responseTotalMs: number;
}

export const isContactMessage = (m: MetricMessage) => m.direction === "in" && m.authorKind === "contact";

/** Sent to the contact at all: notes stay inside the team and system lines are the app's own. */
const reachesContact = (m: MetricMessage) => m.direction === "out" && m.kind !== "note" && m.kind !== "system";

/** A person answered: a bot's message is no answer. */
export const isReply = (m: MetricMessage) => reachesContact(m) && m.authorKind === "user";

/** `messages` in the order they were stored (id order). */
export function computeMessageMetrics(openedAt: number, carriedPending: number | null, messages: readonly MetricMessage[]): MessageMetrics {
  const out: MessageMetrics = {
    messagesIn: 0,
    messagesOut: 0,
    firstReplyAt: null,
    firstReplyById: null,
    firstResponseMs: null,
    pendingSince: carriedPending,
    waits: [],
    responseCount: 0,
    responseTotalMs: 0,
  };
  for (const m of [...messages].sort((a, b) => a.id - b.id)) {
    if (m.copied) continue;
    if (isContactMessage(m)) {
      out.messagesIn += 1;
      out.pendingSince ??= m.createdAt;
    } else if (reachesContact(m)) {
      out.messagesOut += 1;
      if (!isReply(m)) continue;
      if (out.firstReplyAt === null) {
        out.firstReplyAt = m.createdAt;
        out.firstReplyById = m.authorId;
        out.firstResponseMs = Math.max(0, m.createdAt - openedAt);
      }
      if (out.pendingSince !== null) {
        const waitMs = Math.max(0, m.createdAt - out.pendingSince);
        out.waits.push({ agentId: m.authorId, contactAt: out.pendingSince, replyAt: m.createdAt, waitMs });
        out.responseCount += 1;
        out.responseTotalMs += waitMs;
        out.pendingSince = null;
      }
    }
  }
  return out;
}
