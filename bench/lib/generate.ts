import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { openDatabase } from "@/db/client";
import {
  acknowledgeReminder,
  assignChat,
  closeChat,
  fireReminder,
  inactivityDecision,
  needsNewChat,
  newChat,
  receiveInbound,
  recordOutbound,
  scheduleChat,
  sortAtFor,
  type ChatDecision,
  type ChatState,
  type CloseReasonChoice,
  type SystemEvent,
} from "@/server/domain";
import { buildChannelDraft } from "@/server/domain/channel-config";
import { defaultSettings } from "@/server/domain/settings-rules";
import { ensureSystemRows } from "@/server/services/bootstrap";
import { previewOf } from "@/server/services/chat-records";
import { Rng, Weighted, zipf } from "./prng";
import {
  AGENT_LINES,
  AGENTS,
  CITIES,
  CLOSERS,
  EMOJIS,
  FIRST_NAMES,
  LAST_NAMES,
  OPENERS,
  WORDS,
  type Lang,
} from "./words";

// The bench seeder. It does not invent the chats' denormalized columns: it replays a plausible history
// (contacts writing, agents answering, assigning, transferring, scheduling, closing; the reminder and
// inactivity jobs firing) through the same pure domain functions the services call — receiveInbound,
// recordOutbound, assignChat, scheduleChat, fireReminder, closeChat, inactivityDecision, previewOf — and
// applies their decisions the way ingest.ts / send-message.ts / chat-actions.ts / jobs/lifecycle.ts do.
// So sort_at, awaiting_reply, waiting_since, last_*_at and last_message_preview are exactly what the app
// would have written. Only the writing is different: rows are collected, ordered by the time the app would
// have inserted them (ids grow with time, as in production), then written with raw prepared statements
// in large transactions.

/** Bump when the generated data changes, so cached bench databases are rebuilt. */
export const GENERATOR_VERSION = 3;

/** The "now" of every generated database: history ends here. A fixed instant keeps seeds reproducible. */
export const DEFAULT_END = Date.UTC(2026, 5, 1, 15, 0, 0);

export interface SeedOptions {
  contacts: number;
  messages: number;
  seed: number;
  out: string;
  /** How far back the history goes. */
  days: number;
  end: number;
  /** The inactivity setting the history is replayed with (null = never). Written to settings when not the default. */
  inactivityMinutes: number | null;
  /** "trigger": FTS triggers stay on while loading. "rebuild": triggers off while loading, one rebuild at the end. */
  log?: (line: string) => void;
}

export interface SeedReport {
  file: string;
  rows: Record<string, number>;
  totalRows: number;
  seconds: { simulate: number; sort: number; write: number; indexes: number; fts: number; finish: number; total: number };
  rowsPerSecond: number;
  insertRowsPerSecond: number;
  chatsByState: Record<string, number>;
  bytes: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type ChannelType = "whatsapp" | "instagram" | "zenvia" | "webchat";
interface ChannelInfo {
  id: number;
  type: ChannelType;
}

interface SimIdentity {
  key: number;
  id: number;
  contact: SimContact;
  channel: ChannelInfo;
  externalId: string;
  phone: string | null;
  createdAt: number;
}

interface SimContact {
  id: number;
  lang: Lang;
  name: string;
  phone: string | null;
  handle: string | null;
  email: string | null;
  createdAt: number;
  identities: SimIdentity[];
  /** The chat findActiveChat would return (status <> 'closed'). */
  active: SimChat | null;
  /** The newest chat, whatever its status (what an agent opens to send a template). */
  last: SimChat | null;
  used: number;
  now: number;
}

interface SimChat extends ChatState {
  key: number;
  id: number;
  contact: SimContact;
  channel: ChannelInfo;
  lastMessagePreview: string | null;
  sortAt: number;
  transferredFrom: SimChat | null;
  updatedAt: number;
  /** Provider ids of recent messages, for replies and reactions. */
  recent: string[];
}

interface SimMessage {
  key: number;
  id: number;
  /** When the app would have inserted the row (orders the ids); createdAt may be earlier for a template copy. */
  insertAt: number;
  chat: SimChat;
  channelId: number;
  direction: "in" | "out";
  authorKind: "contact" | "user" | "system" | "bot";
  authorId: number | null;
  kind: string;
  body: string | null;
  /** Given as an object, kept as its JSON (compact: a million of these live until the rows are written). */
  payload: Record<string, unknown> | null;
  payloadJson: string | null;
  providerMessageId: string | null;
  replyToProviderId: string | null;
  status: string | null;
  statusReason: string | null;
  attempts: number;
  nextAttemptAt: number | null;
  createdAt: number;
  deletedAt: number | null;
  deletedById: number | null;
  answeredTemplate?: SimMessage;
  attachment?: { providerMediaId: string; sha256: string; mimeType: string; size: number; fileName: string | null; createdAt: number };
}

interface SimAudit {
  key: number;
  at: number;
  actorId: number | null;
  action: string;
  targetType: string;
  target: () => string | null;
  details: () => Record<string, unknown> | null;
}

interface Content {
  kind: string;
  body: string | null;
  payload: Record<string, unknown>;
  media?: { mimeType: string; fileName: string | null; size: number };
}

const inboundKinds = new Weighted<string>([
  ["text", 780], ["image", 70], ["audio", 70], ["video", 10], ["file", 20], ["location", 8], ["contacts", 5],
  ["reaction", 20], ["button", 10], ["unsupported", 4], ["sticker", 8],
]);
const outboundKinds = new Weighted<string>([
  ["text", 900], ["file", 30], ["image", 20], ["audio", 10], ["payment_link", 20], ["location", 5], ["call", 15],
]);
const lengthClass = new Weighted<"short" | "medium" | "long">([["short", 45], ["medium", 45], ["long", 10]]);
const langs = new Weighted<Lang>([["pt", 55], ["es", 35], ["en", 10]]);
const channelMix = new Weighted<ChannelType>([["whatsapp", 55], ["instagram", 20], ["zenvia", 15], ["webchat", 10]]);
const deliveredStatus = new Weighted<string>([["read", 60], ["delivered", 30], ["sent", 8], ["failed", 2]]);
const remindIn = [1 * HOUR, 3 * HOUR, 20 * HOUR, 2 * DAY, 3 * DAY, 7 * DAY, 14 * DAY];
const wordPickers: Record<Lang, Weighted<string>> = { pt: zipf(WORDS.pt, 0.95), es: zipf(WORDS.es, 0.95), en: zipf(WORDS.en, 0.95) };
const TEMPLATES: Record<Lang, { name: string; language: string; body: string }> = {
  pt: { name: "retomar_atendimento", language: "pt_BR", body: "Olá {{1}}, aqui é {{2}}. Podemos continuar o seu atendimento? Responda esta mensagem." },
  es: { name: "retomar_atencion", language: "es", body: "Hola {{1}}, soy {{2}}. ¿Seguimos con tu consulta? Responde este mensaje." },
  en: { name: "follow_up", language: "en_US", body: "Hi {{1}}, this is {{2}}. Shall we pick up where we left off? Just reply to this message." },
};

class Simulator {
  private key = 0;
  private providerSeq = 0;
  readonly identities: SimIdentity[] = [];
  readonly chats: SimChat[] = [];
  readonly messages: SimMessage[] = [];
  readonly audits: SimAudit[] = [];
  readonly contacts: SimContact[] = [];
  private readonly inactivityMs: number | null;

