import { z } from "zod";
import { WebhookError, type InboundEvent, type InboundMedia, type InboundMessage, type InboundStatus } from "../types";
import { compact, formatReason, isRecord, num, parseEnvelope, str, type ContactCard } from "../shared";

// WhatsApp Cloud API webhooks: `{object: "whatsapp_business_account", entry[].changes[]}`.
// - field "messages": value {metadata.phone_number_id, contacts[], messages[], statuses[], errors[]}
// - field "smb_message_echoes": messages the business sent from the WhatsApp Business app
//   (coexistence), value.message_echoes[] — parsed as outbound messages.
// Other fields (account updates, template reviews, history sync…) carry no inbox events and are skipped.
// The envelope is strict; the inside is lenient: a message of a type we do not know is kept as
// kind "unsupported" with its raw JSON, never dropped.

const timestamp = z.union([z.string(), z.number()]);

const envelopeSchema = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(
    z.object({
      id: z.string().optional(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
    }),
  ),
});

const messageSchema = z.looseObject({
  id: z.string().min(1),
  timestamp,
  type: z.string().optional(),
  from: z.string().optional(),
});

const statusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp,
});

const messagesValueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: z.string().min(1) }),
  contacts: z.array(z.looseObject({})).optional(),
  messages: z.array(messageSchema).optional(),
  statuses: z.array(statusSchema).optional(),
});

const echoesValueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: z.string().min(1) }),
  message_echoes: z.array(messageSchema).optional(),
});

type RawMessage = z.infer<typeof messageSchema>;
type RawContact = Record<string, unknown>;

const DELIVERY_STATUSES: Record<string, InboundStatus["status"]> = {
  sent: "sent",
  delivered: "delivered",
  read: "read",
  failed: "failed",
};

export function parseWhatsAppWebhook(json: unknown): InboundEvent[] {
  const envelope = parseEnvelope(envelopeSchema, json, "WhatsApp Cloud API webhook");
  const events: InboundEvent[] = [];
  envelope.entry.forEach((entry, ei) => {
    entry.changes.forEach((change, ci) => {
      const where = `entry.${ei}.changes.${ci}.value`;
      if (change.field === "messages") {
        const value = parseEnvelope(messagesValueSchema, change.value, `WhatsApp "messages" change (${where})`);
        const channelExternalId = value.metadata.phone_number_id;
        const contacts = value.contacts ?? [];
        for (const m of value.messages ?? []) {
          events.push(inboundFromMessage(m, channelExternalId, findContact(contacts, m)));
        }
        for (const s of value.statuses ?? []) {
          const status = statusEvent(s, channelExternalId);
          if (status) events.push(status);
        }
      } else if (change.field === "smb_message_echoes") {
        const value = parseEnvelope(echoesValueSchema, change.value, `WhatsApp "smb_message_echoes" change (${where})`);
        for (const m of value.message_echoes ?? []) {
          events.push(echoFromMessage(m, value.metadata.phone_number_id));
        }
      }
    });
  });
  return events;
}

// ---------- identity ----------

/** The contacts[] entry describing this sender: matched by wa_id or business-scoped user id, else the only one. */
function findContact(contacts: RawContact[], m: RawMessage): RawContact | undefined {
  const from = str(m.from);
  const fromUserId = str(m.from_user_id);
  const match = contacts.find(
    (c) => (from !== undefined && str(c.wa_id) === from) || (fromUserId !== undefined && str(c.user_id) === fromUserId),
  );
  if (match) return match;
  return contacts.length === 1 ? contacts[0] : undefined;
}

/**
 * Phone-number users are identified by wa_id/from as always; users who adopted a username may come
 * with only a business-scoped user id (BSUID: `contacts[].user_id`, `messages[].from_user_id`).
 */
function contactOf(m: RawMessage, c: RawContact | undefined): InboundMessage["contact"] {
  const phone = str(m.from) ?? (c ? str(c.wa_id) : undefined);
  const userId = str(m.from_user_id) ?? (c ? str(c.user_id) : undefined);
  const externalId = phone ?? userId;
  if (!externalId) {
    throw new WebhookError(400, `WhatsApp message ${m.id} has no sender (from, wa_id, from_user_id or user_id)`);
  }
  const profile = c && isRecord(c.profile) ? c.profile : undefined;
  return compact({
    externalId,
    phone,
    name: profile ? str(profile.name) : undefined,
    handle: profile ? str(profile.username) : undefined,
  });
}

