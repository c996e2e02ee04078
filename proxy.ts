import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { allowedOrigins, webchatChannelById } from "@/server/services/webchat";
import { FLASH_COOKIE, OUTCOME_HEADER, restoreOutcome } from "@/app/_lib/flash-outcome";
import { contentSecurityPolicy } from "./security-headers.mjs";

// Two jobs, each behind its own matcher entry so every other request skips the proxy:
// - the web chat page may be framed by the sites its channel lists, which a static header in
//   next.config.mjs cannot express (every other path keeps X-Frame-Options: DENY);
// - a form's outcome carried in the one-shot cookie (app/_lib/flash-outcome.ts) becomes the query of the
//   page load that follows the form's redirect (a request header the page reads), and the cookie is dropped.

export function proxy(request: NextRequest): NextResponse {
  const response = withFlash(request) ?? NextResponse.next();
  if (request.nextUrl.pathname.startsWith("/chat/")) {
    response.headers.set("Content-Security-Policy", contentSecurityPolicy(frameAncestors(request.nextUrl.pathname)));
  }
  return response;
}

function withFlash(request: NextRequest): NextResponse | null {
  const carried = request.cookies.get(FLASH_COOKIE)?.value;
  // Only the page load itself takes it: not a prefetch, an image or a client-side fetch.
  if (carried === undefined || request.method !== "GET" || request.headers.get("sec-fetch-dest") === "empty" || request.headers.has("rsc")) return null;
  const outcome = restoreOutcome(new URLSearchParams(), carried);
  const headers = new Headers(request.headers);
  if (outcome) headers.set(OUTCOME_HEADER, outcome.toString());
  const response = NextResponse.next({ request: { headers } });
  response.cookies.delete(FLASH_COOKIE);
  return response;
}

function frameAncestors(pathname: string): string {
  const channelId = /^\/chat\/(\d{1,12})(?:\/|$)/.exec(pathname)?.[1];
  if (!channelId) return "'self'";
  try {
    // Origins are validated when the channel is saved (http(s)://host[:port]); anything else is dropped.
    const origins = allowedOrigins(webchatChannelById(getDb(), channelId)).filter((o) => /^https?:\/\/[a-z0-9.-]+(:\d+)?$/i.test(o));
    return ["'self'", ...origins].join(" ");
  } catch {
    // Unknown channel or no database: fail closed, only our own pages may frame it.
    return "'self'";
  }
}

export const config = {
  matcher: [
    "/chat/:path*",
    // The key is FLASH_COOKIE's value, written out: Next reads this config statically.
    { source: "/((?!_next/|api/|chat/).*)", has: [{ type: "cookie", key: "charla-flash" }] },
  ],
};
