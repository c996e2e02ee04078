import { describe, expect, it } from "vitest";
import { runBot, type BotContext, type BotState } from "@/server/domain/bot/engine";
import { parseFlow, type Flow, type FlowInput } from "@/server/domain/bot/flow";
import { flowLimitIssues } from "@/server/domain/bot/limits";
import { matchOption, normalizeAnswer, validateAnswer } from "@/server/domain/bot/match";
import { sampleFlow } from "@/server/domain/bot/sample-flow";

const NOW = Date.UTC(2026, 0, 5, 15, 0);
const ctx = (over: Partial<BotContext> = {}): BotContext => ({ channelType: "whatsapp", fields: {}, isOpen: () => true, ...over });

function flowOf(input: FlowInput): Flow {
  const parsed = parseFlow(input);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join("; "));
  return parsed.flow;
}

const sample = flowOf(sampleFlow({ ventas: 7, soporte: 8 }));

/** Plays a conversation: the first text starts the flow, each next one answers. */
function play(flow: Flow, answers: Array<string | { choiceId: string; text: string }>, c = ctx()) {
  let state: BotState | null = null;
  let turn = runBot(flow, null, { type: "start", text: "hola" }, NOW, c);
  const turns = [turn];
  for (const a of answers) {
    state = turn.state;
    turn = runBot(flow, state, typeof a === "string" ? { type: "answer", text: a } : { type: "answer", ...a }, NOW, c);
    turns.push(turn);
  }
  return turns;
}

describe("message and menu", () => {
  it("greets, then offers the menu as choices and waits", () => {
    const [first] = play(sample, []);
    expect(first!.messages.map((m) => m.text)).toEqual([sample.steps[0]!.kind === "message" ? sample.steps[0]!.text : "", "¿En qué te podemos ayudar?"]);
    expect(first!.messages[1]!.choices).toEqual({
      listButton: "Ver opciones",
      choices: [
        { id: "menu/ventas", title: "Ventas", description: "Precios, pedidos y presupuestos" },
        { id: "menu/soporte", title: "Soporte", description: "Problemas con tu pedido o producto" },
        { id: "menu/persona", title: "Hablar con una persona" },
      ],
    });
    expect(first!.outcome).toEqual({ type: "wait", stepId: "menu" });
  });

  it.each([
    ["1", "Ventas"],
    ["ventas", "Ventas"],
    ["VENTAS!", "Ventas"],
    ["quiero comprar", "Ventas"],
    ["cotizacion", "Ventas"],
    ["2", "Soporte"],
    ["Ayúda", "Soporte"],
  ])("typed %j picks %s", (typed, title) => {
    const [, second] = play(sample, [typed]);
    expect(second!.answers).toEqual([{ stepId: "menu", question: "Motivo", value: title }]);
  });

  it("a button or list reply matches by id, whatever its text", () => {
    const [, second] = play(sample, [{ choiceId: "menu/soporte", text: "Otra cosa" }]);
    expect(second!.answers.at(-1)!.value).toBe("Soporte");
    expect(second!.outcome).toEqual({ type: "wait", stepId: "correo" });
  });

  it("an answer it does not understand is asked again up to the retry limit, then handed to a person", () => {
    const turns = play(sample, ["???", "7", "ventas o soporte"]);
    expect(turns[1]!.messages.map((m) => m.text)).toEqual(["No entendí tu respuesta. Elige una opción o escribe su número.", "¿En qué te podemos ayudar?"]);
    expect(turns[1]!.state).toMatchObject({ stepId: "menu", retries: 1 });
    expect(turns[2]!.state).toMatchObject({ stepId: "menu", retries: 2 });
    expect(turns[3]!.outcome).toMatchObject({ type: "handoff", reason: "retries", stepId: "menu" });
  });
});

describe("question", () => {
  it("validates, retries, saves the field and moves on", () => {
    const turns = play(sample, ["soporte", "no tengo", "ana@EJEMPLO.com"]);
    expect(turns[2]!.messages.map((m) => m.text)).toEqual(["Ese correo no parece válido. Escríbelo así: nombre@ejemplo.com", "Para ayudarte, ¿cuál es tu correo electrónico?"]);
    expect(turns[3]!.fieldUpdates).toEqual([{ field: "email", value: "ana@ejemplo.com" }]);
    expect(turns[3]!.outcome).toEqual({ type: "handoff", teamId: 8, agentId: null, reason: "step", stepId: "a-soporte" });
    expect(turns[3]!.answers.map((a) => a.value)).toEqual(["Soporte", "ana@ejemplo.com"]);
  });

  it("validations", () => {
    expect(validateAnswer("email", "a@b")).toBeNull();
    expect(validateAnswer("phone", "+55 (11) 98765-4321")).toBe("+5511987654321");
    expect(validateAnswer("phone", "12")).toBeNull();
    expect(validateAnswer("number", "3,5")).toBe("3.5");
    expect(validateAnswer("number", "tres")).toBeNull();
    expect(validateAnswer("not_empty", "   ")).toBeNull();
    expect(validateAnswer("none", "  ")).toBe("");
  });
});

