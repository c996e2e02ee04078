import { publicUrl } from "@/server/config/env";
import type { ChannelRow } from "@/server/repositories/channels";
import { allowedOrigins } from "@/server/services/webchat";

// Cross-origin calls to the web chat API are allowed only from the sites the channel lists. Requests
// from our own pages (the chat iframe) are same-origin and need no CORS headers.

export type CorsDecision = { allowed: true; headers: Record<string, string> } | { allowed: false };

export function corsFor(req: Request, channel: ChannelRow): CorsDecision {
  const origin = req.headers.get("origin");
  // Behind a reverse proxy the request URL may name an internal host; PUBLIC_URL names the real one.
  if (!origin || origin === new URL(req.url).origin || origin === new URL(publicUrl()).origin) return { allowed: true, headers: {} };
  if (!allowedOrigins(channel).includes(origin)) return { allowed: false };
  return {
    allowed: true,
    headers: {
      "Access-Control-Allow-Origin": origin,
      "Access-Control-Allow-Credentials": "true",
      "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
      "Access-Control-Allow-Headers": "Content-Type",
      "Access-Control-Max-Age": "600",
      Vary: "Origin",
    },
  };
}
