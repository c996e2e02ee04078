import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { allowedOrigins, webchatChannelById } from "@/server/services/webchat";
import { contentSecurityPolicy } from "./security-headers.mjs";

// Only for the web chat page (see the matcher): it may be framed by the sites its channel lists, which
// a static header in next.config.mjs cannot express. Every other path keeps X-Frame-Options: DENY.

export function proxy(request: NextRequest): NextResponse {
  const response = NextResponse.next();
  response.headers.set("Content-Security-Policy", contentSecurityPolicy(frameAncestors(request.nextUrl.pathname)));
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

export const config = { matcher: ["/chat/:path*"] };