  constructor(
    private readonly rng: Rng,
    private readonly opts: SeedOptions,
    private readonly channels: Record<ChannelType, ChannelInfo>,
    private readonly adminId: number,
    private readonly agentIds: number[],
    private readonly reasons: { transferred: number; inactivity: number; company: CloseReasonChoice[] },
  ) {
    this.inactivityMs = opts.inactivityMinutes === null ? null : opts.inactivityMinutes * MINUTE;
  }

  // ---- text -------------------------------------------------------------------------------------------

  private sentence(lang: Lang, length: "short" | "medium" | "long"): string {
    const n = length === "short" ? this.rng.int(1, 4) : length === "medium" ? this.rng.int(5, 20) : this.rng.int(21, 90);
    const picker = wordPickers[lang];
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      words.push(picker.draw(this.rng));
      if (i > 3 && this.rng.chance(0.06)) words[words.length - 1] += this.rng.chance(0.5) ? "," : ".";
    }
    if (this.rng.chance(0.06)) words.splice(this.rng.int(0, words.length), 0, `#${this.rng.int(100000, 999999)}`);
    let text = words.join(" ");
    text = text.charAt(0).toUpperCase() + text.slice(1);
    text += this.rng.chance(0.25) ? "?" : this.rng.chance(0.3) ? "." : "";
    if (this.rng.chance(0.08)) text += ` ${this.rng.pick(EMOJIS)}`;
    return text;
  }

  private inboundContent(c: SimContact, first: boolean): Content {
    const kind = inboundKinds.draw(this.rng);
    const caption = () => (this.rng.chance(0.3) ? this.sentence(c.lang, "short") : null);
    switch (kind) {
      case "text":
        if (first && this.rng.chance(0.5)) return { kind: "text", body: `${this.rng.pick(OPENERS[c.lang])} ${this.sentence(c.lang, "medium")}`, payload: {} };
        if (!first && this.rng.chance(0.12)) return { kind: "text", body: this.rng.pick(CLOSERS[c.lang]), payload: {} };
        return { kind: "text", body: this.sentence(c.lang, lengthClass.draw(this.rng)), payload: {} };
      case "button":
        return { kind: "text", body: "Sim", payload: { button: { payload: "YES", text: "Sim" } } };
      case "image":
        return { kind: "image", body: caption(), payload: {}, media: { mimeType: "image/jpeg", fileName: null, size: this.rng.int(40_000, 3_000_000) } };
      case "sticker":
        return { kind: "image", body: null, payload: { sticker: true, animated: false }, media: { mimeType: "image/webp", fileName: null, size: this.rng.int(8_000, 90_000) } };
      case "audio":
        return { kind: "audio", body: null, payload: { voice: true }, media: { mimeType: "audio/ogg; codecs=opus", fileName: null, size: this.rng.int(5_000, 900_000) } };
      case "video":
        return { kind: "video", body: caption(), payload: {}, media: { mimeType: "video/mp4", fileName: null, size: this.rng.int(300_000, 15_000_000) } };
      case "file": {
        const fileName = this.rng.pick(["comprovante.pdf", "nota_fiscal.pdf", "foto_produto.jpg", "factura.pdf", "receipt.pdf", "orçamento.xlsx"]);
        return { kind: "file", body: caption(), payload: {}, media: { mimeType: fileName.endsWith(".pdf") ? "application/pdf" : "application/octet-stream", fileName, size: this.rng.int(20_000, 2_000_000) } };
      }
      case "location": {
        const name = this.rng.pick(CITIES);
        const address = `Rua ${this.rng.pick(LAST_NAMES.pt)}, ${this.rng.int(1, 2000)}`;
        return { kind: "location", body: `${name} — ${address}`, payload: { latitude: -23.5 + this.rng.next(), longitude: -46.6 + this.rng.next(), name, address } };
      }
      case "contacts": {
        const name = `${this.rng.pick(FIRST_NAMES[c.lang])} ${this.rng.pick(LAST_NAMES[c.lang])}`;
        return { kind: "contacts", body: name, payload: { contacts: [{ name, phones: [`+55119${this.rng.int(10000000, 99999999)}`] }] } };
      }
      case "reaction": {
        const emoji = this.rng.pick(["👍", "❤️", "😂", "🙏"]);
        const target = c.active?.recent.at(-1);
        return { kind: "reaction", body: emoji, payload: target ? { emoji, messageId: target } : { emoji } };
      }
      default:
        return { kind: "unsupported", body: null, payload: { type: "unsupported", errors: [{ code: 131051, title: "Message type unknown" }] } };
    }
  }

