import { TRPCError } from "@trpc/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { ingestMessage } from "@/server/services/ingest";
import { updateSetting } from "@/server/services/settings";
import type { PublicUser } from "@/server/services/users";
import { whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";

// Quick replies are edited by administrators and sent from the list (the way without JavaScript) with their
// variables filled in by the server, all through the tRPC procedures the forms call.

describe("quick replies through the API", () => {
  let t: ReturnType<typeof tempDb>;
  let admin: PublicUser;
  let agent: PublicUser;
  const now = T0 + 60_000;
  const as = (user: PublicUser) => createCaller(createContext(user, t.db, () => now));
  const rows = (sql: string) => t.db.$client.prepare(sql).all();

  beforeEach(async () => {
    t = tempDb();
    admin = await makeUser(t.db, "admin", "Renata Admin");
    agent = await makeUser(t.db, "agent", "Lucía Agente");
  });
  afterEach(() => t.close());

  it("an administrator edits a quick reply's shortcut and text; the change is audited", async () => {
    const reply = await as(admin).quickReplies.create({ shortcut: "hola", body: "Hola" });
    const edited = await as(admin).quickReplies.update({ id: reply.id, shortcut: "/Saludo", body: "  ¡Hola {{nombre}}!  " });
    expect(edited).toMatchObject({ id: reply.id, shortcut: "saludo", body: "¡Hola {{nombre}}!" });
    expect((await as(agent).quickReplies.list()).map((q) => q.shortcut)).toEqual(["saludo"]);
    expect(rows("SELECT action, target_id AS target FROM audit_log WHERE action LIKE 'quick_reply.%' ORDER BY id")).toEqual([
      { action: "quick_reply.create", target: String(reply.id) },
      { action: "quick_reply.update", target: String(reply.id) },
    ]);
  });

  it("keeps shortcuts unique, applies the rules of a new reply, and refuses agents", async () => {
    const hola = await as(admin).quickReplies.create({ shortcut: "hola", body: "Hola" });
    await as(admin).quickReplies.create({ shortcut: "gracias", body: "Gracias" });
    await expect(as(admin).quickReplies.update({ id: hola.id, shortcut: "gracias", body: "Hola" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(as(admin).quickReplies.update({ id: hola.id, shortcut: "dos palabras", body: "Hola" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(as(admin).quickReplies.update({ id: hola.id, shortcut: "hola", body: "   " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(as(admin).quickReplies.update({ id: 999, shortcut: "nuevo", body: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const refused = await as(agent).quickReplies.update({ id: hola.id, shortcut: "hola", body: "Cambiado" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("FORBIDDEN");
    // Keeping its own shortcut is no conflict.
    expect((await as(admin).quickReplies.update({ id: hola.id, shortcut: "hola", body: "Hola otra vez" })).body).toBe("Hola otra vez");
    expect(rows("SELECT shortcut, body FROM quick_replies ORDER BY shortcut")).toEqual([
      { shortcut: "gracias", body: "Gracias" },
      { shortcut: "hola", body: "Hola otra vez" },
    ]);
  });

  it("sends a quick reply with the contact's first name and the agent's filled in", async () => {
    const channel = whatsappChannel(t.db);
    const { chatId } = ingestMessage(t.db, channel, { ...inboundText("5491155550000", "Buenas", T0), contact: { externalId: "5491155550000", phone: "5491155550000", name: "María José Pérez" } }, T0);
    const reply = await as(admin).quickReplies.create({ shortcut: "hola", body: "¡Hola {{nombre}}! Soy {{agente}}. ({{nombre_completo}}, {{desconocida}})" });
    const sent = await as(agent).quickReplies.send({ chatId, quickReplyId: reply.id });
    expect(sent).toMatchObject({ chatId, direction: "out", kind: "text", body: "¡Hola María! Soy Lucía. (María José Pérez, {{desconocida}})", authorId: agent.id });
    // Replying to an unassigned chat makes it yours, as any reply does.
    expect(rows(`SELECT assignee_id AS assignee FROM chats WHERE id = ${chatId}`)).toEqual([{ assignee: agent.id }]);
  });

  it("sends only into chats the agent may see, and only quick replies that exist", async () => {
    const channel = whatsappChannel(t.db);
    const teammate = await makeUser(t.db, "agent", "Carla Teammate");
    const { chatId } = ingestMessage(t.db, channel, inboundText("5491155550001", "Hola", T0), T0);
    await as(admin).chats.assign({ chatId, userId: teammate.id });
    const reply = await as(admin).quickReplies.create({ shortcut: "hola", body: "Hola {{nombre}}" });
    updateSetting(t.db, "sharedInbox", false, { actorId: admin.id, now });
    await expect(as(agent).quickReplies.send({ chatId, quickReplyId: reply.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as(teammate).quickReplies.send({ chatId, quickReplyId: 999 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(rows(`SELECT count(*) AS n FROM messages WHERE chat_id = ${chatId} AND author_kind = 'user'`)).toEqual([{ n: 0 }]);
  });
});
