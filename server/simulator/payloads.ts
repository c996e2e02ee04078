import { createHmac, randomBytes, randomUUID } from "node:crypto";

// The bodies the real providers send and answer, trimmed to what Charla reads (see tests/fixtures/providers).

const now = () => Date.now();
const seconds = () => String(Math.floor(now() / 1000));

export const newWamid = () => `wamid.SIM${randomBytes(18).toString("base64url")}`;
export const newIgMid = () => `aWdfSIM${randomBytes(24).toString("base64url")}`;

export function metaSignature(body: string, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}

// ---------- answers to sends ----------

export function whatsappSendAnswer(to: string) {
  return { messaging_product: "whatsapp", contacts: [{ input: to, wa_id: to }], messages: [{ id: newWamid() }] };
}

export function instagramSendAnswer(recipientId: string) {
  return { recipient_id: recipientId, message_id: newIgMid() };
}

export function zenviaSendAnswer(body: { from?: string; to?: string; contents?: unknown[] }) {
  return { id: randomUUID(), from: body.from, to: body.to, direction: "OUT", contents: body.contents ?? [] };
}

export const graphError = (code: number, message: string, type = "OAuthException") => ({
  error: { message, type, code, fbtrace_id: `SIM${randomBytes(8).toString("hex")}` },
});

// ---------- inbound webhooks ----------

/** A tap on one of our buttons or list rows: the id we gave it and the title the contact saw. */
export interface SimChoice {
  id: string;
  title: string;
  /** WhatsApp only: which interactive message it answers. */
  kind?: "button_reply" | "list_reply";
}

function whatsappMessage(from: string, id: string, text: string, choice?: SimChoice) {
  if (!choice) return { from, id, timestamp: seconds(), type: "text", text: { body: text } };
  const type = choice.kind ?? "button_reply";
  return { from, id, timestamp: seconds(), type: "interactive", interactive: { type, [type]: { id: choice.id, title: choice.title } } };
}

export function whatsappInbound(phoneNumberId: string, from: string, name: string, text: string, id = newWamid(), choice?: SimChoice) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "SIMWABA",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: phoneNumberId, phone_number_id: phoneNumberId },
              contacts: [{ profile: { name }, wa_id: from }],
              messages: [whatsappMessage(from, id, text, choice)],
            },
          },
        ],
      },
    ],
  };
}

export function whatsappStatus(phoneNumberId: string, wamid: string, recipient: string, status: "delivered" | "read") {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "SIMWABA",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: phoneNumberId, phone_number_id: phoneNumberId },
              statuses: [{ id: wamid, status, timestamp: seconds(), recipient_id: recipient }],
            },
          },
        ],
      },
    ],
  };
}

export function instagramInbound(accountId: string, from: string, text: string, choice?: SimChoice) {
  const message = choice ? { mid: newIgMid(), text: choice.title, quick_reply: { payload: choice.id } } : { mid: newIgMid(), text };
  return {
    object: "instagram",
    entry: [{ id: accountId, time: now(), messaging: [{ sender: { id: from }, recipient: { id: accountId }, timestamp: now(), message }] }],
  };
}

export function instagramRead(accountId: string, recipient: string, mid: string) {
  return {
    object: "instagram",
    entry: [{ id: accountId, time: now(), messaging: [{ sender: { id: recipient }, recipient: { id: accountId }, timestamp: now(), read: { mid } }] }],
  };
}

export function zenviaInbound(senderId: string, channel: string, from: string, name: string, text: string, choice?: SimChoice) {
  const at = new Date().toISOString();
  const content = choice ? { type: "text", text: choice.title, payload: choice.id } : { type: "text", text };
  return {
    id: randomUUID(),
    timestamp: at,
    type: "MESSAGE",
    channel,
    direction: "IN",
    message: { id: randomUUID(), from, to: senderId, direction: "IN", channel, visitor: { name }, contents: [content], timestamp: at },
  };
}

export function zenviaStatus(senderId: string, channel: string, messageId: string, to: string, code: "DELIVERED" | "READ") {
  const at = new Date().toISOString();
  return {
    id: randomUUID(),
    timestamp: at,
    type: "MESSAGE_STATUS",
    channel,
    messageId,
    contentIndex: 0,
    message: { id: messageId, direction: "OUT", from: senderId, to },
    messageStatus: { timestamp: at, code },
  };
}