describe("condition", () => {
  it("out of hours takes the other branch", () => {
    const [first] = play(sample, [], ctx({ isOpen: () => false }));
    expect(first!.messages.at(-1)!.text).toMatch(/fuera de horario/);
    expect(first!.outcome).toMatchObject({ type: "handoff", stepId: "a-persona-fuera" });
  });

  it("a contact field and the channel", () => {
    const flow = flowOf({
      start: "c1",
      steps: [
        { id: "c1", kind: "condition", test: { type: "field", field: "email", op: "not_empty" }, then: "c2", else: "sin" },
        { id: "c2", kind: "condition", test: { type: "channel", channels: ["instagram"] }, then: "ig", else: "otro" },
        { id: "sin", kind: "close", text: "sin correo" },
        { id: "ig", kind: "close", text: "instagram" },
        { id: "otro", kind: "close", text: "otro" },
      ],
    });
    const text = (c: BotContext) => runBot(flow, null, { type: "start" }, NOW, c).messages[0]!.text;
    expect(text(ctx())).toBe("sin correo");
    expect(text(ctx({ fields: { email: "a@b.co" } }))).toBe("otro");
    expect(text(ctx({ fields: { email: "a@b.co" }, channelType: "instagram" }))).toBe("instagram");
  });
});

describe("hand-off, close, goto, keyword and no reply", () => {
  it("the hand-off keyword works from any step, accents and case ignored", () => {
    const turns = play(sample, ["soporte", "quiero hablar con un HUMANO"]);
    expect(turns[2]!.outcome).toMatchObject({ type: "handoff", reason: "keyword", stepId: "correo" });
    expect(turns[2]!.messages.map((m) => m.text)).toEqual(["Te comunico con una persona del equipo. 🙂"]);
    expect(runBot(sample, null, { type: "start", text: "Atendente por favor" }, NOW, ctx()).outcome).toMatchObject({ type: "handoff", reason: "keyword" });
  });

  it("goto and close", () => {
    const flow = flowOf({ start: "g", steps: [{ id: "g", kind: "goto", target: "bye" }, { id: "bye", kind: "close", text: "Adiós" }] });
    const turn = runBot(flow, null, { type: "start" }, NOW, ctx());
    expect(turn.messages).toEqual([{ text: "Adiós" }]);
    expect(turn.outcome).toEqual({ type: "close", reason: "flow", stepId: "bye", reasonId: null });
  });

  it("no reply closes or hands off, as the flow says", () => {
    const state: BotState = { stepId: "menu", retries: 0, answers: [] };
    expect(runBot(sample, state, { type: "timeout" }, NOW, ctx()).outcome).toEqual({ type: "close", reason: "no_reply", stepId: "menu" });
    const handing = flowOf({ ...sampleFlow(), noReply: { minutes: 10, action: "handoff", teamId: 3 } });
    expect(runBot(handing, state, { type: "timeout" }, NOW, ctx()).outcome).toMatchObject({ type: "handoff", reason: "no_reply", teamId: 3 });
  });
});

describe("validation at save time", () => {
  it("names the step with a broken reference, a duplicate or a loop that never waits", () => {
    const bad = parseFlow({ start: "a", steps: [{ id: "a", kind: "message", text: "x", next: "b" }, { id: "b", kind: "goto", target: "a" }, { id: "c", kind: "goto", target: "nowhere" }] });
    expect(bad.ok).toBe(false);
    const messages = bad.ok ? [] : bad.issues.map((i) => `${i.stepId}: ${i.message}`);
    expect(messages).toContain("c: Step “c” goes to “nowhere”, which does not exist.");
    expect(messages.some((m) => /loop that never waits/.test(m))).toBe(true);
    const shape = parseFlow({ start: "a", steps: [{ id: "a", kind: "message", text: "x".repeat(1025), next: "a" }] });
    expect(shape.ok ? [] : shape.issues.map((i) => i.stepId)).toEqual(["a"]);
  });

  it("limits per assigned channel: Instagram allows 1,000, the numbered fallback counts", () => {
    const flow = flowOf({ start: "m", steps: [{ id: "m", kind: "message", text: "é".repeat(1010), next: "z" }, { id: "z", kind: "close" }] });
    expect(flowLimitIssues(flow, [{ type: "whatsapp" }])).toEqual([]);
    const issues = flowLimitIssues(flow, [{ type: "instagram" }]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ stepId: "m" });
    expect(issues[0]!.message).toMatch(/1,010 characters as Instagram sends it; the limit there is 1,000/);

    const options = Array.from({ length: 14 }, (_, i) => ({ id: `o${i}`, title: `Opción ${i}`, next: "z" }));
    const menu = flowOf({ start: "m", steps: [{ id: "m", kind: "menu", text: "x".repeat(900), options }, { id: "z", kind: "close" }] });
    // WhatsApp and Instagram both fall back to a numbered text for 14 options: 900 + the lines > 1,000.
    expect(flowLimitIssues(menu, [{ type: "instagram" }]).map((i) => i.stepId)).toEqual(["m"]);
    expect(flowLimitIssues(flowOf(sampleFlow()), [{ type: "whatsapp" }, { type: "instagram" }, { type: "zenvia", zenviaChannel: null }, { type: "webchat" }])).toEqual([]);
  });
});

describe("matching", () => {
  it("normalizes case, accents and punctuation", () => {
    expect(normalizeAnswer("  ¡Atención  al CLIENTE! ")).toBe("atencion al cliente");
    const options = [{ id: "a", title: "Atención al cliente", synonyms: [] }, { id: "b", title: "Ventas", synonyms: ["compras"] }];
    expect(matchOption(options, "atencion al cliente")?.id).toBe("a");
    expect(matchOption(options, "2")?.id).toBe("b");
    expect(matchOption(options, "3")).toBeNull();
    expect(matchOption(options, "COMPRAS")?.id).toBe("b");
  });
});
