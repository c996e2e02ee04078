import { metaWebhookGet, metaWebhookPost } from "@/server/http/meta-webhook";

// WhatsApp Cloud API: GET is Meta's subscription handshake, POST the signed event deliveries.
export const dynamic = "force-dynamic";
export const GET = metaWebhookGet("whatsapp");
export const POST = metaWebhookPost("whatsapp");
