import { z } from "zod";
import { graphemeCount } from "../text";

// A bot flow as data: what an admin builds in the editor, stored as JSON and versioned. The engine
// (engine.ts) walks it; validation here guarantees every reference resolves and no run can go round a
// loop of steps that neither send a question nor wait (limits per channel: limits.ts).

export const STEP_ID = /^[a-z0-9][a-z0-9_-]{0,39}$/;
export const MAX_STEPS = 100;
export const MAX_OPTIONS = 20;
export const MAX_RETRIES = 5;
export const BOT_TEXT_MAX = 1024;
export const TITLE_MAX = 24;
export const DESCRIPTION_MAX = 72;
export const DEFAULT_HANDOFF_KEYWORDS = ["atendente", "humano", "agente", "persona"];

const stepId = z.string().regex(STEP_ID, "Step ids are 1–40 lowercase letters, digits, '-' or '_', starting with a letter or digit");
const text = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize("NFC").trim())
    .refine((s) => s.length > 0, "must not be empty")
    .refine((s) => graphemeCount(s) <= max, `must be at most ${max} characters`);
const optionalText = (max: number) => text(max).optional();

export const CONTACT_FIELDS = ["name", "email", "phone", "document"] as const;
/** name, email, phone, document, or custom:<key> for a field the admin defines. */
export const contactField = z.union([z.enum(CONTACT_FIELDS), z.string().regex(/^custom:[a-z0-9_]{1,32}$/, "A custom field is custom:<key> (a–z, 0–9, _)")]);
export type ContactField = z.infer<typeof contactField>;

export const VALIDATIONS = ["none", "not_empty", "email", "phone", "number"] as const;

const retries = {
  retryText: optionalText(BOT_TEXT_MAX),
  maxRetries: z.number().int().min(0).max(MAX_RETRIES).default(2),
  /** Where to go once the retries are used up; absent: hand the chat to a person. */
  onFail: stepId.optional(),
};

const menuOption = z.object({
  id: stepId,
  title: text(TITLE_MAX),
  description: optionalText(DESCRIPTION_MAX),
  /** Other words that pick this option when typed ("comprar", "precio"). */
  synonyms: z.array(text(40)).max(20).default([]),
  next: stepId,
});

const base = { id: stepId, label: optionalText(60) };

/** A file stored by hash (uploaded in the editor) that goes out before the step's text. */
export const stepMedia = z.object({
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  mimeType: z.string().min(3).max(100),
  fileName: z.string().min(1).max(255),
  size: z.number().int().positive(),
});
export type StepMedia = z.infer<typeof stepMedia>;

export const messageStep = z.object({ ...base, kind: z.literal("message"), text: text(BOT_TEXT_MAX), media: stepMedia.optional(), next: stepId });
export const menuStep = z.object({ ...base, kind: z.literal("menu"), text: text(BOT_TEXT_MAX), options: z.array(menuOption).min(1).max(MAX_OPTIONS), ...retries });
export const questionStep = z.object({
  ...base,
  kind: z.literal("question"),
  text: text(BOT_TEXT_MAX),
  field: contactField,
  validate: z.enum(VALIDATIONS).default("not_empty"),
  next: stepId,
  ...retries,
});

export const conditionTest = z.discriminatedUnion("type", [
  /** Business hours: the team's (routing), else the flow's own schedule; always open without either. */
  z.object({ type: z.literal("open"), teamId: z.number().int().positive().nullable().default(null) }),
  z.object({ type: z.literal("field"), field: contactField, op: z.enum(["equals", "contains", "empty", "not_empty"]), value: z.string().max(200).default("") }),
  z.object({ type: z.literal("channel"), channels: z.array(z.enum(["whatsapp", "instagram", "zenvia", "webchat"])).min(1) }),
]);

export const conditionStep = z.object({ ...base, kind: z.literal("condition"), test: conditionTest, then: stepId, else: stepId });
export const handoffStep = z.object({
  ...base,
  kind: z.literal("handoff"),
  text: optionalText(BOT_TEXT_MAX),
  /** null: the channel's default team. */
  teamId: z.number().int().positive().nullable().default(null),
  agentId: z.number().int().positive().nullable().default(null),
});
export const closeStep = z.object({
  ...base,
  kind: z.literal("close"),
  text: optionalText(BOT_TEXT_MAX),
  /** A close reason agents can pick; null: "Resolved". */
  reasonId: z.number().int().positive().nullable().default(null),
});
export const gotoStep = z.object({ ...base, kind: z.literal("goto"), target: stepId });

export const stepSchema = z.discriminatedUnion("kind", [messageStep, menuStep, questionStep, conditionStep, handoffStep, closeStep, gotoStep]);
export type Step = z.infer<typeof stepSchema>;
export type StepKind = Step["kind"];
export const STEP_KINDS: StepKind[] = ["message", "menu", "question", "condition", "handoff", "close", "goto"];

export const noReplySchema = z.object({
  minutes: z.number().int().min(1).max(7 * 24 * 60).default(30),
  action: z.enum(["close", "handoff"]).default("close"),
  text: optionalText(BOT_TEXT_MAX),
  teamId: z.number().int().positive().nullable().default(null),
});