  private outboundContent(c: SimContact, agentId: number, opening: boolean): Content {
    const kind = opening ? "text" : outboundKinds.draw(this.rng);
    switch (kind) {
      case "text": {
        const agentName = AGENTS[agentId - this.agentIds[0]!]?.name.split(" ")[0] ?? "Ana";
        if (opening || this.rng.chance(0.45)) return { kind: "text", body: this.rng.pick(AGENT_LINES[c.lang]).replace("{agent}", agentName), payload: {} };
        return { kind: "text", body: this.sentence(c.lang, this.rng.chance(0.7) ? "medium" : "short"), payload: {} };
      }
      case "file":
        return { kind: "file", body: null, payload: { fileName: this.rng.pick(["boleto.pdf", "nota_fiscal.pdf", "catálogo.pdf", "guía_de_tallas.pdf"]), mimeType: "application/pdf", size: this.rng.int(30_000, 900_000) } };
      case "image":
        return { kind: "image", body: null, payload: { fileName: "produto.jpg", mimeType: "image/jpeg", size: this.rng.int(50_000, 900_000) } };
      case "audio":
        return { kind: "audio", body: null, payload: { fileName: "audio.ogg", mimeType: "audio/ogg", size: this.rng.int(10_000, 400_000) } };
      case "payment_link": {
        const amountCents = this.rng.int(1_990, 99_990);
        return { kind: "payment_link", body: null, payload: { amount: amountCents / 100, amountCents, currency: "BRL", description: `Pedido #${this.rng.int(100000, 999999)}`, url: `https://pay.example.com/l/${this.rng.chars("abcdefghjkmnpqrstuvwxyz23456789", 10)}` } };
      }
      case "location":
        return { kind: "location", body: null, payload: { latitude: -23.56, longitude: -46.65, name: "Loja Centro", address: "Av. Paulista, 1000" } };
      default:
        return { kind: "call", body: null, payload: {} };
    }
  }

  private providerId(type: ChannelType): string {
    const n = (++this.providerSeq).toString(36).padStart(7, "0");
    switch (type) {
      case "whatsapp":
        return `wamid.HBgM${n}${this.rng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 22)}`;
      case "instagram":
        return `aWdfZAG1faXRlbTo${n}${this.rng.chars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 30)}`;
      case "zenvia":
        return `${this.rng.chars("0123456789abcdef", 8)}-${n.slice(0, 4)}-4${n.slice(4)}-${this.rng.chars("89ab", 1)}${this.rng.chars("0123456789abcdef", 3)}-${this.rng.chars("0123456789abcdef", 12)}`;
      case "webchat":
        return `wc_${n}${this.rng.chars("abcdefghijklmnopqrstuvwxyz0123456789", 14)}`;
    }
  }

  // ---- rows ---------------------------------------------------------------------------------------------

  private newKey(): number {
    return ++this.key;
  }

  private insertMessage(chat: SimChat, m: Omit<SimMessage, "key" | "id" | "chat" | "deletedAt" | "deletedById" | "attempts" | "nextAttemptAt" | "statusReason" | "payloadJson"> & Partial<SimMessage>): SimMessage {
    const row: SimMessage = {
      key: this.newKey(), id: 0, insertAt: m.insertAt, chat, channelId: m.channelId, direction: m.direction, authorKind: m.authorKind,
      authorId: m.authorId, kind: m.kind, body: m.body, payload: null, payloadJson: m.payload === null ? null : JSON.stringify(m.payload),
      providerMessageId: m.providerMessageId, replyToProviderId: m.replyToProviderId, status: m.status, statusReason: m.statusReason ?? null,
      attempts: m.attempts ?? 0, nextAttemptAt: m.nextAttemptAt ?? null, createdAt: m.createdAt, deletedAt: null, deletedById: null,
      answeredTemplate: m.answeredTemplate, attachment: undefined,
    };
    this.messages.push(row);
    chat.contact.used++;
    if (row.providerMessageId) {
      chat.recent.push(row.providerMessageId);
      if (chat.recent.length > 4) chat.recent.shift();
    }
    return row;
  }

  private systemMessages(chat: SimChat, events: SystemEvent[], at: number): void {
    for (const event of events) {
      this.insertMessage(chat, {
        insertAt: at, channelId: chat.channel.id, direction: "out", authorKind: "system", authorId: null, kind: "system",
        body: null, payload: event as unknown as Record<string, unknown>, providerMessageId: null, replyToProviderId: null,
        status: null, createdAt: at,
      });
    }
  }

  /** writeDecision: the patch (with its sortAt) and updatedAt, then the decision's system messages. */
  private writeDecision(chat: SimChat, decision: ChatDecision, at: number): void {
    if (!decision.changed) return;
    Object.assign(chat, decision.patch);
    chat.updatedAt = at;
    this.systemMessages(chat, decision.events, at);
  }

  private audit(at: number, actorId: number | null, action: string, target: () => string | null, details: () => Record<string, unknown> | null = () => null): void {
    this.audits.push({ key: this.newKey(), at, actorId, action, targetType: action.startsWith("message.") ? "message" : "chat", target, details });
  }

  private insertChat(contact: SimContact, channel: ChannelInfo, state: ChatState, at: number, transferredFrom: SimChat | null = null, preview: string | null = null): SimChat {
    // Spelled out (not spread) so every chat object has the same shape: V8 keeps them fast.
    const chat: SimChat = {
      status: state.status, assigneeId: state.assigneeId, openedAt: state.openedAt, remindAt: state.remindAt, remindNote: state.remindNote,
      reminderDue: state.reminderDue, awaitingReply: state.awaitingReply, waitingSince: state.waitingSince, lastInboundAt: state.lastInboundAt,
      lastOutboundAt: state.lastOutboundAt, lastMessageAt: state.lastMessageAt, closedAt: state.closedAt, closeReasonId: state.closeReasonId,
      closedById: state.closedById, key: this.newKey(), id: 0, contact, channel, lastMessagePreview: preview, sortAt: sortAtFor(state),
      transferredFrom, updatedAt: at, recent: [],
    };
    this.chats.push(chat);
    contact.active = chat;
    contact.last = chat;
    return chat;
  }

  private setActiveAfterClose(chat: SimChat): void {
    if (chat.contact.active === chat) chat.contact.active = null;
  }

  // ---- jobs (jobs/lifecycle.ts), run up to a point in time --------------------------------------------

