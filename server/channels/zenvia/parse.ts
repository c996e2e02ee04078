import { z } from "zod";
import { WebhookError, type InboundEvent, type InboundMessage, type InboundStatus, type MessageKind } from "../types";
import { compact, formatReason, isRecord, num, parseEnvelope, str, type ContactCard } from "../shared";

// Zenvia API v2 webhooks, one event per request:
//   type MESSAGE        {direction, message: {id, from, to, direction, channel, contents[], visitor, timestamp}}
//   type MESSAGE_STATUS {messageId, contentIndex, message?: {id, from, to}, messageStatus: {code, timestamp, causes[]}}
// For an IN message `to` is our sender id (the channel) and `from` the contact; for OUT it is the reverse.
// A message with several contents becomes one event per content: the first keeps the Zenvia id,
// the others get `${id}:${index}` (status events of content N > 0 refer to the same ids).

const envelopeSchema = z.looseObject({
  id: z.string().optional(),
  timestamp: z.string().optional(),
  type: z.enum(["MESSAGE", "MESSAGE_STATUS"]),
  channel: z.string().optional(),
});

const messageEventSchema = z.looseObject({
  direction: z.enum(["IN", "OUT"]).optional(),
  message: z.looseObject({
    id: z.string().min(1),
    from: z.string().min(1),
    to: z.string().min(1),
    direction: z.enum(["IN", "OUT"]).optional(),
    channel: z.string().optional(),
    timestamp: z.string().optional(),
    contents: z.array(z.looseObject({ type: z.string() })).min(1),
  }),
});

const statusEventSchema = z.looseObject({
  messageId: z.string().min(1).optional(),
  contentIndex: z.number().int().min(0).optional(),
  message: z.looseObject({ id: z.string().optional(), from: z.string().optional() }).optional(),
  messageStatus: z.looseObject({
    code: z.string(),
    timestamp: z.string().optional(),
    description: z.string().optional(),
    causes: z.array(z.unknown()).optional(),
  }),
});

type RawContent = { type: string } & Record<string, unknown>;

const STATUS_CODES: Record<string, InboundStatus["status"]> = {
  SENT: "sent",
  DELIVERED: "delivered",
  // Delivered, and the app acknowledged the sender as verified.
  VERIFIED: "delivered",
  READ: "read",
  REJECTED: "failed",
  NOT_DELIVERED: "failed",
};

export function parseZenviaWebhook(json: unknown): InboundEvent[] {
  const envelope = parseEnvelope(envelopeSchema, json, "Zenvia webhook event");
  return envelope.type === "MESSAGE" ? messageEvents(json, envelope.timestamp) : statusEvents(json, envelope.timestamp);
}

function toMillis(iso: string | undefined, what: string): number {
  const ms = iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(ms)) throw new WebhookError(400, `Invalid or missing Zenvia timestamp for ${what}: ${String(iso)}`);
  return ms;
}

function contentId(messageId: string, index: number): string {
  return index === 0 ? messageId : `${messageId}:${index}`;
}

// ---------- MESSAGE ----------

function messageEvents(json: unknown, eventTimestamp: string | undefined): InboundMessage[] {
  const event = parseEnvelope(messageEventSchema, json, "Zenvia MESSAGE event");
  const m = event.message;
  const direction = event.direction ?? m.direction ?? "IN";
  const out = direction === "OUT";
  const contactId = out ? m.to : m.from;
  const visitor = isRecord(m.visitor) ? m.visitor : undefined;
  const channel = m.channel ?? str((json as Record<string, unknown>).channel);
  const name = visitor
    ? (str(visitor.name) ?? ([str(visitor.firstName), str(visitor.lastName)].filter(Boolean).join(" ") || undefined))
    : undefined;
  const contact = compact({
    externalId: contactId,
    // On WhatsApp (and SMS/RCS) the contact id is their phone number; on Instagram it is an account id.
    phone: channel === "instagram" || channel === "facebook" ? undefined : contactId,
    name: out ? undefined : name,
    handle: !out && visitor ? str(visitor.userName) : undefined,
  });
  const timestamp = toMillis(m.timestamp ?? eventTimestamp, `message ${m.id}`);
  const referral = isRecord(m.referral) ? m.referral : undefined;

  return m.contents.map((c, i): InboundMessage => {
    const mapped = content(c);
    if (referral) mapped.payload = { ...mapped.payload, referral };
    return compact({
      type: "message" as const,
      channelExternalId: out ? m.from : m.to,
      contact,
      providerMessageId: contentId(m.id, i),
      timestamp,
      direction: out ? ("out" as const) : ("in" as const),
      ...mapped,
    });
  });
}

