import { randomBytes } from "node:crypto";
import { WEBCHAT_ID_PATTERN, WEBCHAT_NAME_MAX } from "@/server/channels/webchat/parse";
import { publicUrl } from "@/server/config/env";
import { RateLimiter } from "./rate-limit";

// A web chat visitor's session: a random visitor id (and the name they gave) in an httpOnly cookie,
// one per path it is needed on — the chat page and its API — so a reload keeps the conversation.
// In a third-party iframe the cookie must be SameSite=None; Secure, and Partitioned (CHIPS) so
// browsers that block third-party cookies still keep it for that embedding site.

export interface VisitorSession {
  visitorId: string;
  name: string;
}

export const PAGE_COOKIE = "charla_chat";
export const API_COOKIE = "charla_chat_api";
const MAX_AGE_S = 365 * 24 * 60 * 60;

export const pagePath = (channelId: number | string) => `/chat/${channelId}`;
export const apiPath = (channelId: number | string) => `/api/webchat/${channelId}`;

export function newVisitorId(): string {
  return randomBytes(18).toString("base64url");
}

export function encodeSession(s: VisitorSession): string {
  return `${s.visitorId}.${Buffer.from(s.name, "utf8").toString("base64url")}`;
}

export function decodeSession(value: string | undefined | null): VisitorSession | null {
  if (!value) return null;
  const [visitorId = "", encoded = ""] = value.split(".");
  if (!WEBCHAT_ID_PATTERN.test(visitorId)) return null;
  const name = Buffer.from(encoded, "base64url").toString("utf8").trim().slice(0, WEBCHAT_NAME_MAX * 4);
  return name ? { visitorId, name } : null;
}

export function cookieSecure(): boolean {
  return publicUrl().startsWith("https:");
}

export interface CookieSpec {
  name: string;
  value: string;
  path: string;
  maxAge: number;
  httpOnly: true;
  sameSite: "none" | "lax";
  secure: boolean;
  partitioned: boolean;
}

/** Both cookies of a session, as option objects (for next/headers) or Set-Cookie lines (route handlers). */
export function sessionCookies(channelId: number | string, session: VisitorSession): CookieSpec[] {
  const secure = cookieSecure();
  const base = { value: encodeSession(session), maxAge: MAX_AGE_S, httpOnly: true as const, sameSite: secure ? ("none" as const) : ("lax" as const), secure, partitioned: secure };
  return [
    { ...base, name: PAGE_COOKIE, path: pagePath(channelId) },
    { ...base, name: API_COOKIE, path: apiPath(channelId) },
  ];
}

export function setCookieLine(c: CookieSpec): string {
  const parts = [`${c.name}=${c.value}`, `Path=${c.path}`, `Max-Age=${c.maxAge}`, "HttpOnly", `SameSite=${c.sameSite === "none" ? "None" : "Lax"}`];
  if (c.secure) parts.push("Secure");
  if (c.partitioned) parts.push("Partitioned");
  return parts.join("; ");
}

export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}

// One process, shared by the page's actions and the API.
const globalForLimits = globalThis as unknown as { charlaWebchatLimits?: ReturnType<typeof makeLimits> };
function makeLimits() {
  return {
    /** A person types a few messages in a burst, then slows down. */
    messagesPerVisitor: new RateLimiter({ capacity: 10, perSecond: 0.5 }),
    /** Several visitors behind one office NAT, but not a flood. */
    messagesPerIp: new RateLimiter({ capacity: 60, perSecond: 2 }),
    pollsPerIp: new RateLimiter({ capacity: 120, perSecond: 4 }),
  };
}
export const webchatLimits = (globalForLimits.charlaWebchatLimits ??= makeLimits());