  private runJobs(c: SimContact, until: number): void {
    const chat = c.active;
    if (!chat) return;
    if (chat.status === "scheduled" && chat.remindAt !== null) {
      const fireAt = chat.remindAt + this.rng.int(0, 30_000);
      if (fireAt <= until) this.writeDecision(chat, fireReminder(chat, fireAt), fireAt);
    }
    if (this.inactivityMs === null) return;
    const lastActivity = Math.max(chat.lastMessageAt ?? chat.openedAt, chat.remindAt ?? -Infinity);
    const closeAt = lastActivity + this.inactivityMs + this.rng.int(0, 30_000);
    if (closeAt > until) return;
    const decision = inactivityDecision(chat, closeAt, this.inactivityMs, this.reasons.inactivity);
    if (!decision) return;
    this.writeDecision(chat, decision, closeAt);
    this.audit(closeAt, null, "chat.close_inactive", () => String(chat.id));
    this.setActiveAfterClose(chat);
  }

  // ---- the services' write paths ------------------------------------------------------------------------

  private identityFor(c: SimContact, channel: ChannelInfo, at: number): SimIdentity {
    const found = c.identities.find((i) => i.channel === channel);
    if (found) return found;
    // Unique per contact by construction: (channel, external id) is a unique index.
    const scrambled = String((c.id * 7919 + 12345) % 100_000_000).padStart(8, "0");
    const externalId =
      channel.type === "instagram" ? `178414${String((c.id * 7919 + 4242) % 10_000_000_000).padStart(11, "0")}`
        : channel.type === "webchat" ? `v_${this.rng.chars("abcdefghijklmnopqrstuvwxyz0123456789", 16)}${c.id.toString(36)}`
          : (c.phone ?? `55119${scrambled}`);
    const identity: SimIdentity = {
      key: this.newKey(), id: 0, contact: c, channel, externalId,
      phone: channel.type === "whatsapp" || channel.type === "zenvia" ? externalId : null, createdAt: at,
    };
    c.identities.push(identity);
    this.identities.push(identity);
    return identity;
  }

  /** ingest.ts ingestMessage, for an inbound message. */
  private inbound(c: SimContact, channel: ChannelInfo, at: number, content: Content, replyTo?: SimMessage): SimMessage {
    this.runJobs(c, at);
    this.identityFor(c, channel, at);
    let chat = c.active;
    if (needsNewChat(chat)) {
      const assignee = replyTo?.kind === "template" && replyTo.direction === "out" ? replyTo.authorId : null;
      chat = this.insertChat(c, channel, newChat(at, assignee), at);
      if (assignee !== null && replyTo) {
        this.insertMessage(chat, {
          insertAt: at, channelId: chat.channel.id, direction: "out", authorKind: replyTo.authorKind, authorId: replyTo.authorId,
          kind: "template", body: replyTo.body, payload: JSON.parse(replyTo.payloadJson ?? "{}") as Record<string, unknown>, answeredTemplate: replyTo,
          providerMessageId: null, replyToProviderId: null, status: replyTo.status, createdAt: replyTo.createdAt,
        });
      }
    }
    const target = chat!;
    const message = this.insertMessage(target, {
      insertAt: at, channelId: channel.id, direction: "in", authorKind: "contact", authorId: null, kind: content.kind,
      body: content.body, payload: content.payload, providerMessageId: this.providerId(channel.type),
      replyToProviderId: replyTo?.providerMessageId ?? (this.rng.chance(0.03) ? (target.recent.at(-1) ?? null) : null),
      status: null, createdAt: at,
    });
    if (content.media) {
      message.attachment = {
        providerMediaId: channel.type === "whatsapp" ? String(this.rng.int(100_000_000, 999_999_999)) + String(this.rng.int(1_000_000, 9_999_999)) : `https://cdn.example.com/media/${this.rng.chars("abcdef0123456789", 24)}`,
        sha256: this.rng.chars("0123456789abcdef", 64), mimeType: content.media.mimeType,
        size: content.media.size, fileName: content.media.fileName, createdAt: at,
      };
    }
    if (target.status !== "closed") {
      this.writeDecision(target, receiveInbound(target, at), at);
      target.lastMessagePreview = previewOf({ kind: message.kind as never, body: message.body, payload: content.payload });
    }
    this.maybeDelete(message, at);
    c.now = at;
    return message;
  }

  /** send-message.ts sendMessage. Returns undefined when the chat is gone (closed by a job meanwhile). */
  private agentSend(c: SimContact, agentId: number, at: number, content: Content, chat = c.active): SimMessage | undefined {
    this.runJobs(c, at);
    if (!chat || (chat.status === "closed" && content.kind !== "template")) return undefined;
    const type = chat.channel.type;
    let status: string | null;
    let providerMessageId: string | null = null;
    let statusReason: string | null = null;
    let attempts = 1;
    let nextAttemptAt: number | null = null;
    if (content.kind === "call") {
      status = null;
      attempts = 0;
    } else if (type === "webchat") {
      status = "sent";
      attempts = 0;
    } else if (this.opts.end - at < 20_000) {
      // Still in the outbox when history ends.
      status = "queued";
      attempts = 0;
      nextAttemptAt = at;
    } else {
      status = deliveredStatus.draw(this.rng);
      if (status === "failed") {
        statusReason = "(#131047) Re-engagement message: more than 24 hours have passed since the customer last replied.";
        attempts = 3;
      } else {
        providerMessageId = this.providerId(type);
      }
    }
    const message = this.insertMessage(chat, {
      insertAt: at, channelId: chat.channel.id, direction: "out", authorKind: "user", authorId: agentId, kind: content.kind,
      body: content.body, payload: content.payload, providerMessageId, replyToProviderId: null, status, statusReason,
      attempts, nextAttemptAt, createdAt: at,
    });
    if (chat.status !== "closed") {
      if (chat.assigneeId === null) {
        const decision = assignChat(chat, {
          target: { id: agentId, name: "agent", active: true, role: "agent" }, actorId: agentId, now: at, transferredReasonId: this.reasons.transferred,
        });
        if (decision.type === "assign") this.writeDecision(chat, decision.chat, at);
      }
      this.writeDecision(chat, recordOutbound(chat, at), at);
      chat.lastMessagePreview = previewOf({ kind: message.kind as never, body: message.body, payload: content.payload });
    }
    this.maybeDelete(message, at);
    c.now = at;
    return message;
  }

