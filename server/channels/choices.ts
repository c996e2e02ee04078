import {
  DEFAULT_LIST_BUTTON,
  choicesForm,
  numberedMenuText,
  readChoices,
  type ChoicesContent,
} from "@/server/domain/choices";
import type { OutboundMessage } from "./types";

// The request bodies of a choices message (see server/domain/choices.ts) for each provider, as documented:
// WhatsApp Cloud API `interactive` (type "button" / "list"), Instagram `quick_replies`, Zenvia v2 contents
// `button` / `list` (WhatsApp) and `replyable_text` (Instagram). Where no interactive form fits, a text
// with the numbered menu.

/** The choices of an outbound text message, or null for an ordinary text. */
export function outboundChoices(msg: OutboundMessage): ChoicesContent | null {
  return msg.kind === "text" ? readChoices(msg.body, msg.payload) : null;
}

const textHeader = (c: ChoicesContent) => (c.header ? { header: { type: "text", text: c.header } } : {});
const footerOf = (c: ChoicesContent) => (c.footer ? { footer: { text: c.footer } } : {});

/** The message part of a Cloud API send body (`type` and its object). */
export function whatsappChoices(c: ChoicesContent): Record<string, unknown> {
  switch (choicesForm("whatsapp", c)) {
    case "buttons":
      return {
        type: "interactive",
        interactive: {
          type: "button",
          ...textHeader(c),
          body: { text: c.body },
          ...footerOf(c),
          action: { buttons: c.choices.map((ch) => ({ type: "reply", reply: { id: ch.id, title: ch.title } })) },
        },
      };
    case "list":
      return {
        type: "interactive",
        interactive: {
          type: "list",
          ...textHeader(c),
          body: { text: c.body },
          ...footerOf(c),
          action: {
            button: c.listButton ?? DEFAULT_LIST_BUTTON,
            // One section: WhatsApp requires a section title only when there are several.
            sections: [{ rows: c.choices.map((ch) => ({ id: ch.id, title: ch.title, ...(ch.description ? { description: ch.description } : {}) })) }],
          },
        },
      };
    default:
      return { type: "text", text: { preview_url: false, body: numberedMenuText(c) } };
  }
}

/** The `message` object of an Instagram send body. */
export function instagramChoices(c: ChoicesContent): Record<string, unknown> {
  if (choicesForm("instagram", c) === "quick_replies") {
    return { text: c.body, quick_replies: c.choices.map((ch) => ({ content_type: "text", title: ch.title, payload: ch.id })) };
  }
  return { text: numberedMenuText(c) };
}

/** One Zenvia v2 content for the network the Zenvia channel relays to. */
export function zenviaChoices(c: ChoicesContent, network: "whatsapp" | "instagram"): Record<string, unknown> {
  const form = choicesForm(network, c);
  if (network === "instagram") {
    if (form === "quick_replies") {
      return { type: "replyable_text", text: c.body, quickReplyButtons: c.choices.map((ch) => ({ type: "text", text: ch.title, payload: ch.id })) };
    }
    return { type: "text", text: numberedMenuText(c) };
  }
  const decor = { ...(c.header ? { header: { type: "text", text: c.header } } : {}), ...(c.footer ? { footer: c.footer } : {}) };
  switch (form) {
    case "buttons":
      return { type: "button", body: c.body, ...decor, buttons: c.choices.map((ch) => ({ id: ch.id, title: ch.title })) };
    case "list": {
      const button = c.listButton ?? DEFAULT_LIST_BUTTON;
      return {
        type: "list",
        // Zenvia's list takes the header as plain text, and requires a section title.
        ...(c.header ? { header: c.header } : {}),
        body: c.body,
        ...(c.footer ? { footer: c.footer } : {}),
        button,
        sections: [{ title: button, rows: c.choices.map((ch) => ({ id: ch.id, title: ch.title, ...(ch.description ? { description: ch.description } : {}) })) }],
      };
    }
    default:
      return { type: "text", text: numberedMenuText(c) };
  }
}
