import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { choicesForm, surfacesOf, CHOICE_LIMITS } from "@/server/domain/choices";
import { runBot, type BotInput, type BotState } from "@/server/domain/bot/engine";
import { parseFlow, type Flow } from "@/server/domain/bot/flow";
import { botLimit, flowLimitIssues, sentTexts } from "@/server/domain/bot/limits";
import { graphemeCount } from "@/server/domain/text";
import type { ChannelRef } from "@/server/domain/types";

// For random valid flows and random contact answers: every turn ends in a hand-off, a close or a wait
// (and a wait always sent something to answer); nothing sent is over the channel's limits.

const CHANNELS: ChannelRef[] = [{ type: "whatsapp" }, { type: "instagram" }, { type: "zenvia", zenviaChannel: "whatsapp" }, { type: "zenvia", zenviaChannel: "instagram" }, { type: "webchat" }];

const text = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.constantFrom("Hola", "¿Qué necesitas?", "👍🏽".repeat(30), "é".repeat(1000), "x".repeat(1024)),
).filter((s) => s.trim().length > 0);
const title = fc.oneof(fc.constantFrom("Ventas", "Soporte", "Hablar con una persona", "Atención al cliente!", "👍🏽👍🏽", "x".repeat(24)), fc.string({ minLength: 1, maxLength: 24 })).filter((s) => s.trim().length > 0);

function flowArb() {
  return fc.integer({ min: 1, max: 7 }).chain((n) => {
    const ids = Array.from({ length: n }, (_, i) => `s${i}`);
    const ref = fc.constantFrom(...ids);
    const step = (id: string) =>
      fc.oneof(
        fc.record({ id: fc.constant(id), kind: fc.constant("message"), text, next: ref }),
        fc.record({
          id: fc.constant(id),
          kind: fc.constant("menu"),
          text,
          options: fc.uniqueArray(fc.record({ id: fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n"), title, next: ref, synonyms: fc.constant(["otro"]) }), { minLength: 1, maxLength: 14, selector: (o) => o.id }),
          maxRetries: fc.integer({ min: 0, max: 3 }),
          retryText: fc.option(text, { nil: undefined }),
          onFail: fc.option(ref, { nil: undefined }),
        }),
        fc.record({ id: fc.constant(id), kind: fc.constant("question"), text, field: fc.constantFrom("name", "email", "custom:cpf"), validate: fc.constantFrom("none", "not_empty", "email", "phone", "number"), next: ref, maxRetries: fc.integer({ min: 0, max: 3 }) }),
        fc.record({ id: fc.constant(id), kind: fc.constant("condition"), test: fc.constantFrom({ type: "open", teamId: null }, { type: "field", field: "email", op: "not_empty", value: "" }, { type: "channel", channels: ["instagram"] }), then: ref, else: ref }),
        fc.record({ id: fc.constant(id), kind: fc.constant("goto"), target: ref }),
        fc.record({ id: fc.constant(id), kind: fc.constant("handoff"), text: fc.option(text, { nil: undefined }), teamId: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }) }),
        fc.record({ id: fc.constant(id), kind: fc.constant("close"), text: fc.option(text, { nil: undefined }) }),
      );
    return fc.record({
      start: ref,
      steps: fc.tuple(...ids.map(step)),
      noReply: fc.record({ minutes: fc.constant(10), action: fc.constantFrom("close", "handoff"), text: fc.option(text, { nil: undefined }) }),
      handoffText: fc.option(text, { nil: undefined }),
    });
  });
}

const answer: fc.Arbitrary<BotInput> = fc.oneof(
  fc.constantFrom("1", "2", "3", "14", "ventas", "SOPORTE", "otro", "humano", "persona por favor", "ana@ejemplo.com", "+55 11 98765-4321", "42", "", "???").map((t) => ({ type: "answer" as const, text: t })),
  fc.string({ maxLength: 30 }).map((t) => ({ type: "answer" as const, text: t })),
  fc.tuple(fc.constantFrom("s0", "s1", "s2", "s3"), fc.constantFrom("a", "b", "c")).map(([s, o]) => ({ type: "answer" as const, text: "x", choiceId: `${s}/${o}` })),
  fc.constant({ type: "timeout" as const }),
);

describe("bot engine properties", () => {
  it("ends every turn in a hand-off, a close or a wait that sent something, never over a limit", () => {
    let checked = 0;
    fc.assert(
      fc.property(flowArb(), fc.constantFrom(...CHANNELS), fc.array(answer, { maxLength: 12 }), fc.boolean(), (raw, channel, answers, open) => {
        const parsed = parseFlow(raw);
        if (!parsed.ok) return;
        const flow: Flow = parsed.flow;
        // Saving refuses a flow over the limits of a channel it is assigned to.
        if (flowLimitIssues(flow, [channel]).length) return;
        checked++;
        const ctx = { channelType: channel.type, fields: {}, isOpen: () => open };
        let state: BotState | null = null;
        let input: BotInput = { type: "start", text: "hola" };
        for (let i = 0; i <= answers.length; i++) {
          const turn = runBot(flow, state, input, 0, ctx);
          for (const m of turn.messages) {
            for (const t of sentTexts(channel, m)) expect(graphemeCount(t)).toBeLessThanOrEqual(botLimit(channel));
            if (m.choices) {
              for (const surface of surfacesOf(channel)) {
                const form = choicesForm(surface, { body: m.text, ...m.choices });
                if (form === "buttons" && surface === "whatsapp") expect(m.choices.choices.length).toBeLessThanOrEqual(CHOICE_LIMITS.whatsappButtons.count);
                if (form === "list") expect(m.choices.choices.length).toBeLessThanOrEqual(CHOICE_LIMITS.whatsappList.count);
                if (form === "quick_replies") expect(m.choices.choices.every((c) => graphemeCount(c.title) <= CHOICE_LIMITS.instagramQuickReplies.title)).toBe(true);
              }
            }
          }
          expect(["wait", "handoff", "close"]).toContain(turn.outcome.type);
          if (turn.outcome.type !== "wait") {
            expect(turn.state).toBeNull();
            return;
          }
          expect(turn.messages.length).toBeGreaterThan(0);
          const waitingAt = flow.steps.find((s) => s.id === turn.state?.stepId);
          expect(["menu", "question"]).toContain(waitingAt?.kind);
          state = turn.state;
          const next = answers[i];
          if (!next) return;
          input = next;
        }
      }),
      { numRuns: 400 },
    );
    expect(checked).toBeGreaterThan(50);
  });
});