  /** chat-actions.ts assignChatAction: assigns an unassigned chat, or transfers an assigned one. */
  private assign(c: SimContact, actorId: number, targetId: number, at: number): boolean {
    this.runJobs(c, at);
    const chat = c.active;
    if (!chat || chat.assigneeId === targetId) return false;
    const decision = assignChat(chat, {
      target: { id: targetId, name: "agent", active: true, role: "agent" }, actorId, now: at, transferredReasonId: this.reasons.transferred,
    });
    if (decision.type === "assign") {
      this.writeDecision(chat, decision.chat, at);
      this.audit(at, actorId, "chat.assign", () => String(chat.id), () => ({ to: targetId }));
    } else {
      this.writeDecision(chat, decision.closing, at);
      this.setActiveAfterClose(chat);
      const opened = this.insertChat(c, chat.channel, decision.opening.fields, at, chat, chat.lastMessagePreview);
      if (opened.sortAt !== decision.opening.fields.sortAt) throw new Error("transfer: sortAt differs from the domain's");
      this.systemMessages(opened, decision.opening.events, at);
      const from = chat.assigneeId;
      this.audit(at, actorId, "chat.transfer", () => String(chat.id), () => ({ from, to: targetId, newChatId: opened.id }));
    }
    c.now = at;
    return true;
  }

  private schedule(c: SimContact, agentId: number, at: number, remindAt: number, note: string | null): boolean {
    this.runJobs(c, at);
    const chat = c.active;
    if (!chat) return false;
    this.writeDecision(chat, scheduleChat(chat, { at: remindAt, note, now: at }), at);
    this.audit(at, agentId, "chat.schedule", () => String(chat.id), () => ({ at: remindAt }));
    c.now = at;
    return true;
  }

  private acknowledge(c: SimContact, at: number): void {
    this.runJobs(c, at);
    const chat = c.active;
    if (chat) this.writeDecision(chat, acknowledgeReminder(chat), at);
    c.now = at;
  }

  private close(c: SimContact, agentId: number, at: number, reason: CloseReasonChoice): boolean {
    this.runJobs(c, at);
    const chat = c.active;
    if (!chat) return false;
    this.writeDecision(chat, closeChat(chat, { reason, byUserId: agentId, at }), at);
    this.audit(at, agentId, "chat.close", () => String(chat.id), () => ({ reasonId: reason.id }));
    this.setActiveAfterClose(chat);
    c.now = at;
    return true;
  }

  /** deletion.ts deleteMessage, a while later: body and payload go, a tombstone and an audit entry stay. */
  private maybeDelete(message: SimMessage, at: number): void {
    if (!this.rng.chance(0.001)) return;
    const when = Math.min(at + Math.round(this.rng.expo(2 * DAY)), this.opts.end);
    message.body = null;
    message.payloadJson = null;
    message.deletedAt = when;
    message.deletedById = this.adminId;
    delete message.attachment;
    this.audit(when, this.adminId, "message.delete", () => String(message.id), () => ({ chatId: message.chat.id }));
  }

  // ---- the story of one contact -------------------------------------------------------------------------

  private agentFor(chat: SimChat | null): number {
    return chat?.assigneeId ?? this.rng.pick(this.agentIds);
  }

  private otherAgent(than: number | null): number {
    let pick = this.rng.pick(this.agentIds);
    while (pick === than) pick = this.rng.pick(this.agentIds);
    return pick;
  }

  private companyReason(kind: "resolved" | "silent"): CloseReasonChoice {
    const [resolved, noReply, spam] = this.reasons.company;
    if (kind === "silent") return noReply!;
    return this.rng.chance(0.96) ? resolved! : this.rng.chance(0.5) ? spam! : noReply!;
  }

  /** One conversation: the contact writes, agents answer, and it ends closed, abandoned, or cut by `end`. */
  private episode(c: SimContact, channel: ChannelInfo, start: number, quota: number, replyTo?: SimMessage): void {
    const end = this.opts.end;
    let t = start;
    this.inbound(c, channel, t, this.inboundContent(c, true), replyTo);
    for (let extra = this.rng.chance(0.3) ? this.rng.int(1, 2) : 0; extra > 0; extra--) {
      t += this.rng.int(3_000, 90_000);
      if (t > end) return;
      this.inbound(c, channel, t, this.inboundContent(c, false));
    }
    if (this.rng.chance(0.08)) return; // nobody ever answers: the inactivity job closes it
    let opening = true;
    for (let round = 0; ; round++) {
      // The agent side.
      t += Math.round(this.rng.chance(0.1) ? this.rng.expo(5 * HOUR) : this.rng.expo(12 * MINUTE)) + 20_000;
      if (t > end) return;
      let chat = c.active;
      if (!chat) return;
      if (chat.assigneeId === null && this.rng.chance(0.12)) {
        this.assign(c, this.adminId, this.rng.pick(this.agentIds), t);
        t += this.rng.int(5_000, 120_000);
      } else if (chat.assigneeId !== null && this.rng.chance(0.03)) {
        // Handed to a colleague before answering: the customer's wait carries over to the new chat.
        this.assign(c, this.rng.chance(0.5) ? this.adminId : chat.assigneeId, this.otherAgent(chat.assigneeId), t);
        t += this.rng.int(30_000, 20 * MINUTE);
        opening = true;
      }
      if (t > end) return;
      chat = c.active;
      if (!chat) return;
      const agent = this.agentFor(chat);
      for (let n = this.rng.chance(0.35) ? 2 : 1; n > 0; n--) {
        if (t > end) return;
        this.agentSend(c, agent, t, this.outboundContent(c, agent, opening));
        opening = false;
        t += this.rng.int(10_000, 180_000);
      }
      if (c.used >= quota) {
        // Done talking: an agent closes it, or it is left for the inactivity job.
        if (this.rng.chance(0.65)) {
          t += Math.round(this.rng.expo(10 * MINUTE));
          if (t <= end) this.close(c, agent, t, this.companyReason("resolved"));
        }
        return;
      }
      const r = this.rng.next();
      if (r < 0.05 && c.active?.assigneeId != null) {
        t += this.rng.int(30_000, 30 * MINUTE);
        if (t > end) return;
        const from = c.active.assigneeId;
        this.assign(c, this.rng.chance(0.7) ? from : this.adminId, this.otherAgent(from), t);
        opening = true;
      } else if (r < 0.14) {
        t += this.rng.int(5_000, 60_000);
        if (t > end) return;
        const remindAt = t + this.rng.pick(remindIn) + this.rng.int(0, 30) * MINUTE;
        const note = this.rng.chance(0.5) ? this.sentence(c.lang, "short") : null;
        this.schedule(c, agent, t, remindAt, note);
        if (this.rng.chance(0.35)) {
          // The customer writes before the reminder: the chat goes back to Open ("unscheduled").
          t += Math.round(this.rng.next() * (remindAt - t));
          if (t > end) return;
          this.inbound(c, channel, t, this.inboundContent(c, false));
          continue;
        }
        // The reminder fires (job); an agent acknowledges it and usually follows up — or nobody gets to it, and
        // the chat waits in Open flagged "reminder due" until someone does or the inactivity job closes it.
        if (this.rng.chance(0.2)) return;
        t = remindAt + Math.round(this.rng.expo(40 * MINUTE)) + 30_000;
        if (t > end) return;
        this.acknowledge(c, t);
        if (this.rng.chance(0.7)) {
          t += this.rng.int(10_000, 120_000);
          if (t > end) return;
          this.agentSend(c, this.agentFor(c.active), t, this.outboundContent(c, agent, false));
        }
      } else if (r < (round > 0 ? 0.5 : 0.3)) {
        t += Math.round(this.rng.expo(5 * MINUTE)) + 5_000;
        if (t <= end) this.close(c, agent, t, this.companyReason("resolved"));
        return;
      }
      // The customer side.
      if (!this.rng.chance(0.7)) {
        if (this.rng.chance(0.5)) {
          t += Math.round(this.rng.expo(3 * HOUR)) + MINUTE;
          if (t <= end) this.close(c, agent, t, this.companyReason("silent"));
        }
        return;
      }
      t += Math.round(this.rng.chance(0.15) ? this.rng.expo(8 * HOUR) : this.rng.expo(20 * MINUTE)) + 15_000;
      for (let n = this.rng.chance(0.3) ? this.rng.int(2, 3) : 1; n > 0; n--) {
        if (t > end) return;
        this.inbound(c, channel, t, this.inboundContent(c, false));
        t += this.rng.int(3_000, 60_000);
      }
    }
  }

