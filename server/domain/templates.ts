import { badRequest } from "./errors";
import { assertWithinLimit } from "./message-limits";

// WhatsApp message templates: a body approved by Meta, with numbered variables {{1}}, {{2}}, …
// filled in at send time.

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const NUMBER = /^[1-9][0-9]*$/;
const NAME = /^[a-z0-9_]{1,512}$/;
const LANGUAGE = /^[a-z]{2,3}(_[A-Z]{2})?$/;

/** How many distinct variables the body uses; throws unless they run {{1}}…{{n}} without gaps. */
export function templateVariableCount(body: string): number {
  const used = new Set<number>();
  for (const match of body.matchAll(PLACEHOLDER)) {
    const inner = match[1] ?? "";
    if (!NUMBER.test(inner)) {
      throw badRequest(
        `Template variables are written as numbers in double braces, like {{1}}; “${match[0]}” isn't one.`,
        { key: "error.template.variableFormat", params: { found: match[0] } },
      );
    }
    used.add(Number(inner));
  }
  for (let n = 1; n <= used.size; n++) {
    if (!used.has(n)) {
      throw badRequest(
        `Template variables must be numbered from {{1}} without gaps; {{${n}}} is missing.`,
        { key: "error.template.variableGap", params: { missing: `{{${n}}}` } },
      );
    }
  }
  return used.size;
}

export function validateTemplateBody(body: string): { body: string; variableCount: number } {
  const trimmed = body.trim();
  assertWithinLimit(trimmed, { channelType: "whatsapp", purpose: "template" });
  return { body: trimmed, variableCount: templateVariableCount(trimmed) };
}

/** Meta's rules: names are lower-case letters, digits and underscores; languages look like "pt_BR" or "en". */
export function validateTemplateRef(ref: { name: string; language: string }): {
  name: string;
  language: string;
} {
  const name = ref.name.trim();
  const language = ref.language.trim();
  if (!NAME.test(name)) {
    throw badRequest(
      `Template names use lower-case letters, digits and underscores only; “${name}” doesn't.`,
      { key: "error.template.name", params: { name } },
    );
  }
  if (!LANGUAGE.test(language)) {
    throw badRequest(`“${language}” isn't a template language code like "en" or "pt_BR".`, { key: "error.template.language", params: { language } });
  }
  return { name, language };
}

/** Checks values for a template with `count` variables and returns them trimmed. */
export function validateTemplateValues(values: readonly string[], count: number): string[] {
  if (values.length !== count) {
    const needs =
      count === 0
        ? "This template has no variables"
        : `This template needs ${count} value${count === 1 ? "" : "s"} (${count === 1 ? "{{1}}" : `{{1}} to {{${count}}}`})`;
    const given = values.length;
    throw badRequest(
      `${needs}; ${given} ${given === 1 ? "was" : "were"} given.`,
      count === 0
        ? { key: "error.template.noValues", params: { given } }
        : count === 1
          ? { key: "error.template.oneValue", params: { given } }
          : { key: "error.template.values", params: { count, last: `{{${count}}}`, given } },
    );
  }
  return values.map((raw, i) => {
    const value = raw.trim();
    const name = `{{${i + 1}}}`;
    if (value === "") throw badRequest(`The value for ${name} is empty.`, { key: "error.template.valueEmpty", params: { name } });
    // WhatsApp rejects parameters with these at send time; better to say so while the agent is typing.
    if (/[\n\t]/.test(value)) throw badRequest(`The value for ${name} can't contain line breaks or tabs.`, { key: "error.template.valueBreaks", params: { name } });
    if (/ {5}/.test(value)) {
      throw badRequest(`The value for ${name} can't contain more than 4 spaces in a row.`, { key: "error.template.valueSpaces", params: { name } });
    }
    return value;
  });
}

/** The body with {{n}} replaced by values[n-1]. Values are inserted verbatim, never re-expanded. */
export function renderTemplate(body: string, values: readonly string[]): string {
  const checked = validateTemplateValues(values, templateVariableCount(body));
  return body.replace(PLACEHOLDER, (_, inner: string) => checked[Number(inner) - 1] ?? "");
}
