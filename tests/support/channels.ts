import { createHmac } from "node:crypto";
import type { Db } from "@/db/client";
import { channels } from "@/db/schema";
import { ZENVIA_SECRET_HEADER } from "@/server/channels/signature";
import { T0 } from "./fixtures";

// Channels configured as the admin screens would store them, with known secrets to sign test deliveries.

export const WA_PHONE_NUMBER_ID = "109876543210987";
export const IG_ACCOUNT_ID = "17841405822304914";
export const ZENVIA_SENDER = "551130001234";
export const APP_SECRET = "test-app-secret";
export const VERIFY_TOKEN = "verify-me-123";
export const ZENVIA_SECRET = "zenvia-webhook-secret";

const insert = (db: Db, row: typeof channels.$inferInsert) => db.insert(channels).values(row).returning().get();

export function whatsappChannel(db: Db, opts: { phoneNumberId?: string; appSecret?: string; apiBaseUrl?: string; verifyToken?: string } = {}) {
  const phoneNumberId = opts.phoneNumberId ?? WA_PHONE_NUMBER_ID;
  return insert(db, {
    type: "whatsapp",
    name: `WhatsApp ${phoneNumberId}`,
    externalId: phoneNumberId,
    config: { phoneNumberId, verifyToken: opts.verifyToken ?? VERIFY_TOKEN, apiBaseUrl: opts.apiBaseUrl ?? "https://graph.test/v23.0" },
    secrets: { accessToken: "wa-token", appSecret: opts.appSecret ?? APP_SECRET },
    createdAt: T0,
  });
}

export function instagramChannel(db: Db, opts: { accountId?: string; apiBaseUrl?: string } = {}) {
  const accountId = opts.accountId ?? IG_ACCOUNT_ID;
  return insert(db, {
    type: "instagram",
    name: "Instagram",
    externalId: accountId,
    config: { accountId, verifyToken: VERIFY_TOKEN, apiBaseUrl: opts.apiBaseUrl ?? "https://graph.instagram.test/v23.0" },
    secrets: { accessToken: "ig-token", appSecret: APP_SECRET },
    createdAt: T0,
  });
}

export function zenviaChannelRow(db: Db, opts: { apiBaseUrl?: string; zenviaChannel?: "whatsapp" | "instagram" } = {}) {
  return insert(db, {
    type: "zenvia",
    name: "Zenvia",
    externalId: ZENVIA_SENDER,
    config: { senderId: ZENVIA_SENDER, zenviaChannel: opts.zenviaChannel ?? "whatsapp", apiBaseUrl: opts.apiBaseUrl ?? "https://api.zenvia.test" },
    secrets: { apiToken: "zenvia-token", webhookSecret: ZENVIA_SECRET },
    createdAt: T0,
  });
}

export function webchatChannel(db: Db, allowedOrigins = "https://shop.example.com") {
  return insert(db, { type: "webchat", name: "Site", externalId: null, config: { allowedOrigins }, secrets: {}, createdAt: T0 });
}

export function metaSignature(body: string | Buffer, secret = APP_SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export function signedMetaRequest(url: string, body: string, secret = APP_SECRET, extra: Record<string, string> = {}): Request {
  return new Request(url, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/json", "X-Hub-Signature-256": metaSignature(body, secret), ...extra },
  });
}

export function zenviaRequest(url: string, body: string, secret: string | null = ZENVIA_SECRET): Request {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (secret !== null) headers[ZENVIA_SECRET_HEADER] = secret;
  return new Request(url, { method: "POST", body, headers });
}
