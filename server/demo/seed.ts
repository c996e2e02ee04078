import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import type { InboundMessage } from "@/server/channels/types";
import { runDispatcher } from "@/server/jobs/dispatcher";
import { runMediaDownloads } from "@/server/jobs/media";
import { randomPassword } from "@/server/auth/password";
import { assignChatAction, closeChatAction, scheduleChatAction } from "@/server/services/chat-actions";
import { closeReasons, quickReplies, templates } from "@/server/services/catalog";
import { createChannel, type ChannelView } from "@/server/services/channels";
import { ingestMessage, ingestStatus } from "@/server/services/ingest";
import { sendMessage } from "@/server/services/send-message";
import { updateSetting } from "@/server/services/settings";
import { sendAttachment } from "@/server/services/upload";
import { allUsers, createUser, type PublicUser } from "@/server/services/users";
import { addTeamMember, createTeam, setChannelDefaultTeam } from "@/server/services/routing/teams";
import { findChannel, type ChannelRow } from "@/server/repositories/channels";
import { updateCsatSettings } from "@/server/services/csat-settings";
import { findSurveyOfChat } from "@/server/repositories/csat";
import { seedDemoBot } from "./bot";
import { demoPdf, demoPng, demoWav } from "./files";
import { DEMO_CONTACTS, type DemoContact } from "./people";
import { demoMediaFetch, demoSendFetch } from "./provider-doubles";

// `charla demo seed`: a company with three people, four channels pointing at the provider simulator
// and ~40 conversations in every state, built through the same services the app uses.

export const SIMULATOR_URL = "http://127.0.0.1:3900";
const HOUR = 3_600_000;

export interface DemoSeedResult {
  skipped: boolean;
  users: { email: string; password: string; role: "admin" | "agent" }[];
  channels: { type: string; id: number; name: string }[];
  chats: number;
}

type Channels = Record<DemoContact["channel"], ChannelRow>;

export const DEMO_QUICK_REPLIES = [
  { shortcut: "hola", body: "¡Hola {{nombre}}! Soy {{agente}}, ¿en qué puedo ayudarte?" },
  { shortcut: "gracias", body: "¡Gracias por escribirnos, {{nombre}}! Cualquier otra duda, aquí estamos." },
  { shortcut: "horario", body: "Atendemos de lunes a viernes de 9 a 18 h y los sábados de 9 a 13 h." },
  { shortcut: "envio", body: "Enviamos a todo el país: el pedido llega en 2 a 5 días hábiles y te mandamos el código de seguimiento." },
  { shortcut: "pago", body: "Puedes pagar con tarjeta, transferencia o un enlace de pago que te enviamos por aquí." },
];