function toMillis(ts: string | number, what: string): number {
  const n = typeof ts === "number" ? ts : /^\d+$/.test(ts.trim()) ? Number(ts.trim()) : NaN;
  if (!Number.isFinite(n) || n <= 0) throw new WebhookError(400, `Invalid WhatsApp timestamp for ${what}: ${String(ts)}`);
  return n * 1000;
}

// ---------- messages ----------

function inboundFromMessage(m: RawMessage, channelExternalId: string, contact: RawContact | undefined): InboundMessage {
  return {
    type: "message",
    channelExternalId,
    contact: contactOf(m, contact),
    providerMessageId: m.id,
    timestamp: toMillis(m.timestamp, `message ${m.id}`),
    direction: "in",
    ...content(m),
  };
}

/** A message the business sent from the WhatsApp Business app: outbound, the contact is the recipient. */
function echoFromMessage(m: RawMessage, channelExternalId: string): InboundMessage {
  const phone = str(m.to);
  const externalId = phone ?? str(m.to_user_id);
  if (!externalId) throw new WebhookError(400, `WhatsApp message echo ${m.id} has no recipient (to or to_user_id)`);
  return {
    type: "message",
    channelExternalId,
    contact: compact({ externalId, phone }),
    providerMessageId: m.id,
    timestamp: toMillis(m.timestamp, `message echo ${m.id}`),
    direction: "out",
    ...content(m),
  };
}

type Content = Pick<InboundMessage, "kind" | "body" | "payload" | "media" | "replyToProviderId">;

function content(m: RawMessage): Content {
  const type = m.type ?? "";
  const part = isRecord(m[type]) ? (m[type] as Record<string, unknown>) : {};
  const out = mapType(type, part, m);

  const context = isRecord(m.context) ? m.context : undefined;
  const replyTo = context ? str(context.id) : undefined;
  if (replyTo) out.replyToProviderId = replyTo;

  const extra: Record<string, unknown> = {};
  if (context?.forwarded === true) extra.forwarded = true;
  if (context?.frequently_forwarded === true) extra.frequentlyForwarded = true;
  if (context && isRecord(context.referred_product)) extra.referredProduct = context.referred_product;
  if (isRecord(m.referral)) extra.referral = m.referral;
  if (Object.keys(extra).length > 0) out.payload = { ...out.payload, ...extra };
  return compact(out);
}

function mapType(type: string, part: Record<string, unknown>, m: RawMessage): Content {
  switch (type) {
    case "text":
      return { kind: "text", body: str(part.body) };
    case "image":
      return { kind: "image", body: str(part.caption), media: [media(part)] };
    case "sticker":
      return {
        kind: "image",
        media: [media(part)],
        payload: compact({ sticker: true, animated: typeof part.animated === "boolean" ? part.animated : undefined }),
      };
    case "audio":
      return { kind: "audio", media: [media(part)], payload: { voice: part.voice === true } };
    case "video":
      return { kind: "video", body: str(part.caption), media: [media(part)] };
    case "document":
      return { kind: "file", body: str(part.caption), media: [media(part)] };
    case "location": {
      const latitude = num(part.latitude);
      const longitude = num(part.longitude);
      if (latitude === undefined || longitude === undefined) return unsupported(m);
      const name = str(part.name);
      const address = str(part.address);
      return {
        kind: "location",
        body: [name, address].filter(Boolean).join(" — ") || undefined,
        payload: compact({ latitude, longitude, name, address, url: str(part.url) }),
      };
    }
    case "contacts": {
      const raw = Array.isArray(m.contacts) ? m.contacts : [];
      const cards = raw.filter(isRecord).map(contactCard);
      if (cards.length === 0) return unsupported(m);
      return {
        kind: "contacts",
        body: cards.map((c) => c.name).filter(Boolean).join(", ") || undefined,
        payload: { contacts: cards },
      };
    }
    case "button": {
      // Quick-reply button of a template; context.id (handled by the caller) is the template message.
      const text = str(part.text);
      const choiceId = str(part.payload);
      return { kind: "text", body: text, payload: compact({ button: compact({ payload: choiceId, text }), choiceId }) };
    }
    case "interactive":
      return interactive(part, m);
    case "reaction": {
      const emoji = str(part.emoji) ?? "";
      return {
        kind: "reaction",
        body: emoji || undefined,
        // An empty emoji means the contact removed their reaction.
        payload: compact({ emoji, messageId: str(part.message_id), removed: emoji === "" ? true : undefined }),
      };
    }
    case "system":
      return {
        kind: "system",
        body: str(part.body),
        payload: compact({
          type: str(part.type),
          waId: str(part.wa_id),
          userId: str(part.user_id),
          previousUserId: str(part.previous_user_id),
        }),
      };
    default:
      return unsupported(m);
  }
}

