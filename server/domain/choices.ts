import { graphemeCount } from "./text";
import type { ChannelRef } from "./types";

// A message that offers the contact a few choices (a bot's menu, a satisfaction survey). It is stored as a
// text message whose payload carries the choices; each channel shows it in the richest form it has, within
// the provider's documented limits, and falls back to a numbered text menu where none fits:
//   WhatsApp Cloud API — reply buttons (≤ 3, title ≤ 20) or a list message (≤ 10 rows, title ≤ 24,
//     description ≤ 72, button ≤ 20), body ≤ 1,024, header and footer ≤ 60;
//   Instagram — quick replies (≤ 13, title ≤ 20; longer titles are truncated by Instagram, so they fall back);
//   Zenvia — the same as the network it relays to (`button`/`list` contents, `replyable_text`);
//   web chat — buttons under the text.
// The contact's pick comes back as the choice's id (inbound `payload.choiceId`).

export interface Choice {
  id: string;
  title: string;
  description?: string;
}

export interface ChoicesContent {
  body: string;
  choices: Choice[];
  header?: string;
  footer?: string;
  /** The label of the button that opens a WhatsApp list. */
  listButton?: string;
}

export type ChoicesForm = "buttons" | "list" | "quick_replies" | "numbered";

export const CHOICE_LIMITS = {
  idMax: 200,
  body: 1024,
  header: 60,
  footer: 60,
  whatsappButtons: { count: 3, title: 20 },
  whatsappList: { count: 10, title: 24, description: 72, button: 20 },
  instagramQuickReplies: { count: 13, title: 20 },
  webchatButtons: { count: 20, title: 60 },
} as const;

export const DEFAULT_LIST_BUTTON = "Menu";

/** Where a choices message is shown: WhatsApp or Instagram directly, through Zenvia, or the web chat. */
export type ChoicesSurface = "whatsapp" | "instagram" | "webchat";

export function surfacesOf(channel: ChannelRef): ChoicesSurface[] {
  if (channel.type === "zenvia") return channel.zenviaChannel ? [channel.zenviaChannel] : ["whatsapp", "instagram"];
  return [channel.type];
}

const fits = (text: string | undefined, max: number) => text === undefined || graphemeCount(text) <= max;

/** The richest form the surface can show these choices in. */
export function choicesForm(surface: ChoicesSurface, content: ChoicesContent): ChoicesForm {
  const { choices } = content;
  if (choices.length === 0) return "numbered";
  const titlesFit = (max: number) => choices.every((c) => fits(c.title, max));
  switch (surface) {
    case "whatsapp": {
      const decor = fits(content.header, CHOICE_LIMITS.header) && fits(content.footer, CHOICE_LIMITS.footer);
      if (!decor || !fits(content.body, CHOICE_LIMITS.body)) return "numbered";
      const b = CHOICE_LIMITS.whatsappButtons;
      const hasDescriptions = choices.some((c) => c.description);
      if (!hasDescriptions && choices.length <= b.count && titlesFit(b.title)) return "buttons";
      const l = CHOICE_LIMITS.whatsappList;
      if (
        choices.length <= l.count &&
        titlesFit(l.title) &&
        choices.every((c) => fits(c.description, l.description)) &&
        fits(content.listButton ?? DEFAULT_LIST_BUTTON, l.button)
      ) {
        return "list";
      }
      return "numbered";
    }
    case "instagram": {
      const q = CHOICE_LIMITS.instagramQuickReplies;
      return choices.length <= q.count && titlesFit(q.title) ? "quick_replies" : "numbered";
    }
    case "webchat": {
      const w = CHOICE_LIMITS.webchatButtons;
      return choices.length <= w.count && titlesFit(w.title) ? "buttons" : "numbered";
    }
  }
}

/** "Body\n\n1. Ventas\n2. Soporte — horario 9 a 18": what is sent where no interactive form fits. */
export function numberedMenuText(content: ChoicesContent): string {
  const lines = content.choices.map((c, i) => `${i + 1}. ${c.title}${c.description ? ` — ${c.description}` : ""}`);
  const parts = [content.header, content.body, lines.join("\n"), content.footer].filter((p): p is string => !!p && p.trim() !== "");
  return parts.join("\n\n");
}

/**
 * The choices a stored payload carries, or null. Lenient about extra keys; strict about what a provider
 * would refuse (missing ids or titles, duplicate ids).
 */
export function readChoices(body: string | null | undefined, payload: Record<string, unknown> | null | undefined): ChoicesContent | null {
  const raw = payload?.choices;
  if (!Array.isArray(raw) || raw.length === 0 || typeof body !== "string") return null;
  const choices: Choice[] = [];
  const seen = new Set<string>();
  for (const item of raw) {
    if (typeof item !== "object" || item === null) return null;
    const { id, title, description } = item as Record<string, unknown>;
    if (typeof id !== "string" || id === "" || id.length > CHOICE_LIMITS.idMax || seen.has(id)) return null;
    if (typeof title !== "string" || title.trim() === "") return null;
    seen.add(id);
    choices.push(typeof description === "string" && description.trim() !== "" ? { id, title, description } : { id, title });
  }
  const text = (k: string) => (typeof payload?.[k] === "string" && (payload[k] as string).trim() !== "" ? (payload[k] as string) : undefined);
  const content: ChoicesContent = { body, choices };
  const header = text("header");
  const footer = text("footer");
  const listButton = text("listButton");
  if (header) content.header = header;
  if (footer) content.footer = footer;
  if (listButton) content.listButton = listButton;
  return content;
}

/** The payload to store with a choices message (the body is the message's body). */
export function choicesPayload(content: ChoicesContent): Record<string, unknown> {
  const payload: Record<string, unknown> = { choices: content.choices.map((c) => ({ ...c })) };
  if (content.header) payload.header = content.header;
  if (content.footer) payload.footer = content.footer;
  if (content.listButton) payload.listButton = content.listButton;
  return payload;
}

/** The text a surface really sends: the body for interactive forms, the numbered menu otherwise. */
export function choicesSentText(surface: ChoicesSurface, content: ChoicesContent): string {
  return choicesForm(surface, content) === "numbered" ? numberedMenuText(content) : content.body;
}
