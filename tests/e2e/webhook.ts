import { createHmac } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { WHATSAPP } from "./users";

let seq = 0;

/** Posts a correctly signed WhatsApp Cloud API text message, as Meta would. */
export async function receiveWhatsAppText(request: APIRequestContext, from: { waId: string; name: string }, text: string): Promise<void> {
  seq += 1;
  const body = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "104996123456789",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "551130001234", phone_number_id: WHATSAPP.phoneNumberId },
              contacts: [{ profile: { name: from.name }, wa_id: from.waId }],
              messages: [{ from: from.waId, id: `wamid.e2e.${Date.now()}.${seq}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: text } }],
            },
          },
        ],
      },
    ],
  });
  const signature = "sha256=" + createHmac("sha256", WHATSAPP.appSecret).update(body).digest("hex");
  const res = await request.post("/api/webhooks/whatsapp", { data: body, headers: { "content-type": "application/json", "x-hub-signature-256": signature } });
  if (res.status() !== 200) throw new Error(`webhook answered ${res.status()}: ${await res.text()}`);
}

/** A signed status callback ("read") for a message we sent, as Meta posts it. */
export async function receiveWhatsAppStatus(request: APIRequestContext, wamid: string, recipient: string, status: "delivered" | "read"): Promise<void> {
  const body = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "104996123456789", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "551130001234", phone_number_id: WHATSAPP.phoneNumberId }, statuses: [{ id: wamid, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: recipient }] } }] }],
  });
  const signature = "sha256=" + createHmac("sha256", WHATSAPP.appSecret).update(body).digest("hex");
  const res = await request.post("/api/webhooks/whatsapp", { data: body, headers: { "content-type": "application/json", "x-hub-signature-256": signature } });
  if (res.status() !== 200) throw new Error(`status webhook answered ${res.status()}: ${await res.text()}`);
}

export function uniquePhone(): string {
  return `5511${String(Date.now()).slice(-7)}${seq++ % 10}`;
}
