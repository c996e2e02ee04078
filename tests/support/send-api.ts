import type { FetchLike } from "@/server/channels/shared";

let n = 0;

/**
 * WhatsApp's send API as the dispatcher meets it: accepts each message under a new id, or answers every
 * send with `status` (a 5xx is retried later, a 4xx fails the message).
 */
export function whatsappSendApi(status = 200): FetchLike {
  return async () => {
    n += 1;
    const body = status === 200 ? { messaging_product: "whatsapp", contacts: [], messages: [{ id: `wamid.test.sent.${n}` }] } : { error: { message: "Refused by the test", code: 131000 } };
    return { status, text: async () => JSON.stringify(body) };
  };
}
