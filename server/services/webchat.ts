import type { Db } from "@/db/client";
import { parseWebchatMessage, webchatInboundSchema } from "@/server/channels/webchat/parse";
import { numberedMenuText, readChoices } from "@/server/domain/choices";
import { notFound } from "@/server/domain/errors";
import { findChannel, type ChannelRow } from "@/server/repositories/channels";
import { findIdentity } from "@/server/repositories/contacts";
import { attachmentsOfMessages } from "@/server/repositories/messages";
import { advanceVisitorReceipts, outboundUpTo, visitorMessages } from "@/server/repositories/webchat";
import { ingestMessage } from "./ingest";
import { publicMediaUrl } from "./public-media";

// The web chat seen from the visitor's side: their session is a random visitor id (the contact's
// identity on the channel), kept in a cookie by the HTTP layer.

export interface VisitorMessage {
  id: number;
  from: "visitor" | "agent";
  kind: string;
  body: string | null;
  at: number;
  /** A link to show for payment links, locations and files. */
  link: { url: string; label: string } | null;
  /** Choices offered (a bot menu, a survey): shown as buttons; the body already lists them numbered. */
  choices: Array<{ id: string; title: string }> | null;
}

export function webchatChannelById(db: Db, channelId: string | number): ChannelRow {
  const id = typeof channelId === "number" ? channelId : /^\d{1,12}$/.test(channelId) ? Number(channelId) : NaN;
  const channel = Number.isSafeInteger(id) ? findChannel(db, id) : undefined;
  if (!channel || channel.type !== "webchat" || !channel.active) throw notFound("This chat is not available.", { key: "error.webchat.unavailable" });
  return channel;
}

/** The sites allowed to embed and call this chat, as exact origins. */
export function allowedOrigins(channel: ChannelRow): string[] {
  return (channel.config.allowedOrigins ?? "")
    .split(",")
    .map((o) => o.trim().replace(/\/+$/, ""))
    .filter(Boolean);
}

/** A visitor's message: validated as the widget contract says, stored once per clientMessageId. */
export function postVisitorMessage(
  db: Db,
  channel: ChannelRow,
  input: { visitorId: string; name: string; text: string; clientMessageId: string; choiceId?: string },
  now: number,
): { messageId: number; duplicate: boolean } {
  const event = parseWebchatMessage(input, channel.id, now);
  const result = ingestMessage(db, channel, event, now);
  return { messageId: result.messageId, duplicate: result.duplicate };
}

/** Whether this visitor has written on the channel before (and so has a conversation to show). */
export function visitorKnown(db: Db, channel: ChannelRow, visitorId: string): boolean {
  return findIdentity(db, channel.id, visitorId) !== undefined;
}

/**
 * Messages after `after`. Returning our replies marks them delivered; `markRead` (the page is in
 * front of the visitor) marks everything up to the newest as read.
 */
export function visitorConversation(db: Db, channel: ChannelRow, visitorId: string, opts: { after?: number; markRead?: boolean }, now: number): VisitorMessage[] {
  const identity = findIdentity(db, channel.id, visitorId);
  if (!identity) return [];
  const rows = visitorMessages(db, identity.contactId, channel.id, opts.after ?? 0, 200);
  const files = new Map(attachmentsOfMessages(db, rows.map((m) => m.id)).filter((a) => a.status === "ready").map((a) => [a.messageId, a]));
  db.transaction(
    (tx) => {
      advanceVisitorReceipts(tx, rows.filter((m) => m.direction === "out").map((m) => m.id), "delivered");
      const newest = rows.at(-1)?.id ?? opts.after ?? 0;
      if (opts.markRead && newest > 0) advanceVisitorReceipts(tx, outboundUpTo(tx, identity.contactId, channel.id, newest), "read");
    },
    { behavior: "immediate" },
  );
  return rows.map((m) => {
    const p = m.payload ?? {};
    const file = files.get(m.id);
    let link: VisitorMessage["link"] = null;
    if (file) link = { url: publicMediaUrl(file.id, now), label: file.fileName ?? "file" };
    else if (m.kind === "payment_link" && typeof p.url === "string") link = { url: p.url, label: typeof p.description === "string" ? p.description : p.url };
    else if (m.kind === "location" && typeof p.latitude === "number" && typeof p.longitude === "number") {
      link = { url: `https://www.openstreetmap.org/?mlat=${p.latitude}&mlon=${p.longitude}`, label: typeof p.name === "string" ? p.name : `${p.latitude}, ${p.longitude}` };
    }
    const offered = m.direction === "out" ? readChoices(m.body, m.payload) : null;
    const body = offered ? numberedMenuText(offered) : m.body;
    const choices = offered ? offered.choices.map((c) => ({ id: c.id, title: c.title })) : null;
    return { id: m.id, from: m.direction === "in" ? "visitor" : "agent", kind: m.kind, body, at: m.createdAt, link, choices };
  });
}

/** A name typed in the chat's first form, cleaned as the widget contract does; null when unusable. */
export function cleanVisitorName(name: string): string | null {
  const parsed = webchatInboundSchema.shape.name.safeParse(name);
  return parsed.success ? parsed.data : null;
}