export async function seedDemo(db: Db, now: number, simulatorUrl = SIMULATOR_URL): Promise<DemoSeedResult> {
  // Beyond the first administrator, any user means this is someone's real data: leave it alone.
  if (allUsers(db).length > 1) return { skipped: true, users: [], channels: [], chats: 0 };
  const actor = { actorId: null, now };
  const people = [
    { email: "admin@demo.charla.local", name: "Renata Admin", role: "admin" as const },
    { email: "lucia@demo.charla.local", name: "Lucía Agente", role: "agent" as const },
    { email: "mateus@demo.charla.local", name: "Mateus Agente", role: "agent" as const },
  ].map((p) => ({ ...p, password: randomPassword() }));
  const [admin, lucia, mateus] = await Promise.all(people.map((p) => createUser(db, p, actor))) as [PublicUser, PublicUser, PublicUser];

  updateSetting(db, "paymentLinkPattern", "https://pay.example.com/checkout?amount={amount}&currency={currency}&description={description}", actor);
  updateSetting(db, "currency", "BRL", actor);
  const views: ChannelView[] = [
    createChannel(db, { type: "whatsapp", name: "WhatsApp Loja", fields: { phoneNumberId: "100000000000001", accessToken: "demo-wa-token", appSecret: "demo-wa-secret", verifyToken: "demo-verify", apiBaseUrl: `${simulatorUrl}/v23.0` } }, actor, ""),
    createChannel(db, { type: "instagram", name: "Instagram @loja", fields: { accountId: "17840000000000001", accessToken: "demo-ig-token", appSecret: "demo-ig-secret", verifyToken: "demo-verify", apiBaseUrl: `${simulatorUrl}/v23.0` } }, actor, ""),
    createChannel(db, { type: "zenvia", name: "Zenvia WhatsApp", fields: { senderId: "551140000000", zenviaChannel: "whatsapp", apiToken: "demo-zenvia-token", webhookSecret: "demo-zenvia-secret", apiBaseUrl: simulatorUrl } }, actor, ""),
    createChannel(db, { type: "webchat", name: "Chat do site", fields: { allowedOrigins: "http://localhost:8080" } }, actor, ""),
  ];
  const channels = Object.fromEntries(views.map((v) => [v.type, findChannel(db, v.id)!])) as Channels;
  templates.create(db, { channelId: channels.whatsapp.id, name: "retomar_contato", language: "pt_BR", body: "Olá {{1}}, podemos continuar nossa conversa?" }, actor);
  templates.create(db, { channelId: channels.zenvia.id, name: "pedido_enviado", language: "pt_BR", body: "Olá {{1}}, seu pedido {{2}} foi enviado!" }, actor);
  // The composer's hint invites "/": a few replies to find there, with the variables they may hold.
  for (const reply of DEMO_QUICK_REPLIES) quickReplies.create(db, reply, actor);
  // Two teams (issue 13): Ventas distributes by balance among whoever is available; Soporte waits for a person.
  const ventas = createTeam(db, { name: "Ventas", mode: "balanced", capacity: 5 }, actor);
  const soporte = createTeam(db, { name: "Soporte" }, actor);
  for (const person of [lucia, mateus]) addTeamMember(db, ventas.id, person.id, actor);
  addTeamMember(db, soporte.id, mateus.id, actor);
  setChannelDefaultTeam(db, channels.whatsapp.id, ventas.id, actor);
  setChannelDefaultTeam(db, channels.webchat.id, ventas.id, actor);
  setChannelDefaultTeam(db, channels.instagram.id, soporte.id, actor);
  // The satisfaction survey (issue 15) on WhatsApp and the web chat: the closed chats below get rated.
  for (const ch of [channels.whatsapp, channels.webchat]) updateCsatSettings(db, { channelId: ch.id, enabled: true, intervalDays: 30, templateName: null, language: "pt" }, actor);

  const reasons = closeReasons.list(db).filter((r) => r.systemKey === null);
  const files = new Map<string, { bytes: Buffer; type: string }>();
  let chats = 0;

  DEMO_CONTACTS.forEach((person, i) => {
    const channel = channels[person.channel];
    const closed = person.state === "closed" || person.state === "transferred";
    // Open chats stay inside the last day (the inactivity close and the 24-hour window count from there).
    const start = closed ? now - 5 * 24 * HOUR + i * 2 * HOUR : now - 20 * HOUR + i * 25 * 60_000;
    const contact = contactOf(person, i);
    let at = start;
    let chatId = 0;
    for (const line of person.lines) {
      chatId = ingestMessage(db, channel, inbound(channel, contact, at, { kind: "text", body: line }), at).chatId;
      at += 45_000;
    }
    chats += 1;
    extraInbound(db, channel, contact, i, at, files);
    at += 60_000;

    const ctx = (viewer: PublicUser) => ({ viewer, now: (at += 90_000) });
    const agent = i % 2 ? mateus : lucia;
    switch (person.state) {
      case "pending":
        break;
      case "pending-assigned":
        assignChatAction(db, ctx(admin), chatId, agent.id);
        break;
      case "answered":
      case "scheduled":
      case "closed":
        sendMessage(db, ctx(agent), chatId, { kind: "text", body: person.reply ?? "Olá!" });
        extraOutbound(db, () => ctx(agent), chatId, channel, i);
        if (person.state === "scheduled") scheduleChatAction(db, ctx(agent), chatId, now + ((i % 3) + 1) * 5 * HOUR, "Ligar de volta para confirmar o endereço de entrega");
        if (person.state === "closed") {
          closeChatAction(db, ctx(agent), chatId, reasons[i % reasons.length]!.id);
          // Only where the survey went out (not after a spam close, for one).
          if (findSurveyOfChat(db, chatId)) rateDemoChat(db, channel, contact, i, (at += 120_000));
        }
        break;
      case "transferred": {
        assignChatAction(db, ctx(admin), chatId, lucia.id);
        sendMessage(db, ctx(lucia), chatId, { kind: "text", body: person.reply ?? "Olá!" });
        assignChatAction(db, ctx(lucia), chatId, mateus.id);
        chats += 1;
        break;
      }
    }
  });

  // Deliver the history through the real dispatcher and media job, then the receipts a provider sends.
  const provider = demoSendFetch();
  await runDispatcher(db, { fetchImpl: provider.impl, batch: 500 });
  await runMediaDownloads(db, { fetchImpl: demoMediaFetch(files), batch: 500 });
  for (const [n, providerMessageId] of provider.sent.entries()) {
    for (const channel of Object.values(channels)) {
      ingestStatus(db, channel, { type: "status", providerMessageId, status: n % 4 === 0 ? "delivered" : "read", timestamp: now });
    }
  }
  // After the history, so its contacts never met the bot: only new contacts on WhatsApp do.
  seedDemoBot(db, admin, channels.whatsapp, now);
  return {
    skipped: false,
    users: people.map((p) => ({ email: p.email, password: p.password, role: p.role })),
    channels: views.map((v) => ({ type: v.type, id: v.id, name: v.name })),
    chats,
  };
}