const scheduleSchema = z.object({
  timeZone: z.string().min(1).max(64),
  days: z.array(z.array(z.object({ start: z.string(), end: z.string() })).max(8)).length(7),
  holidays: z.array(z.string()).max(400).default([]),
});

export const flowShape = z.object({
  start: stepId,
  steps: z.array(stepSchema).min(1).max(MAX_STEPS),
  handoffKeywords: z.array(text(40)).max(20).default(DEFAULT_HANDOFF_KEYWORDS),
  /** Sent when the contact types a hand-off keyword. */
  handoffText: optionalText(BOT_TEXT_MAX),
  /** The team a keyword or a failed step hands to; null: the channel's default team. */
  teamId: z.number().int().positive().nullable().default(null),
  noReply: noReplySchema.default({ minutes: 30, action: "close", teamId: null }),
  /** The label of the button that opens a WhatsApp list (≤ 20). */
  listButton: optionalText(20),
  /** Opening hours for "open" conditions without a team schedule. */
  schedule: scheduleSchema.optional(),
});

export type Flow = z.infer<typeof flowShape>;
export type FlowInput = z.input<typeof flowShape>;

export interface FlowIssue {
  /** The step the problem is in; null for the flow's own settings. */
  stepId: string | null;
  message: string;
  /** The dictionary key (errors) and its parameters, for the reader's language. */
  key: string;
  params: Record<string, string | number>;
}

/** Every step id a step can go to next. */
export function successors(step: Step): string[] {
  switch (step.kind) {
    case "message":
      return [step.next];
    case "menu":
      return [...step.options.map((o) => o.next), ...(step.onFail ? [step.onFail] : [])];
    case "question":
      return [step.next, ...(step.onFail ? [step.onFail] : [])];
    case "condition":
      return [step.then, step.else];
    case "goto":
      return [step.target];
    case "handoff":
    case "close":
      return [];
  }
}

/** Steps that move on without waiting for the contact. */
export const isAutomatic = (step: Step) => step.kind === "message" || step.kind === "condition" || step.kind === "goto";

/** References, duplicate ids and loops that never wait: each problem names its step. */
export function structureIssues(flow: Flow): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const byId = new Map<string, Step>();
  for (const step of flow.steps) {
    if (byId.has(step.id)) issues.push({ stepId: step.id, message: `Two steps are called “${step.id}”.`, key: "error.bot.duplicateStep", params: { step: step.id } });
    byId.set(step.id, step);
  }
  if (!byId.has(flow.start)) issues.push({ stepId: null, message: `The first step “${flow.start}” does not exist.`, key: "error.bot.start", params: { step: flow.start } });
  for (const step of flow.steps) {
    for (const next of successors(step)) {
      if (!byId.has(next)) issues.push({ stepId: step.id, message: `Step “${step.id}” goes to “${next}”, which does not exist.`, key: "error.bot.missingStep", params: { step: step.id, target: next } });
    }
    if (step.kind === "menu") {
      const ids = new Set<string>();
      for (const o of step.options) {
        if (ids.has(o.id)) issues.push({ stepId: step.id, message: `Menu “${step.id}” has two options called “${o.id}”.`, key: "error.bot.duplicateOption", params: { step: step.id, option: o.id } });
        ids.add(o.id);
      }
    }
  }
  const loop = automaticLoop(flow, byId);
  if (loop) issues.push({ stepId: loop, message: `Step “${loop}” is part of a loop that never waits for the contact.`, key: "error.bot.loop", params: { step: loop } });
  return issues;
}

/** A step on a cycle made only of automatic steps (message, condition, goto), or null. */
function automaticLoop(flow: Flow, byId: Map<string, Step>): string | null {
  const state = new Map<string, 1 | 2>();
  const visit = (id: string): string | null => {
    const step = byId.get(id);
    if (!step || !isAutomatic(step)) return null;
    if (state.get(id) === 2) return null;
    if (state.get(id) === 1) return id;
    state.set(id, 1);
    for (const next of successors(step)) {
      const found = visit(next);
      if (found) return found;
    }
    state.set(id, 2);
    return null;
  };
  for (const step of flow.steps) {
    const found = visit(step.id);
    if (found) return found;
  }
  return null;
}

export type ParsedFlow = { ok: true; flow: Flow } | { ok: false; issues: FlowIssue[] };

/** Validates JSON from the editor or an import: shape first (the path names the step), then structure. */
export function parseFlow(input: unknown): ParsedFlow {
  const parsed = flowShape.safeParse(input);
  if (!parsed.success) {
    const raw = input as { steps?: Array<{ id?: unknown }> } | null;
    return {
      ok: false,
      issues: parsed.error.issues.slice(0, 10).map((issue) => {
        const [head, index] = issue.path;
        const id = head === "steps" && typeof index === "number" ? raw?.steps?.[index]?.id : undefined;
        const where = issue.path.join(".");
        const step = typeof id === "string" ? id : null;
        return {
          stepId: step,
          message: `${step ? `Step “${step}”` : where || "Flow"}: ${issue.message} (${where})`,
          key: step ? "error.bot.stepField" : "error.bot.flowField",
          params: { step: step ?? "", field: issue.path.slice(step ? 2 : 0).join(".") || where, detail: issue.message },
        };
      }),
    };
  }
  const issues = structureIssues(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, flow: parsed.data };
}
