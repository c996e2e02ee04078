import type { APIRequestContext } from "@playwright/test";
import { metaSignature, whatsappInbound, whatsappStatus } from "@/server/simulator/payloads";
import { WHATSAPP } from "./users";

let seq = 0;

async function postSigned(request: APIRequestContext, payload: unknown): Promise<void> {
  const body = JSON.stringify(payload);
  const res = await request.post("/api/webhooks/whatsapp", { data: body, headers: { "content-type": "application/json", "x-hub-signature-256": metaSignature(body, WHATSAPP.appSecret) } });
  if (res.status() !== 200) throw new Error(`webhook answered ${res.status()}: ${await res.text()}`);
}

/** Posts a correctly signed WhatsApp Cloud API text message, as Meta would. */
export async function receiveWhatsAppText(request: APIRequestContext, from: { waId: string; name: string }, text: string): Promise<void> {
  seq += 1;
  await postSigned(request, whatsappInbound(WHATSAPP.phoneNumberId, from.waId, from.name, text, `wamid.e2e.${Date.now()}.${seq}`));
}

/** A signed status callback ("read") for a message we sent, as Meta posts it. */
export async function receiveWhatsAppStatus(request: APIRequestContext, wamid: string, recipient: string, status: "delivered" | "read"): Promise<void> {
  await postSigned(request, whatsappStatus(WHATSAPP.phoneNumberId, wamid, recipient, status));
}

export function uniquePhone(): string {
  return `5511${String(Date.now()).slice(-7)}${seq++ % 10}`;
}

/** The contact taps one of our buttons or list rows: a signed interactive reply, as Meta posts it. */
export async function receiveWhatsAppChoice(request: APIRequestContext, from: { waId: string; name: string }, choice: { id: string; title: string; kind?: "list_reply" }): Promise<void> {
  seq += 1;
  await postSigned(request, whatsappInbound(WHATSAPP.phoneNumberId, from.waId, from.name, choice.title, `wamid.e2e.${Date.now()}.${seq}`, choice));
}
