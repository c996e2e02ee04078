import type { InboundMessage } from "@/server/channels/types";

let seq = 0;

/** A WhatsApp text as the parser produces it, for the contact `waId`. */
export function inboundText(waId: string, body: string, at: number, extra: Partial<InboundMessage> = {}): InboundMessage {
  seq += 1;
  return {
    type: "message",
    channelExternalId: "109876543210987",
    contact: { externalId: waId, phone: waId, name: `Contact ${waId}` },
    providerMessageId: `wamid.test.${waId}.${seq}.${at}`,
    timestamp: at,
    direction: "in",
    kind: "text",
    body,
    ...extra,
  };
}
