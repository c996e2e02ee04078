// Variables a quick reply may hold, filled in when the reply is used: by the composer as it inserts one
// (in the browser), and by the server when one is sent from the list without JavaScript. Administrators
// write replies in their own language, so each variable answers to its Spanish, English and Portuguese name.
// This module imports nothing, so the composer can bundle it.

export const QUICK_REPLY_VARIABLES = {
  /** The contact's first name: "María" for "María José Pérez". */
  contactFirstName: ["nombre", "name", "nome"],
  /** The contact's name as stored. */
  contactFullName: ["nombre_completo", "full_name", "nome_completo"],
  /** The first name of the agent who sends the reply. */
  agentFirstName: ["agente", "agent", "atendente"],
} as const;

export type QuickReplyVariable = keyof typeof QUICK_REPLY_VARIABLES;

/** Who a reply is written for and by. */
export interface QuickReplyPeople {
  contactName: string;
  agentName: string;
}

/** A name's first word; "" when it has no letters (a phone number standing in for a name). */
export function firstName(name: string): string {
  const first = name.trim().split(/\s+/)[0] ?? "";
  return /\p{L}/u.test(first) ? first : "";
}

export function quickReplyValues(people: QuickReplyPeople): Record<QuickReplyVariable, string> {
  return {
    contactFirstName: firstName(people.contactName),
    contactFullName: people.contactName.trim(),
    agentFirstName: firstName(people.agentName),
  };
}

const byName = new Map<string, QuickReplyVariable>(
  Object.entries(QUICK_REPLY_VARIABLES).flatMap(([variable, names]) => names.map((n) => [n, variable as QuickReplyVariable])),
);

/**
 * The reply with every known {{variable}} (any case, spaces inside the braces allowed) replaced; an
 * unknown one is left as written, so a typo shows instead of vanishing.
 */
export function expandQuickReply(body: string, people: QuickReplyPeople): string {
  const values = quickReplyValues(people);
  return body.replace(/\{\{\s*([\p{L}_]+)\s*\}\}/gu, (whole, name: string) => {
    const variable = byName.get(name.toLowerCase());
    return variable ? values[variable] : whole;
  });
}
