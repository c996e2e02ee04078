import { getDb } from "@/db/client";
import type { InboundMessage } from "@/server/channels/types";
import { fileAllDueInbound } from "@/server/services/inbound-queue";

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

/**
 * A webhook route handler followed by what the server does right after answering: filing the accepted
 * deliveries (server/jobs/inbound.ts does it on the next turn of the event loop).
 */
export function thenFiled<A extends unknown[]>(post: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args) => {
    const res = await post(...args);
    fileAllDueInbound(getDb(), Date.now());
    return res;
  };
}
