import type { Db } from "@/db/client";
import { assertAdmin, type ChannelType, type Viewer } from "@/server/domain";
import { isOpenAt, type Schedule } from "@/server/domain/business-hours";
import { runBot, type BotMessage, type BotOutcome, type BotState } from "@/server/domain/bot/engine";
import { parseFlow } from "@/server/domain/bot/flow";
import { findFlow, teamOf } from "@/server/repositories/bot";

// The editor's "try it" pane: the admin plays the contact against the draft. Nothing is stored and nothing
// goes to a provider; the conversation so far is replayed from the start on each answer, so the pane works
// as a plain form (the transcript travels in hidden fields).

export interface TryLine {
  from: "contact" | "bot";
  text: string;
  choices?: BotMessage["choices"];
}

export interface TryResult {
  lines: TryLine[];
  outcome: BotOutcome | null;
  /** The draft does not validate: nothing to try. */
  invalid: boolean;
}

export const TRY_MAX_TURNS = 40;

export function tryDraft(db: Db, viewer: Viewer, flowId: number, said: Array<{ text: string; choiceId?: string }>, opts: { channelType?: ChannelType; now: number }): TryResult {
  assertAdmin(viewer, "manageBotFlows");
  const flow = findFlow(db, flowId);
  const parsed = flow ? parseFlow(flow.draft) : null;
  if (!parsed?.ok) return { lines: [], outcome: null, invalid: true };
  const draft = parsed.flow;
  const fields: Record<string, string> = {};
  const ctx = {
    channelType: opts.channelType ?? ("whatsapp" as const),
    fields,
    isOpen: (teamId: number | null, now: number) => {
      const team = teamId !== null ? teamOf(db, teamId) : null;
      return isOpenAt((team?.schedule as Schedule | null | undefined) ?? (draft.schedule as Schedule | undefined) ?? null, now);
    },
  };
  const lines: TryLine[] = [];
  let state: BotState | null = null;
  let outcome: BotOutcome | null = null;
  const inputs = said.slice(0, TRY_MAX_TURNS);
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    lines.push({ from: "contact", text: input.text });
    const turn = runBot(draft, state, { type: i === 0 ? "start" : "answer", text: input.text, ...(input.choiceId ? { choiceId: input.choiceId } : {}) }, opts.now, ctx);
    for (const u of turn.fieldUpdates) fields[u.field] = u.value;
    for (const m of turn.messages) lines.push({ from: "bot", text: m.text, ...(m.choices ? { choices: m.choices } : {}) });
    outcome = turn.outcome;
    state = turn.state;
    if (turn.outcome.type !== "wait") break;
  }
  return { lines, outcome, invalid: false };
}