  /** Re-engagement: an agent sends a template into the contact's last (closed) chat; the reply opens a chat for them. */
  private templateEpisode(c: SimContact, at: number, quota: number): boolean {
    const chat = c.last;
    if (!chat || chat.status !== "closed" || (chat.channel.type !== "whatsapp" && chat.channel.type !== "zenvia")) return false;
    const agent = this.rng.pick(this.agentIds);
    const template = TEMPLATES[c.lang];
    const variables = [c.name.split(" ")[0]!, AGENTS[agent - this.agentIds[0]!]?.name.split(" ")[0] ?? "Ana"];
    const body = template.body.replace("{{1}}", variables[0]!).replace("{{2}}", variables[1]!);
    const sent = this.agentSend(c, agent, at, { kind: "template", body, payload: { name: template.name, language: template.language, variables } }, chat);
    if (!sent) return false;
    const replyAt = at + Math.round(this.rng.expo(2 * HOUR)) + MINUTE;
    if (replyAt > this.opts.end || !this.rng.chance(0.6)) return true;
    this.episode(c, chat.channel, replyAt, quota, sent);
    return true;
  }

  /**
   * A contact's whole history on their channel. (One identity per contact: ingest creates a new contact for
   * each channel identity, and nothing merges contacts yet.)
   */
  simulateContact(c: SimContact, quota: number, channel: ChannelInfo): void {
    const end = this.opts.end;
    let t = c.createdAt;
    let first = true;
    while (c.used < quota && t <= end) {
      if (!first && this.rng.chance(0.03) && this.templateEpisode(c, t, quota)) {
        // handled
      } else {
        this.episode(c, channel, t, quota);
      }
      first = false;
      const remaining = quota - c.used;
      if (remaining < 2) break;
      const expectedEpisodes = remaining / 4;
      t = c.now + Math.round(this.rng.expo((end - c.now) / (expectedEpisodes + 1))) + 10 * MINUTE;
    }
    this.runJobs(c, end);
  }
}

