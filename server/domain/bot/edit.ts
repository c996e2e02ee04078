import type { FlowInput } from "./flow";

// The editor's changes to a draft, as pure functions over its JSON: each returns a new draft that the
// service validates (shape, references, loops, limits) before storing it, so a bad edit is refused with
// the step it concerns and the stored draft stays valid.

type StepInput = FlowInput["steps"][number];

function steps(draft: FlowInput): StepInput[] {
  return Array.isArray(draft.steps) ? draft.steps : [];
}

/** Adds a step at the end (or replaces one with the same id when `replace`). */
export function putStep(draft: FlowInput, step: StepInput, opts: { replace?: string } = {}): FlowInput {
  const list = steps(draft);
  if (opts.replace !== undefined) {
    const at = list.findIndex((s) => s.id === opts.replace);
    if (at >= 0) return { ...draft, steps: list.map((s, i) => (i === at ? step : s)) };
  }
  return { ...draft, steps: [...list, step] };
}

export function moveStep(draft: FlowInput, id: string, by: -1 | 1): FlowInput {
  const list = [...steps(draft)];
  const at = list.findIndex((s) => s.id === id);
  const to = at + by;
  if (at < 0 || to < 0 || to >= list.length) return draft;
  [list[at], list[to]] = [list[to]!, list[at]!];
  return { ...draft, steps: list };
}

export function removeStep(draft: FlowInput, id: string): FlowInput {
  return { ...draft, steps: steps(draft).filter((s) => s.id !== id) };
}

/** A step id not used yet, from a wished one ("ventas", "ventas-2", …). */
export function freeStepId(draft: FlowInput, wished: string): string {
  const base =
    wished
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 34) || "paso";
  const used = new Set(steps(draft).map((s) => s.id));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Words separated by commas or new lines, trimmed, without empties or repeats. */
export function wordList(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map((w) => w.trim()).filter(Boolean))];
}
