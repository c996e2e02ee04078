import { INSTAGRAM_API_BASE } from "@/server/domain/channel-config";
import type { HttpRequestSpec, OutboundMessage, SendResult } from "../types";
import { instagramChoices, outboundChoices } from "../choices";
import {
  UnsendableMessageError,
  compact,
  defaultFetch,
  executeSend,
  interpretGraphResponse,
  isRecord,
  linkText,
  str,
  type FetchLike,
} from "../shared";

// One source of truth with the channel settings form and CLI defaults.
export const INSTAGRAM_DEFAULT_API_BASE_URL = INSTAGRAM_API_BASE;

export interface InstagramConfig {
  accountId: string;
  apiBaseUrl: string;
}
export interface InstagramSecrets {
  accessToken: string;
  appSecret?: string;
  verifyToken?: string;
}

export function resolveInstagramConfig(
  config: Record<string, string>,
  secrets: Record<string, string>,
): { config: InstagramConfig; secrets: InstagramSecrets } {
  const accountId = config.accountId?.trim();
  const accessToken = secrets.accessToken?.trim();
  if (!accountId) throw new UnsendableMessageError("Instagram channel is missing config.accountId");
  if (!accessToken) throw new UnsendableMessageError("Instagram channel is missing secrets.accessToken");
  const apiBaseUrl = (config.apiBaseUrl?.trim() || INSTAGRAM_DEFAULT_API_BASE_URL).replace(/\/+$/, "");
  return {
    config: { accountId, apiBaseUrl },
    secrets: compact({ accessToken, appSecret: secrets.appSecret, verifyToken: secrets.verifyToken }),
  };
}

const ATTACHMENT_TYPES = { image: "image", audio: "audio", video: "video", file: "file" } as const;

/**
 * POST {apiBaseUrl}/{accountId}/messages, Bearer token, body
 * `{recipient: {id: IGSID}, message: {text}}` or `{…, message: {attachment: {type, payload: {url}}}}`.
 * Instagram attachments carry no caption: a text that goes with media must be sent as its own message.
 * Instagram cannot send locations, contacts, templates or arbitrary reactions; those throw.
 */
export function buildInstagramSendRequest(
  config: Record<string, string>,
  secrets: Record<string, string>,
  msg: OutboundMessage,
): HttpRequestSpec {
  const resolved = resolveInstagramConfig(config, secrets);
  const recipientId = msg.to.externalId.trim();
  if (!recipientId) throw new UnsendableMessageError("Instagram message has no recipient");
  return {
    method: "POST",
    url: `${resolved.config.apiBaseUrl}/${encodeURIComponent(resolved.config.accountId)}/messages`,
    headers: {
      Authorization: `Bearer ${resolved.secrets.accessToken}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({ recipient: { id: recipientId }, message: messageContent(msg) }),
  };
}

function messageContent(msg: OutboundMessage): Record<string, unknown> {
  switch (msg.kind) {
    case "text": {
      const choices = outboundChoices(msg);
      if (choices) return instagramChoices(choices);
      return { text: requireText(msg.body, msg.kind) };
    }
    case "payment_link":
    case "call":
      // Instagram has no payment or call message: the link goes as text (see the WhatsApp adapter).
      return { text: linkText(msg) };
    case "image":
    case "audio":
    case "video":
    case "file": {
      const url = msg.media?.url;
      if (!url) throw new UnsendableMessageError(`${msg.kind} message needs media.url`);
      return { attachment: { type: ATTACHMENT_TYPES[msg.kind], payload: { url } } };
    }
    default:
      throw new UnsendableMessageError(`Instagram cannot send a "${msg.kind}" message`);
  }
}

function requireText(body: string | undefined, kind: string): string {
  if (!body || !body.trim()) throw new UnsendableMessageError(`${kind} message has no text`);
  return body;
}

/** 2xx → message_id; errors are Graph API errors, classified retryable/permanent. */
export function interpretInstagramSendResponse(status: number, bodyText: string): SendResult {
  return interpretGraphResponse(status, bodyText, (body) => (isRecord(body) ? str(body.message_id) : undefined), "Instagram");
}

export function sendInstagram(
  config: Record<string, string>,
  secrets: Record<string, string>,
  msg: OutboundMessage,
  fetchImpl: FetchLike = defaultFetch,
): Promise<SendResult> {
  return executeSend(() => buildInstagramSendRequest(config, secrets, msg), interpretInstagramSendResponse, fetchImpl);
}
