import { wordList } from "@/server/domain/bot/edit";
import type { FlowInput } from "@/server/domain/bot/flow";
import { text } from "../form-data";

// A step form (see [id]/step-fields.tsx) read into the draft's JSON. Nothing is checked here: the service
// validates the whole draft and refuses with the step's name.

type StepInput = FlowInput["steps"][number];

const optional = (form: FormData, name: string) => text(form, name).trim() || undefined;
const numberOrNull = (form: FormData, name: string) => (text(form, name) ? Number(text(form, name)) : null);
const intOr = (form: FormData, name: string, fallback: number) => (text(form, name) ? Number(text(form, name)) : fallback);

export function stepFromForm(form: FormData, id: string): StepInput {
  const kind = text(form, "kind");
  const label = optional(form, "label");
  const base = { id, ...(label ? { label } : {}) };
  const retries = () => ({
    ...(optional(form, "retryText") ? { retryText: optional(form, "retryText") } : {}),
    maxRetries: intOr(form, "maxRetries", 2),
    ...(optional(form, "onFail") ? { onFail: optional(form, "onFail") } : {}),
  });
  switch (kind) {
    case "message": {
      // The file it had stays unless removed; a new upload replaces it (actions.ts).
      const kept = text(form, "mediaSha256") && !form.get("mediaRemove")
        ? { media: { sha256: text(form, "mediaSha256"), mimeType: text(form, "mediaMimeType"), fileName: text(form, "mediaFileName"), size: Number(text(form, "mediaSize")) } }
        : {};
      return { ...base, kind, text: text(form, "text"), ...kept, next: text(form, "next") };
    }
    case "menu": {
      const all = (name: string) => form.getAll(name).map(String);
      const [ids, titles, descriptions, synonyms, nexts, removed] = [all("optionId"), all("optionTitle"), all("optionDescription"), all("optionSynonyms"), all("optionNext"), all("optionRemove")];
      const used = new Set(ids.filter(Boolean));
      const options = titles.flatMap((raw, i) => {
        const title = raw.trim();
        if (!title || removed.includes(String(i))) return [];
        // A new option gets an id from its title, unique within the menu; existing ones keep theirs.
        let id = ids[i] ?? "";
        if (!id) {
          const base = slug(title) || "op";
          id = base;
          for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
          used.add(id);
        }
        const description = (descriptions[i] ?? "").trim();
        return [{ id, title, ...(description ? { description } : {}), synonyms: wordList(synonyms[i] ?? ""), next: nexts[i] ?? "" }];
      });
      return { ...base, kind, text: text(form, "text"), options, ...retries() };
    }
    case "question": {
      const field = text(form, "field") === "custom" ? `custom:${slug(text(form, "customField")).replace(/-/g, "_")}` : text(form, "field");
      return { ...base, kind, text: text(form, "text"), field, validate: text(form, "validate") as "none", next: text(form, "next"), ...retries() };
    }
    case "condition": {
      const type = text(form, "test");
      const test =
        type === "field"
          ? { type: "field" as const, field: text(form, "field"), op: text(form, "op") as "equals", value: text(form, "value") }
          : type === "channel"
            ? { type: "channel" as const, channels: form.getAll("channels").map(String) as Array<"whatsapp"> }
            : { type: "open" as const, teamId: numberOrNull(form, "teamId") };
      return { ...base, kind, test, then: text(form, "then"), else: text(form, "else") };
    }
    case "handoff":
      return { ...base, kind, ...(optional(form, "text") ? { text: optional(form, "text") } : {}), teamId: numberOrNull(form, "teamId"), agentId: numberOrNull(form, "agentId") };
    case "close":
      return { ...base, kind, ...(optional(form, "text") ? { text: optional(form, "text") } : {}), reasonId: numberOrNull(form, "reasonId") };
    case "goto":
      return { ...base, kind, target: text(form, "target") };
    default:
      // Unknown kinds go to the service as they are, which refuses them naming the step.
      return { ...base, kind } as unknown as StepInput;
  }
}

function slug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}
