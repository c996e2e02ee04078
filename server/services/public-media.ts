import { createHmac } from "node:crypto";
import { persistentSecret } from "@/server/auth/secret";
import { publicUrl } from "@/server/config/env";
import { safeEqualStrings } from "@/server/channels/signature";

// Providers fetch the files agents send from a URL of ours without signing in. The URL carries an
// HMAC over the attachment id and an expiry: unguessable, unforgeable, and dead after a day.

export const PUBLIC_MEDIA_TTL_MS = 24 * 60 * 60_000;

function secret(): string {
  return persistentSecret("MEDIA_URL_SECRET", "media-url-secret");
}

function sign(data: string): string {
  return createHmac("sha256", secret()).update(`public-media:${data}`).digest("base64url");
}

export function publicMediaToken(attachmentId: number, now: number, ttlMs = PUBLIC_MEDIA_TTL_MS): string {
  const data = `${attachmentId}.${Math.floor((now + ttlMs) / 1000)}`;
  return `${data}.${sign(data)}`;
}

/** The attachment id the token grants, or null when it is malformed, forged or expired. */
export function verifyPublicMediaToken(token: string, now: number): number | null {
  const match = /^(\d{1,12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, id, expires, signature] = match;
  if (!safeEqualStrings(signature, sign(`${id}.${expires}`))) return null;
  if (Number(expires) * 1000 < now) return null;
  return Number(id);
}

export function publicMediaUrl(attachmentId: number, now: number): string {
  return `${publicUrl()}/api/media/public/${publicMediaToken(attachmentId, now)}`;
}
