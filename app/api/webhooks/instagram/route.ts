import { metaWebhookGet, metaWebhookPost } from "@/server/http/meta-webhook";

// Instagram Messaging: the same handshake and signature as WhatsApp, routed by entry.id.
export const dynamic = "force-dynamic";
export const GET = metaWebhookGet("instagram");
export const POST = metaWebhookPost("instagram");