/** The contact answers the survey of their closed chat: a tap on a rating, and a comment on a low one. */
function rateDemoChat(db: Db, channel: ChannelRow, contact: InboundMessage["contact"], i: number, at: number): void {
  const rating = [5, 4, 5, 2, 4, 3][i % 6]!;
  ingestMessage(db, channel, inbound(channel, contact, at, { kind: "text", body: String(rating), payload: { choiceId: `csat:${rating}` } }), at);
  if (rating <= 3) ingestMessage(db, channel, inbound(channel, contact, at + 60_000, { kind: "text", body: "A entrega demorou mais do que o combinado." }), at + 60_000);
}

function contactOf(person: DemoContact, i: number): InboundMessage["contact"] {
  const phone = `55119${String(80000000 + i * 7919).padStart(8, "0")}`;
  switch (person.channel) {
    case "whatsapp":
    case "zenvia":
      return { externalId: phone, phone, name: person.name };
    case "instagram":
      return { externalId: String(7100000000000000 + i * 104729), name: person.name, handle: person.name.toLowerCase().replace(/\W+/g, ".") };
    case "webchat":
      return { externalId: randomBytes(12).toString("base64url"), name: person.name };
  }
}

function inbound(channel: ChannelRow, contact: InboundMessage["contact"], at: number, content: Pick<InboundMessage, "kind" | "body" | "payload" | "media">): InboundMessage {
  return {
    type: "message",
    channelExternalId: channel.externalId ?? String(channel.id),
    contact,
    providerMessageId: `demo.${randomBytes(9).toString("base64url")}`,
    timestamp: at,
    direction: "in",
    ...content,
  };
}

/** Every inbound kind appears somewhere: photos, voice notes, documents, locations, contact cards, reactions. */
function extraInbound(db: Db, channel: ChannelRow, contact: InboundMessage["contact"], i: number, at: number, files: Map<string, { bytes: Buffer; type: string }>): void {
  const add = (content: Parameters<typeof inbound>[3]) => ingestMessage(db, channel, inbound(channel, contact, at, content), at);
  const url = `https://demo.invalid/${channel.type}/${i}`;
  switch (i % 8) {
    case 0:
      files.set(`${url}.png`, { bytes: demoPng([40 + i * 5, 90, 160]), type: "image/png" });
      if (channel.type === "whatsapp") add({ kind: "image", body: "Esse aqui, tem no 38?", media: [{ providerMediaId: `wa-media-${i}`, mimeType: "image/png" }] });
      else add({ kind: "image", body: "Esse aqui", media: [{ url: `${url}.png`, mimeType: "image/png", fileName: "foto.png" }] });
      if (channel.type === "whatsapp") files.set(`https://demo.invalid/wa/wa-media-${i}`, files.get(`${url}.png`)!);
      break;
    case 1:
      files.set(`${url}.wav`, { bytes: demoWav(), type: "audio/wav" });
      add({ kind: "audio", media: [{ url: `${url}.wav`, mimeType: "audio/wav", fileName: "nota-de-voz.wav" }] });
      break;
    case 2:
      files.set(`${url}.pdf`, { bytes: demoPdf(`Comprovante ${1000 + i}`), type: "application/pdf" });
      add({ kind: "file", body: "Segue o comprovante", media: [{ url: `${url}.pdf`, mimeType: "application/pdf", fileName: `comprovante-${1000 + i}.pdf` }] });
      break;
    case 3:
      add({ kind: "location", body: "Av. Paulista, 1578 — São Paulo", payload: { latitude: -23.5614, longitude: -46.6559, name: "MASP", address: "Av. Paulista, 1578 — São Paulo" } });
      break;
    case 4:
      add({ kind: "contacts", body: "Carla Nogueira", payload: { contacts: [{ name: "Carla Nogueira", phones: [{ phone: "+55 11 97777-1234", type: "CELL" }], emails: [] }] } });
      break;
    case 5:
      add({ kind: "reaction", body: "👍", payload: { emoji: "👍", messageId: "demo.previous" } });
      break;
  }
}

/** And every outbound kind: payment links, call entries, templates, a document. */
function extraOutbound(db: Db, ctx: () => { viewer: PublicUser; now: number }, chatId: number, channel: ChannelRow, i: number): void {
  switch (i % 6) {
    case 2:
      sendMessage(db, ctx(), chatId, { kind: "payment_link", amount: 249.9, currency: "BRL", description: "Tênis Corrida 38" });
      break;
    case 3:
      sendMessage(db, ctx(), chatId, { kind: "call" });
      break;
    case 4:
      if (channel.type === "whatsapp") sendMessage(db, ctx(), chatId, { kind: "template", name: "retomar_contato", language: "pt_BR", variables: ["cliente"] });
      break;
    case 5:
      if (channel.type !== "instagram") sendAttachment(db, ctx(), chatId, { fileName: "catalogo.pdf", mimeType: "application/pdf", bytes: demoPdf("Catalogo de verao"), caption: "Nosso catálogo" });
      break;
  }
}
