import { createHash, createHmac, timingSafeEqual } from "node:crypto";

// Webhook authenticity checks. All comparisons are constant-time; none of these functions throw.

const META_SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * Meta (WhatsApp Cloud API, Instagram) signs every webhook POST with
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body bytes)>`.
 * Verify over the exact bytes received — re-serialized JSON would not match.
 */
export function verifyMetaSignature(
  rawBody: Buffer | string,
  header: string | null | undefined,
  appSecret: string,
): boolean {
  if (!header || !appSecret) return false;
  const match = META_SIGNATURE.exec(header.trim());
  const hex = match?.[1];
  if (!hex) return false;
  const bytes = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody;
  const expected = createHmac("sha256", appSecret).update(bytes).digest();
  const given = Buffer.from(hex, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Meta's subscription handshake: `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`.
 * Returns the challenge to echo back (as text/plain, HTTP 200) or null (answer 403).
 */
export function verifyMetaHandshake(params: URLSearchParams, verifyToken: string): string | null {
  if (!verifyToken) return null;
  if (params.get("hub.mode") !== "subscribe") return null;
  const challenge = params.get("hub.challenge");
  if (!challenge) return null;
  return safeEqualStrings(params.get("hub.verify_token"), verifyToken) ? challenge : null;
}

/** Header carrying Zenvia's per-channel secret; set it in the subscription's `webhook.headers`. */
export const ZENVIA_SECRET_HEADER = "x-charla-webhook-secret";

/**
 * Zenvia does not sign webhooks; the subscription sends a custom header we configured with a
 * per-channel secret. Compare it in constant time.
 */
export function verifyZenviaSecret(headerValue: string | null | undefined, secret: string): boolean {
  if (!secret) return false;
  return safeEqualStrings(headerValue, secret);
}

/** Constant-time string equality (hashing first so differing lengths leak nothing). */
export function safeEqualStrings(a: string | null | undefined, b: string): boolean {
  if (typeof a !== "string") return false;
  const ha = createHash("sha256").update(a, "utf8").digest();
  const hb = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(ha, hb);
}
