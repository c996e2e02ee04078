// The one shape every provider's webhook is parsed into, and the one shape every adapter sends.
// Parsers are pure: raw body in, events out; they never touch the database.

export type ChannelType = "whatsapp" | "instagram" | "zenvia" | "webchat";

export type MessageKind =
  | "text"
  | "audio"
  | "image"
  | "video"
  | "file"
  | "location"
  | "payment_link"
  | "call"
  | "template"
  | "contacts"
  | "reaction"
  | "system"
  | "unsupported";

export type DeliveryStatus = "queued" | "sent" | "delivered" | "read" | "failed";

export interface InboundMedia {
  /** The provider's media id (WhatsApp) or a direct URL (Instagram, Zenvia) to download after acknowledging. */
  providerMediaId?: string;
  url?: string;
  mimeType?: string;
  fileName?: string;
  sha256?: string;
}

export interface InboundMessage {
  type: "message";
  /** Routes the event to a channel: WhatsApp phone_number_id, Instagram account id (entry.id), Zenvia `to`. */
  channelExternalId: string;
  /** The contact as the provider identifies them: wa_id / phone, business-scoped user id, IGSID, Zenvia `from`. */
  contact: { externalId: string; phone?: string; name?: string; handle?: string };
  providerMessageId: string;
  /** Unix milliseconds. */
  timestamp: number;
  /** Business echoes (Instagram is_echo, messages we sent from another app) are outbound, never the customer's. */
  direction: "in" | "out";
  kind: MessageKind;
  body?: string;
  /** Kind-specific structured data: location {latitude, longitude, name, address}, contacts [...], reaction {emoji, messageId}, button {payload, text}, raw for unsupported. */
  payload?: Record<string, unknown>;
  media?: InboundMedia[];
  /** The provider id of the message this one answers (WhatsApp context.id, Instagram reply_to.mid). */
  replyToProviderId?: string;
  /** True when the provider says this message was deleted/unsent by the contact (Instagram is_deleted). */
  deleted?: boolean;
}

export interface InboundStatus {
  type: "status";
  /** Absent when the provider does not say (Zenvia statuses): such events are routed by the webhook URL. */
  channelExternalId?: string;
  providerMessageId: string;
  status: Exclude<DeliveryStatus, "queued">;
  timestamp: number;
  /** The provider's reason for a failure, human-readable with its code. */
  reason?: string;
}

export type InboundEvent = InboundMessage | InboundStatus;

/** A message as the dispatcher hands it to an adapter. */
export interface OutboundMessage {
  to: { externalId: string; phone?: string };
  kind: MessageKind;
  body?: string;
  payload?: Record<string, unknown>;
  replyToProviderId?: string;
  /** For media: a URL the provider can fetch, or bytes already uploaded. */
  media?: { url?: string; mimeType?: string; fileName?: string };
}

export interface HttpRequestSpec {
  method: "POST" | "GET";
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export type SendResult =
  | { ok: true; providerMessageId: string }
  | { ok: false; retryable: boolean; reason: string };

export class WebhookError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 413,
    message: string,
  ) {
    super(message);
    this.name = "WebhookError";
  }
}
