import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { PublicUser } from "@/server/services/users";
import type { ChannelRow } from "@/server/repositories/channels";
import { sampleFlow } from "@/server/domain/bot/sample-flow";
import { assignChannelFlow, createFlow, publishFlow, saveDraft } from "@/server/services/bot/flows";
import { ingestMessage } from "@/server/services/ingest";

// The demo's bot: the Spanish sample flow (Ventas / Soporte / hablar con una persona) greets the WhatsApp
// channel's new contacts, and one of them is in the middle of it, so "with the bot" is not empty.

export function seedDemoBot(db: Db, admin: PublicUser, whatsapp: ChannelRow, now: number): number {
  const ctx = { viewer: admin, now };
  const team = (name: string) => db.get<{ id: number } | undefined>(sql`SELECT id FROM teams WHERE name = ${name} COLLATE NOCASE`)?.id ?? null;
  const flow = createFlow(db, ctx, { name: "Bienvenida" });
  saveDraft(db, ctx, flow.id, sampleFlow({ ventas: team("Ventas"), soporte: team("Soporte") }));
  publishFlow(db, ctx, flow.id);
  assignChannelFlow(db, ctx, { channelId: whatsapp.id, flowId: flow.id, returningAfterHours: 24 });
  const contact = { externalId: "5511977770001", phone: "5511977770001", name: "Paula Rocha" };
  const say = (body: string, at: number, id: string) =>
    ingestMessage(db, whatsapp, { type: "message", channelExternalId: whatsapp.externalId ?? String(whatsapp.id), contact, providerMessageId: `wamid.demo.bot.${id}`, timestamp: at, direction: "in", kind: "text", body }, at);
  say("Hola, buenas tardes", now - 120_000, "1");
  say("Soporte", now - 60_000, "2");
  return flow.id;
}
