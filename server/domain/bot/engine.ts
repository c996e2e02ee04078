import type { Choice } from "../choices";
import type { ChannelType } from "../types";
import type { ContactField, Flow, Step, StepMedia } from "./flow";
import { matchOption, saysKeyword, validateAnswer } from "./match";

// The bot's brain: (flow, session state, what the contact did, now, context) → what to send, the new
// state and how the turn ended. Pure: the service stores the state, queues the messages and acts on the
// outcome. Each turn ends in a wait for the contact (at a menu or question), a hand-off or a close; a
// run of automatic steps is bounded, so no flow can make it loop without waiting.

/** Automatic steps one turn may walk before the bot gives up and hands the chat to a person. */
export const MAX_AUTOMATIC_STEPS = 50;

export interface BotAnswer {
  stepId: string;
  /** What was asked, for the agent's note. */
  question: string;
  value: string;
}

export interface BotState {
  /** The menu or question the bot waits at. */
  stepId: string;
  retries: number;
  answers: BotAnswer[];
}

export type BotInput =
  | { type: "start"; text?: string; choiceId?: string }
  | { type: "answer"; text: string; choiceId?: string }
  | { type: "timeout" };

export interface BotContext {
  channelType: ChannelType;
  /** Current values of the contact's fields (name, email, custom:…), for conditions. */
  fields: Readonly<Record<string, string | null | undefined>>;
  /** Whether the team (null: the flow's own schedule) is open now. */
  isOpen(teamId: number | null, now: number): boolean;
}

export interface BotMessage {
  text: string;
  /** A file sent just before the text (message steps). */
  media?: StepMedia;
  choices?: { choices: Choice[]; listButton?: string };
}

export type HandoffReason = "step" | "keyword" | "no_reply" | "retries" | "loop" | "broken";

export type BotOutcome =
  | { type: "wait"; stepId: string }
  | { type: "handoff"; teamId: number | null; agentId: number | null; reason: HandoffReason; stepId: string | null }
  | { type: "close"; reason: "flow" | "no_reply"; stepId: string | null; reasonId?: number | null };

export interface BotTurn {
  messages: BotMessage[];
  /** Answers saved into the contact's fields this turn. */
  fieldUpdates: Array<{ field: ContactField; value: string }>;
  /** The state to keep while the outcome is a wait; the final answers otherwise. */
  state: BotState | null;
  answers: BotAnswer[];
  outcome: BotOutcome;
}

export function choiceIdFor(step: Step, optionId: string): string {
  return `${step.id}/${optionId}`;
}

export function menuMessage(flow: Flow, step: Extract<Step, { kind: "menu" }>): BotMessage {
  return {
    text: step.text,
    choices: {
      choices: step.options.map((o) => ({ id: choiceIdFor(step, o.id), title: o.title, ...(o.description ? { description: o.description } : {}) })),
      ...(flow.listButton ? { listButton: flow.listButton } : {}),
    },
  };
}