function passwordHash(rng: Rng, password: string): string {
  // The app's scrypt format (server/auth/password.ts) with a seeded salt, so the file is reproducible.
  const salt = Buffer.from(rng.chars("0123456789abcdef", 32), "hex");
  const key = crypto.scryptSync(password.normalize("NFKC"), salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 128 * (1 << 15) * 8 * 2 });
  return ["scrypt", 1 << 15, 8, 1, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** The password of every generated user: the HTTP suites sign in with it. */
export const BENCH_PASSWORD = "bench-password-123";

export function seedDatabase(opts: SeedOptions): SeedReport {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const tmp = `${opts.out}.tmp-${process.pid}`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });

  const rng = new Rng(opts.seed);
  const start = opts.end - opts.days * DAY;
  const db = openDatabase(tmp);
  const sqlite = db.$client;
  ensureSystemRows(db, start);

  // Bulk-load settings: the rollback journal in memory (better-sqlite3's defensive mode refuses OFF) and no
  // fsync — a crash leaves only the .tmp file —, a big page cache, and no FK checks while rows arrive in id
  // order rather than parent-first (checked at the end).
  sqlite.pragma("journal_mode = MEMORY");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -400000");
  sqlite.pragma("foreign_keys = OFF");
  sqlite.pragma("temp_store = MEMORY");

  // ---- reference rows -----------------------------------------------------------------------------------
  const hash = passwordHash(rng, BENCH_PASSWORD);
  const insertUser = sqlite.prepare(
    "INSERT INTO users (name, email, password_hash, role, active, locale, time_zone, created_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
  );
  const adminId = Number(insertUser.run("Administrador", "admin@bench.example.com", hash, "admin", "pt-BR", "America/Sao_Paulo", start).lastInsertRowid);
  const agentIds = AGENTS.map((a, i) =>
    Number(insertUser.run(a.name, `agent${i + 1}@bench.example.com`, hash, "agent", a.lang === "pt" ? "pt-BR" : a.lang, a.lang === "es" ? "America/Argentina/Buenos_Aires" : "America/Sao_Paulo", start).lastInsertRowid),
  );

  const insertChannel = sqlite.prepare("INSERT INTO channels (type, name, external_id, config, secrets, active, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)");
  const secret = () => rng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 24);
  const channelDefs: Array<[ChannelType, string, Record<string, string>]> = [
    ["whatsapp", "WhatsApp Loja", { phoneNumberId: "109876543210987", accessToken: secret(), appSecret: secret() }],
    ["instagram", "Instagram @loja", { accountId: "17841400000000001", accessToken: secret(), appSecret: secret() }],
    ["zenvia", "Zenvia WhatsApp", { senderId: "5511940000000", zenviaChannel: "whatsapp", apiToken: secret() }],
    ["webchat", "Chat do site", { allowedOrigins: "https://loja.example.com" }],
  ];
  const channels = {} as Record<ChannelType, ChannelInfo>;
  for (const [type, name, fields] of channelDefs) {
    const draft = buildChannelDraft(type, fields, secret);
    const id = Number(insertChannel.run(type, name, draft.externalId, JSON.stringify(draft.config), JSON.stringify(draft.secrets), start).lastInsertRowid);
    channels[type] = { id, type };
  }
  const insertTemplate = sqlite.prepare("INSERT INTO templates (channel_id, name, language, body, created_at) VALUES (?, ?, ?, ?, ?)");
  for (const type of ["whatsapp", "zenvia"] as const) {
    for (const t of Object.values(TEMPLATES)) insertTemplate.run(channels[type].id, t.name, t.language, t.body, start);
  }
  if (opts.inactivityMinutes !== defaultSettings.inactivityMinutes) {
    sqlite.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('inactivityMinutes', ?, ?)").run(JSON.stringify(opts.inactivityMinutes), start);
  }
  const reasonRows = sqlite.prepare("SELECT id, label, system_key AS systemKey FROM close_reasons ORDER BY id").all() as Array<{ id: number; label: string; systemKey: string | null }>;
  const reasons = {
    transferred: reasonRows.find((r) => r.systemKey === "transferred")!.id,
    inactivity: reasonRows.find((r) => r.systemKey === "inactivity")!.id,
    company: reasonRows.filter((r) => r.systemKey === null).map((r) => ({ id: r.id, label: r.label, systemKey: null, active: true })),
  };

  // ---- simulate ------------------------------------------------------------------------------------------
  const sim = new Simulator(rng.fork(), opts, channels, adminId, agentIds, reasons);
  const people = rng.fork();
  // A growing business: contacts arrive more and more often (density grows linearly), ids follow arrival.
  const arrivals = Array.from({ length: opts.contacts }, () => start + Math.sqrt(people.next()) * (opts.end - start - HOUR)).sort((a, b) => a - b);
  const quotas = arrivals.map(() => Math.max(2, people.logNormal(opts.messages / opts.contacts, 0.9)));
  const scale = opts.messages / quotas.reduce((s, q) => s + q, 0);
  let carry = 0;
  for (let i = 0; i < opts.contacts; i++) {
    const lang = langs.draw(people);
    const first = people.pick(FIRST_NAMES[lang]);
    const last = people.chance(0.3) ? `${people.pick(LAST_NAMES[lang])} ${people.pick(LAST_NAMES[lang])}` : people.pick(LAST_NAMES[lang]);
    const primaryType = channelMix.draw(people);
    const phone = primaryType === "whatsapp" || primaryType === "zenvia" ? `55${people.int(11, 99)}9${String(((i + 1) * 7919 + 12345) % 100_000_000).padStart(8, "0")}` : null;
    const handle = primaryType === "instagram" ? `${first}.${last.split(" ")[0]}${people.int(1, 999)}`.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f'\s-]/g, "") : null;
    const anonymous = primaryType === "instagram" ? people.chance(0.15) : primaryType === "webchat" ? people.chance(0.3) : false;
    const contact: SimContact = {
      id: i + 1, lang, name: anonymous ? (handle ?? `Visitante ${people.int(1000, 9999)}`) : `${first} ${last}`, phone, handle,
      email: primaryType === "webchat" && people.chance(0.6) ? `${first}.${last.split(" ")[0]}${people.int(1, 99)}@example.com`.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f'\s]/g, "") : null,
      createdAt: Math.round(arrivals[i]!), identities: [], active: null, last: null, used: 0, now: Math.round(arrivals[i]!),
    };
    sim.contacts.push(contact);
    const quota = Math.max(2, Math.round(quotas[i]! * scale + carry));
    sim.simulateContact(contact, quota, channels[primaryType]);
    carry = Math.max(-quota, Math.min(50, quota - contact.used));
  }
  const simulated = performance.now();
  log(`simulated ${sim.contacts.length} contacts, ${sim.chats.length} chats, ${sim.messages.length} messages in ${((simulated - started) / 1000).toFixed(1)} s`);

  // ---- ids in the order the app would have inserted the rows ------------------------------------------------
  sim.chats.sort((x, y) => x.openedAt - y.openedAt || x.key - y.key);
  sim.chats.forEach((c, i) => (c.id = i + 1));
  sim.messages.sort((x, y) => x.insertAt - y.insertAt || x.key - y.key);
  sim.messages.forEach((m, i) => (m.id = i + 1));
  sim.identities.sort((x, y) => x.createdAt - y.createdAt || x.key - y.key);
  sim.identities.forEach((x, i) => (x.id = i + 1));
  sim.audits.sort((x, y) => x.at - y.at || x.key - y.key);
  const sorted = performance.now();

  // ---- write ---------------------------------------------------------------------------------------------
  // Bulk load: the FTS triggers and the secondary indexes of the big tables are set aside and recreated from
  // their own SQL afterwards (building an index from all rows at once is several times faster than growing
  // it row by row). The final schema is byte-for-byte what the migrations made.
  const setAside = sqlite
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND (
         type = 'index' AND tbl_name IN ('chats', 'messages', 'attachments', 'audit_log', 'contact_identities'))`,
    )
    .all() as Array<{ type: string; name: string; sql: string }>;
  for (const x of setAside) sqlite.exec(`DROP ${x.type === "index" ? "INDEX" : "TRIGGER"} ${x.name}`);

  const rows: Record<string, number> = {};
  const writeAll = <T>(table: string, items: T[], stmt: Database.Statement, values: (item: T) => unknown[]) => {
    const batch = sqlite.transaction((slice: T[]) => {
      for (const item of slice) stmt.run(...values(item));
    });
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let i = 0; i < items.length; i += 50_000) batch(items.slice(i, i + 50_000));
    rows[table] = (rows[table] ?? 0) + items.length;
    const cpu = process.cpuUsage(c0);
    log(`  ${table}: ${items.length} rows in ${((performance.now() - t0) / 1000).toFixed(2)} s (cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s)`);
  };
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

  writeAll("contacts", sim.contacts, sqlite.prepare("INSERT INTO contacts (id, name, phone, handle, email, created_at) VALUES (?, ?, ?, ?, ?, ?)"), (c) => [
    c.id, c.name, c.phone, c.handle, c.email, c.createdAt,
  ]);
  writeAll("contact_identities", sim.identities, sqlite.prepare("INSERT INTO contact_identities (id, contact_id, channel_id, external_id, phone, created_at) VALUES (?, ?, ?, ?, ?, ?)"), (x) => [
    x.id, x.contact.id, x.channel.id, x.externalId, x.phone, x.createdAt,
  ]);
  writeAll(
    "chats",
    sim.chats,
    sqlite.prepare(`INSERT INTO chats (id, contact_id, channel_id, assignee_id, status, opened_at, closed_at, close_reason_id, closed_by_id, remind_at, remind_note,
      reminder_due, last_inbound_at, last_outbound_at, last_message_at, last_message_preview, awaiting_reply, waiting_since, sort_at, transferred_from_id, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    (c) => [
      c.id, c.contact.id, c.channel.id, c.assigneeId, c.status, c.openedAt, c.closedAt, c.closeReasonId, c.closedById, c.remindAt, c.remindNote,
      c.reminderDue ? 1 : 0, c.lastInboundAt, c.lastOutboundAt, c.lastMessageAt, c.lastMessagePreview, c.awaitingReply ? 1 : 0, c.waitingSince, c.sortAt,
      c.transferredFrom?.id ?? null, c.updatedAt,
    ],
  );
  writeAll(
    "messages",
    sim.messages,
    sqlite.prepare(`INSERT INTO messages (id, chat_id, contact_id, channel_id, direction, author_kind, author_id, kind, body, payload, provider_message_id,
      reply_to_provider_id, status, status_reason, attempts, next_attempt_at, created_at, deleted_at, deleted_by_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    (m) => [
      m.id, m.chat.id, m.chat.contact.id, m.channelId, m.direction, m.authorKind, m.authorId, m.kind, m.body,
      m.answeredTemplate ? JSON.stringify({ ...(JSON.parse(m.payloadJson ?? "{}") as object), answeredTemplateMessageId: m.answeredTemplate.id }) : m.payloadJson, m.providerMessageId,
      m.replyToProviderId, m.status, m.statusReason, m.attempts, m.nextAttemptAt, m.createdAt, m.deletedAt, m.deletedById,
    ],
  );
  const withMedia = sim.messages.filter((m) => m.attachment);
  writeAll(
    "attachments",
    withMedia,
    sqlite.prepare("INSERT INTO attachments (message_id, provider_media_id, sha256, mime_type, size, file_name, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'ready', ?)"),
    (m) => {
      const a = m.attachment!;
      return [m.id, a.providerMediaId, a.sha256, a.mimeType, a.size, a.fileName, a.createdAt];
    },
  );
  writeAll("audit_log", sim.audits, sqlite.prepare("INSERT INTO audit_log (actor_id, action, target_type, target_id, at, details) VALUES (?, ?, ?, ?, ?, ?)"), (a) => [
    a.actorId, a.action, a.targetType, a.target(), a.at, json(a.details()),
  ]);
  const written = performance.now();

  for (const x of setAside.filter((x) => x.type === "index")) sqlite.exec(x.sql);
  const reindexed = performance.now();
  // The app indexes what it inserts (server/repositories/search-index.ts); a bulk load builds the index at once.
  sqlite.exec("INSERT INTO messages_fts(messages_fts) VALUES('rebuild')");
  sqlite.exec("INSERT INTO contacts_fts(contacts_fts) VALUES('rebuild')");
  const indexed = performance.now();

  // ---- finish: verify, back to the app's settings, move into place ------------------------------------------
  const fkErrors = sqlite.prepare("PRAGMA foreign_key_check").all();
  if (fkErrors.length) throw new Error(`seed produced ${fkErrors.length} foreign-key violations, e.g. ${JSON.stringify(fkErrors[0])}`);
  const activeDupes = sqlite.prepare("SELECT count(*) AS n FROM (SELECT contact_id FROM chats WHERE status <> 'closed' GROUP BY contact_id HAVING count(*) > 1)").get() as { n: number };
  if (activeDupes.n) throw new Error(`${activeDupes.n} contacts have more than one active chat`);
  const chatsByState = Object.fromEntries(
    (sqlite
      .prepare(`SELECT CASE WHEN status = 'open' AND awaiting_reply = 1 THEN 'open pending' WHEN status = 'open' AND reminder_due = 1 THEN 'open reminder due'
        WHEN status = 'open' THEN 'open answered' WHEN status = 'scheduled' THEN 'scheduled'
        ELSE 'closed: ' || (SELECT label FROM close_reasons r WHERE r.id = close_reason_id) END AS state, count(*) AS n FROM chats GROUP BY 1 ORDER BY 1`)
      .all() as Array<{ state: string; n: number }>).map((r) => [r.state, r.n]),
  );
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  for (const f of [opts.out, `${opts.out}-wal`, `${opts.out}-shm`]) fs.rmSync(f, { force: true });
  fs.renameSync(tmp, opts.out);
  for (const f of [`${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  const finished = performance.now();

  const totalRows = Object.values(rows).reduce((s, n) => s + n, 0);
  const seconds = {
    simulate: (simulated - started) / 1000,
    sort: (sorted - simulated) / 1000,
    write: (written - sorted) / 1000,
    indexes: (reindexed - written) / 1000,
    fts: (indexed - reindexed) / 1000,
    finish: (finished - indexed) / 1000,
    total: (finished - started) / 1000,
  };
  return {
    file: opts.out,
    rows,
    totalRows,
    seconds,
    rowsPerSecond: totalRows / seconds.total,
    insertRowsPerSecond: totalRows / (seconds.write + seconds.indexes + seconds.fts),
    chatsByState,
    bytes: fs.statSync(opts.out).size,
  };
}