function media(part: Record<string, unknown>): InboundMedia {
  return compact({
    providerMediaId: str(part.id),
    url: str(part.url),
    mimeType: str(part.mime_type),
    sha256: str(part.sha256),
    fileName: str(part.filename),
  });
}

function interactive(part: Record<string, unknown>, m: RawMessage): Content {
  const type = str(part.type);
  if (type === "button_reply" || type === "list_reply") {
    const reply = isRecord(part[type]) ? (part[type] as Record<string, unknown>) : {};
    const title = str(reply.title);
    return {
      kind: "text",
      body: title,
      payload: compact({
        interactive: compact({ type, id: str(reply.id), title, description: str(reply.description) }),
        // The id we gave the button or row: what a bot or survey matches the answer by.
        choiceId: str(reply.id),
      }),
    };
  }
  if (type === "nfm_reply" && isRecord(part.nfm_reply)) {
    // WhatsApp Flows completion.
    const r = part.nfm_reply;
    return {
      kind: "text",
      body: str(r.body),
      payload: { interactive: compact({ type, name: str(r.name), responseJson: str(r.response_json) }) },
    };
  }
  return unsupported(m);
}

function contactCard(c: Record<string, unknown>): ContactCard {
  const name = isRecord(c.name) ? c.name : {};
  const formatted =
    str(name.formatted_name) ?? ([str(name.first_name), str(name.last_name)].filter(Boolean).join(" ") || undefined);
  const phones = (Array.isArray(c.phones) ? c.phones : []).filter(isRecord).flatMap((p) => {
    const phone = str(p.phone) ?? str(p.wa_id);
    return phone ? [compact({ phone, type: str(p.type), waId: str(p.wa_id) })] : [];
  });
  const emails = (Array.isArray(c.emails) ? c.emails : []).filter(isRecord).flatMap((e) => {
    const email = str(e.email);
    return email ? [compact({ email, type: str(e.type) })] : [];
  });
  const org = isRecord(c.org) ? str(c.org.company) : undefined;
  return compact({ name: formatted, phones, emails, organization: org });
}

/** Unknown or unsupported type: kept with the raw JSON and, when WhatsApp says why, the reason. */
function unsupported(m: RawMessage): Content {
  const errors = Array.isArray(m.errors) ? m.errors.filter(isRecord) : [];
  return {
    kind: "unsupported",
    payload: compact({
      type: m.type,
      reason: errors.length ? errors.map(errorReason).join("; ") : undefined,
      raw: m,
    }),
  };
}

// ---------- statuses ----------

function errorReason(e: Record<string, unknown>): string {
  const details = isRecord(e.error_data) ? e.error_data.details : undefined;
  return formatReason(e.code, str(e.title) ?? str(e.message), details);
}

function statusEvent(s: z.infer<typeof statusSchema>, channelExternalId: string): InboundStatus | undefined {
  const status = DELIVERY_STATUSES[s.status];
  if (!status) return undefined; // e.g. "deleted", "warning": not delivery states we track
  const event: InboundStatus = {
    type: "status",
    channelExternalId,
    providerMessageId: s.id,
    status,
    timestamp: toMillis(s.timestamp, `status of ${s.id}`),
  };
  if (status === "failed") {
    const errors = Array.isArray(s.errors) ? s.errors.filter(isRecord) : [];
    event.reason = errors.length ? errors.map(errorReason).join("; ") : "failed (no reason given)";
  }
  return event;
}
