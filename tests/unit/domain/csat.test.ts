import { describe, expect, it } from "vitest";
import {
  CSAT_ANSWER_WINDOW_MS,
  CSAT_COMMENT_WINDOW_MS,
  assertCsatSettings,
  csatScore,
  decideCsatRequest,
  interpretSurveyAnswer,
  ratingFromText,
  type AskInput,
  type ContactReply,
  type OpenSurvey,
} from "@/server/domain/csat";
import { isDomainError } from "@/server/domain/errors";

const NOW = Date.UTC(2026, 11, 1, 15);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const ask = (over: Partial<AskInput> = {}): AskInput => ({
  settings: { enabled: true, intervalDays: 30, templateName: null },
  closedHow: "by_hand",
  reasonKey: "resolved",
  agentReplied: true,
  lastAskedAt: null,
  lastInboundAt: NOW - HOUR,
  hasReplyWindow: true,
  now: NOW,
  ...over,
});

describe("whether a closed chat's contact is asked to rate it", () => {
  it("asks with buttons while the reply window is open", () => {
    expect(decideCsatRequest(ask())).toEqual({ ask: true, via: "choices" });
  });

  it("asks after an inactivity close too, but never after a transfer, an erasure or a spam close", () => {
    expect(decideCsatRequest(ask({ closedHow: "inactivity" })).ask).toBe(true);
    expect(decideCsatRequest(ask({ closedHow: "transfer" }))).toEqual({ ask: false, why: "transfer" });
    expect(decideCsatRequest(ask({ closedHow: "erasure" }))).toEqual({ ask: false, why: "erasure" });
    expect(decideCsatRequest(ask({ reasonKey: "spam" }))).toEqual({ ask: false, why: "spam" });
  });

  it("does nothing when the channel has it off, or when no agent ever answered", () => {
    expect(decideCsatRequest(ask({ settings: null })).ask).toBe(false);
    expect(decideCsatRequest(ask({ settings: { enabled: false, intervalDays: 0, templateName: null } })).ask).toBe(false);
    expect(decideCsatRequest(ask({ agentReplied: false }))).toEqual({ ask: false, why: "unanswered" });
  });

  it("asks a contact at most once per interval, counted to the millisecond", () => {
    expect(decideCsatRequest(ask({ lastAskedAt: NOW - 30 * DAY + 1 }))).toEqual({ ask: false, why: "recent" });
    expect(decideCsatRequest(ask({ lastAskedAt: NOW - 30 * DAY })).ask).toBe(true);
    const everyTime = ask({ settings: { enabled: true, intervalDays: 0, templateName: null }, lastAskedAt: NOW - 1 });
    expect(decideCsatRequest(everyTime).ask).toBe(true);
  });

  it("uses the approved template once the 24-hour window has closed, and skips the contact without one", () => {
    const late = { lastInboundAt: NOW - 25 * HOUR };
    expect(decideCsatRequest(ask(late))).toEqual({ ask: false, why: "window" });
    expect(decideCsatRequest(ask({ ...late, settings: { enabled: true, intervalDays: 30, templateName: "csat_v1" } }))).toEqual({ ask: true, via: "template" });
  });

  it("web chat has no window: always buttons", () => {
    expect(decideCsatRequest(ask({ hasReplyWindow: false, lastInboundAt: NOW - 40 * DAY }))).toEqual({ ask: true, via: "choices" });
  });
});

describe("whether a contact's message answers the survey", () => {
  const asked: OpenSurvey = { askedAt: NOW - HOUR, rating: null, ratedAt: null, comment: null };
  const reply = (over: Partial<ContactReply>): ContactReply => ({ choiceId: null, kind: "text", text: null, inActiveChat: false, now: NOW, ...over });

  it("a tapped button or list row carries the rating, even from inside a new chat", () => {
    expect(interpretSurveyAnswer(asked, reply({ choiceId: "csat:4", inActiveChat: true }))).toEqual({ kind: "rating", rating: 4 });
    expect(interpretSurveyAnswer(asked, reply({ choiceId: "csat:9" }))).toBeNull();
    expect(interpretSurveyAnswer(asked, reply({ choiceId: "menu:2", text: "2" }))).toEqual({ kind: "rating", rating: 2 });
  });

  it("a typed digit or stars count only when the contact is not already in a new conversation", () => {
    expect(interpretSurveyAnswer(asked, reply({ text: " 5 " }))).toEqual({ kind: "rating", rating: 5 });
    expect(interpretSurveyAnswer(asked, reply({ text: "⭐⭐⭐" }))).toEqual({ kind: "rating", rating: 3 });
    expect(interpretSurveyAnswer(asked, reply({ text: "5", inActiveChat: true }))).toBeNull();
    expect(interpretSurveyAnswer(asked, reply({ text: "5 pares de zapatos" }))).toBeNull();
  });

  it("expires: a rating three days after the request is just a message", () => {
    const old = { ...asked, askedAt: NOW - CSAT_ANSWER_WINDOW_MS - 1 };
    expect(interpretSurveyAnswer(old, reply({ choiceId: "csat:5" }))).toBeNull();
  });

  it("the next text after rating, within ten minutes, is the comment; once only", () => {
    const rated: OpenSurvey = { ...asked, rating: 2, ratedAt: NOW - 60_000 };
    expect(interpretSurveyAnswer(rated, reply({ text: "  Tardaron mucho  " }))).toEqual({ kind: "comment", comment: "Tardaron mucho" });
    expect(interpretSurveyAnswer({ ...rated, ratedAt: NOW - CSAT_COMMENT_WINDOW_MS - 1 }, reply({ text: "hola" }))).toBeNull();
    expect(interpretSurveyAnswer({ ...rated, comment: "ya" }, reply({ text: "otra" }))).toBeNull();
    expect(interpretSurveyAnswer(rated, reply({ kind: "image", text: null }))).toBeNull();
  });

  it("without a survey nothing is an answer", () => {
    expect(interpretSurveyAnswer(null, reply({ choiceId: "csat:5" }))).toBeNull();
  });

  it("reads only short ratings", () => {
    expect(["1", "5.", "3!", "★★★★★"].map(ratingFromText)).toEqual([1, 5, 3, 5]);
    expect(["0", "6", "12", "", "cinco"].map(ratingFromText)).toEqual([null, null, null, null, null]);
  });
});

describe("the score", () => {
  it("counts 4 and 5 as satisfied", () => {
    expect(csatScore([5, 4, 3, 1])).toEqual({ responses: 4, satisfied: 2, percent: 50 });
    expect(csatScore([])).toEqual({ responses: 0, satisfied: 0, percent: null });
  });
});

describe("settings", () => {
  it("refuses an interval outside 0–365 days and a malformed template name, with a translated key", () => {
    for (const bad of [{ intervalDays: -1, templateName: null }, { intervalDays: 366, templateName: null }, { intervalDays: 1.5, templateName: null }, { intervalDays: 7, templateName: "Mi Plantilla" }]) {
      try {
        assertCsatSettings({ enabled: true, ...bad });
        expect.fail("accepted");
      } catch (error) {
        expect(isDomainError(error) && error.text.key.startsWith("error.csat.")).toBe(true);
      }
    }
    expect(assertCsatSettings({ enabled: true, intervalDays: 0, templateName: "  " })).toEqual({ enabled: true, intervalDays: 0, templateName: null });
  });
});