export function runBot(flow: Flow, state: BotState | null, input: BotInput, now: number, ctx: BotContext): BotTurn {
  const turn: BotTurn = { messages: [], fieldUpdates: [], state: null, answers: [...(state?.answers ?? [])], outcome: { type: "close", reason: "flow", stepId: null } };
  const byId = new Map(flow.steps.map((s) => [s.id, s]));

  const handoff = (reason: HandoffReason, stepId: string | null, teamId = flow.teamId, agentId: number | null = null): BotTurn => {
    turn.outcome = { type: "handoff", teamId, agentId, reason, stepId };
    return turn;
  };

  if (input.type === "timeout") {
    if (flow.noReply.text) turn.messages.push({ text: flow.noReply.text });
    if (flow.noReply.action === "handoff") return handoff("no_reply", state?.stepId ?? null, flow.noReply.teamId ?? flow.teamId);
    turn.outcome = { type: "close", reason: "no_reply", stepId: state?.stepId ?? null };
    return turn;
  }

  if (input.text && saysKeyword(input.text, flow.handoffKeywords) && !input.choiceId) {
    if (flow.handoffText) turn.messages.push({ text: flow.handoffText });
    return handoff("keyword", state?.stepId ?? null);
  }

  let cursor: string | null;
  if (input.type === "start" || !state) {
    cursor = flow.start;
  } else {
    const waiting = byId.get(state.stepId);
    if (!waiting || (waiting.kind !== "menu" && waiting.kind !== "question")) return handoff("broken", state.stepId);
    const next = answer(flow, waiting, state, input, turn);
    if (next === "wait") return turn;
    cursor = next;
  }

  for (let walked = 0; walked < MAX_AUTOMATIC_STEPS; walked++) {
    const step: Step | undefined = cursor === null ? undefined : byId.get(cursor);
    if (!step) return handoff("broken", cursor);
    switch (step.kind) {
      case "message":
        turn.messages.push({ text: step.text, ...(step.media ? { media: step.media } : {}) });
        cursor = step.next;
        break;
      case "menu":
        turn.messages.push(menuMessage(flow, step));
        return wait(turn, step.id, 0);
      case "question":
        turn.messages.push({ text: step.text });
        return wait(turn, step.id, 0);
      case "condition":
        cursor = holds(step.test, now, ctx, turn) ? step.then : step.else;
        break;
      case "goto":
        cursor = step.target;
        break;
      case "handoff":
        if (step.text) turn.messages.push({ text: step.text });
        return handoff("step", step.id, step.teamId ?? flow.teamId, step.agentId);
      case "close":
        if (step.text) turn.messages.push({ text: step.text });
        turn.outcome = { type: "close", reason: "flow", stepId: step.id, reasonId: step.reasonId };
        return turn;
    }
  }
  return handoff("loop", cursor);
}

function wait(turn: BotTurn, stepId: string, retries: number): BotTurn {
  turn.state = { stepId, retries, answers: turn.answers };
  turn.outcome = { type: "wait", stepId };
  return turn;
}

/** Handles the answer to the step the bot waited at: the next step to run, or "wait" (asked again or ended). */
function answer(
  flow: Flow,
  step: Extract<Step, { kind: "menu" | "question" }>,
  state: BotState,
  input: { text: string; choiceId?: string },
  turn: BotTurn,
): string | "wait" {
  if (step.kind === "menu") {
    const prefix = `${step.id}/`;
    const byChoice = input.choiceId?.startsWith(prefix) ? step.options.find((o) => choiceIdFor(step, o.id) === input.choiceId) : undefined;
    const option = byChoice ?? matchOption(step.options, input.text);
    if (option) {
      turn.answers.push({ stepId: step.id, question: step.label ?? step.text, value: option.title });
      return option.next;
    }
  } else {
    const value = validateAnswer(step.validate, input.text);
    if (value !== null) {
      turn.answers.push({ stepId: step.id, question: step.label ?? step.text, value });
      turn.fieldUpdates.push({ field: step.field, value });
      return step.next;
    }
  }
  // Not understood: ask again, or move on once the retries are used up.
  if (state.retries >= step.maxRetries) {
    if (step.onFail) return step.onFail;
    turn.outcome = { type: "handoff", teamId: flow.teamId, agentId: null, reason: "retries", stepId: step.id };
    return "wait";
  }
  if (step.retryText) turn.messages.push({ text: step.retryText });
  turn.messages.push(step.kind === "menu" ? menuMessage(flow, step) : { text: step.text });
  wait(turn, step.id, state.retries + 1);
  return "wait";
}

function holds(test: Extract<Step, { kind: "condition" }>["test"], now: number, ctx: BotContext, turn: BotTurn): boolean {
  switch (test.type) {
    case "open":
      return ctx.isOpen(test.teamId, now);
    case "channel":
      return test.channels.includes(ctx.channelType);
    case "field": {
      // An answer given earlier in this turn counts before it is saved.
      const fresh = [...turn.fieldUpdates].reverse().find((u) => u.field === test.field)?.value;
      const value = (fresh ?? ctx.fields[test.field] ?? "").trim();
      const wanted = test.value.trim().toLowerCase();
      switch (test.op) {
        case "empty":
          return value === "";
        case "not_empty":
          return value !== "";
        case "equals":
          return value.toLowerCase() === wanted;
        case "contains":
          return wanted !== "" && value.toLowerCase().includes(wanted);
      }
    }
  }
}