type Content = Pick<InboundMessage, "kind" | "body" | "payload" | "media">;

function kindForMime(mime: string | undefined): MessageKind {
  const major = mime?.split("/")[0]?.toLowerCase();
  if (major === "image") return "image";
  if (major === "audio") return "audio";
  if (major === "video") return "video";
  return "file";
}

function content(c: RawContent): Content {
  switch (c.type) {
    case "text": {
      const text = str(c.text);
      const payload = str(c.payload);
      // A text with a payload is the reply to one of our buttons (template quick reply, button, list).
      if (payload !== undefined) return { kind: "text", body: text, payload: { button: compact({ payload, text }), choiceId: payload } };
      return { kind: "text", body: text };
    }
    case "file": {
      const url = str(c.fileUrl);
      if (!url) return unsupported(c);
      const mimeType = str(c.fileMimeType);
      return compact({
        kind: kindForMime(mimeType),
        body: str(c.fileCaption),
        media: [compact({ url, mimeType, fileName: str(c.fileName) })],
      });
    }
    case "location": {
      const latitude = num(c.latitude);
      const longitude = num(c.longitude);
      if (latitude === undefined || longitude === undefined) return unsupported(c);
      const name = str(c.name);
      const address = str(c.address);
      return compact({
        kind: "location" as const,
        body: [name, address].filter(Boolean).join(" — ") || undefined,
        payload: compact({ latitude, longitude, name, address, url: str(c.url) }),
      });
    }
    case "contacts": {
      const cards = (Array.isArray(c.contacts) ? c.contacts : []).filter(isRecord).map(contactCard);
      if (cards.length === 0) return unsupported(c);
      return compact({
        kind: "contacts" as const,
        body: cards.map((k) => k.name).filter(Boolean).join(", ") || undefined,
        payload: { contacts: cards },
      });
    }
    case "template":
      // Only seen on OUT events (a template we or another integration sent).
      return {
        kind: "template",
        payload: compact({ templateId: str(c.templateId), fields: isRecord(c.fields) ? c.fields : undefined }),
      };
    default:
      return unsupported(c);
  }
}

function unsupported(c: RawContent): Content {
  return { kind: "unsupported", payload: { type: c.type, raw: c } };
}

function contactCard(c: Record<string, unknown>): ContactCard {
  const name = isRecord(c.name) ? c.name : {};
  const formatted =
    str(name.formattedName) ?? ([str(name.firstName), str(name.lastName)].filter(Boolean).join(" ") || undefined);
  const phones = (Array.isArray(c.phones) ? c.phones : []).filter(isRecord).flatMap((p) => {
    const phone = str(p.phone) ?? str(p.waId);
    return phone ? [compact({ phone, type: str(p.type), waId: str(p.waId) })] : [];
  });
  const emails = (Array.isArray(c.emails) ? c.emails : []).filter(isRecord).flatMap((e) => {
    const email = str(e.email);
    return email ? [compact({ email, type: str(e.type) })] : [];
  });
  return compact({ name: formatted, phones, emails, organization: isRecord(c.org) ? str(c.org.company) : undefined });
}

// ---------- MESSAGE_STATUS ----------

function statusEvents(json: unknown, eventTimestamp: string | undefined): InboundStatus[] {
  const event = parseEnvelope(statusEventSchema, json, "Zenvia MESSAGE_STATUS event");
  const messageId = event.messageId ?? event.message?.id;
  if (!messageId) throw new WebhookError(400, "Zenvia MESSAGE_STATUS event without messageId");
  const st = event.messageStatus;
  // Own keys only: a code such as "constructor" must not find Object.prototype's.
  const status = Object.hasOwn(STATUS_CODES, st.code) ? STATUS_CODES[st.code] : undefined;
  // DELETED (an inbound message removed by the contact) and CLICKED are not delivery states.
  if (!status) return [];
  const out: InboundStatus = {
    type: "status",
    // Our sender id; Zenvia documents status events without `message`, so it may be absent —
    // such events are routed by the webhook URL and the message looked up by providerMessageId.
    ...(event.message?.from ? { channelExternalId: event.message.from } : {}),
    providerMessageId: contentId(messageId, event.contentIndex ?? 0),
    status,
    timestamp: toMillis(st.timestamp ?? eventTimestamp, `status of ${messageId}`),
  };
  if (status === "failed") {
    const causes = (st.causes ?? []).filter(isRecord);
    out.reason = causes.length
      ? causes.map((c) => formatReason(str(c.channelErrorCode) ?? st.code, c.reason, c.details)).join("; ")
      : formatReason(st.code, st.description, undefined);
  }
  return [out];
}
