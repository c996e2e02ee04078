import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { translator } from "@/server/i18n/locale";
import { chatRowItem } from "@/server/services/inbox-items";
import { ingestMessage } from "@/server/services/ingest";
import type { PublicUser } from "@/server/services/users";
import { tempDb } from "../../support/db";
import { makeChannel, makeUser, T0 } from "../../support/fixtures";
import { inboundText } from "../../support/inbound";

// Teams through tRPC as the screens use them: an administrator sets up two teams, agents say they are
// available, a customer writes, and the chat lands on the least-loaded agent; refusals come in the reader's language.
describe("routing procedures", () => {
  let t: ReturnType<typeof tempDb>;
  let now: number;
  let admin: PublicUser;
  let ana: PublicUser;
  let luis: PublicUser;
  beforeEach(async () => {
    t = tempDb();
    now = T0;
    admin = await makeUser(t.db, "admin", "Admin");
    ana = await makeUser(t.db, "agent", "Ana");
    luis = await makeUser(t.db, "agent", "Luis");
  });
  afterEach(() => t.close());
  const as = (user: PublicUser, locale?: "es" | "en" | "pt") => createCaller(createContext(user, t.db, () => now, locale));

  it("sets up teams, distributes by balance, shows load and queues, sends a chat back to a team", async () => {
    const channel = makeChannel(t.db);
    const ventas = await as(admin).routing.createTeam({ name: "Ventas", mode: "balanced", capacity: 2 });
    const soporte = await as(admin).routing.createTeam({ name: "Soporte" });
    await as(admin).routing.addMember({ teamId: ventas.id, userId: ana.id });
    await as(admin).routing.addMember({ teamId: ventas.id, userId: luis.id });
    await as(admin).routing.addMember({ teamId: soporte.id, userId: luis.id });
    await as(admin).routing.setChannelTeam({ channelId: channel.id, teamId: ventas.id });
    await as(ana).routing.setAvailability({ availability: "available" });
    await as(luis).routing.setAvailability({ availability: "available" });
    await as(admin).routing.setCapacity({ userId: luis.id, capacity: 1 });

    const first = ingestMessage(t.db, channel, inboundText("5511900000001", "Quero comprar", now), now);
    now += 1_000;
    const second = ingestMessage(t.db, channel, inboundText("5511900000002", "Preço?", now), now);
    now += 1_000;
    const third = ingestMessage(t.db, channel, inboundText("5511900000003", "Oi", now), now);
    const owner = async (chatId: number) => (await as(admin).chats.get({ chatId })).chat.assigneeId;
    expect([await owner(first.chatId), await owner(second.chatId), await owner(third.chatId)]).toEqual([ana.id, luis.id, ana.id]);

    expect(await as(ana).routing.me()).toMatchObject({ chosen: "available", availability: "available", load: 2, capacity: 2, teams: [{ name: "General", openNow: true }, { name: "Ventas", openNow: true }] });
    const mine = await as(luis).routing.teams();
    expect(mine.map((team) => team.name)).toEqual(["General", "Soporte", "Ventas"]);
    expect(mine.find((team) => team.name === "Ventas")!.members).toEqual([
      expect.objectContaining({ name: "Ana", load: 2, capacity: 2, availability: "available" }),
      expect.objectContaining({ name: "Luis", load: 1, capacity: 1, availability: "available" }),
    ]);
    expect((await as(ana).routing.teams()).map((team) => team.name)).toEqual(["General", "Ventas"]);

    // Ana sends one back to Soporte's queue (a transfer): it waits there in manual mode.
    const moved = await as(ana).routing.assignToTeam({ chatId: first.chatId, teamId: soporte.id });
    expect(moved).toMatchObject({ type: "transfer", chat: { assigneeId: null, teamId: soporte.id }, closedChatId: first.chatId });
    const queues = await as(admin).routing.teams();
    expect(queues.find((team) => team.name === "Soporte")).toMatchObject({ waiting: 1, oldestQueuedAt: now });
  });

  it("an agent's Unassigned holds their teams' chats, counters follow, lists filter by team, rows show team and offer", async () => {
    const web = makeChannel(t.db, "webchat", "site");
    const wa = makeChannel(t.db);
    const ventas = await as(admin).routing.createTeam({ name: "Ventas" });
    const soporte = await as(admin).routing.createTeam({ name: "Soporte", mode: "offer", offerSeconds: 60 });
    await as(admin).routing.addMember({ teamId: ventas.id, userId: ana.id });
    await as(admin).routing.addMember({ teamId: soporte.id, userId: luis.id });
    const general = (await as(admin).routing.teams()).find((team) => team.isDefault)!;
    await as(admin).routing.removeMember({ teamId: general.id, userId: ana.id });
    await as(admin).routing.setChannelTeam({ channelId: web.id, teamId: ventas.id });
    await as(admin).routing.setChannelTeam({ channelId: wa.id, teamId: soporte.id });
    await as(luis).routing.setAvailability({ availability: "available" });
    const sale = ingestMessage(t.db, web, { type: "message", channelExternalId: "", contact: { externalId: "v1", name: "Vera" }, providerMessageId: "w1", timestamp: now, direction: "in", kind: "text", body: "Preço?" }, now);
    const help = ingestMessage(t.db, wa, inboundText("5511900000009", "Ajuda", now), now);

    const ids = async (user: PublicUser, teamId?: number) => (await as(user).inbox.list({ section: "unassigned", status: "open", teamId })).rows.map((r) => r.id);
    expect(await ids(ana)).toEqual([sale.chatId]);
    expect(await ids(luis)).toEqual([help.chatId]);
    expect(await ids(admin)).toHaveLength(2);
    expect(await ids(admin, soporte.id)).toEqual([help.chatId]);
    expect(await ids(ana, soporte.id)).toEqual([]);
    expect((await as(ana).inbox.counts()).pending.unassigned).toBe(1);
    expect((await as(admin).inbox.counts()).pending.unassigned).toBe(2);

    // The Soporte chat is offered to Luis: the row says so, with the time left, and names the team.
    const [row] = (await as(admin).inbox.list({ section: "unassigned", status: "open", teamId: soporte.id })).rows;
    expect(chatRowItem(row!, now, "en", "UTC", translator("en")).meta).toBe("Soporte · Offered to Luis (1:00 left) · waiting since just now");

    // Without the shared inbox, another team's waiting chat is not Ana's to open or take; with it, it is.
    await as(admin).settings.update({ key: "sharedInbox", value: false });
    await expect(as(ana, "es").chats.get({ chatId: help.chatId })).rejects.toMatchObject({ code: "FORBIDDEN", message: "Este chat espera en la cola de otro equipo y la bandeja no es compartida." });
    await expect(as(ana).chats.send({ chatId: help.chatId, content: { kind: "text", body: "Oi" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await as(ana).chats.get({ chatId: sale.chatId })).chat.id).toBe(sale.chatId);
    await as(admin).settings.update({ key: "sharedInbox", value: true });
    expect((await as(ana).chats.get({ chatId: help.chatId })).chat.id).toBe(help.chatId);
  });

  it("refuses bad settings in the reader's language and changes nothing", async () => {
    const ventas = await as(admin).routing.createTeam({ name: "Ventas" });
    await expect(as(admin, "es").routing.updateTeam({ id: ventas.id, capacity: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "La capacidad debe ser un número entero de 1 a 100; se recibió 0." });
    await expect(as(admin, "pt").routing.updateTeam({ id: ventas.id, offerSeconds: 5 })).rejects.toMatchObject({ message: expect.stringMatching(/^Uma oferta dura de 30 segundos a 30 minutos/) });
    await expect(
      as(admin, "es").routing.setHours({ teamId: ventas.id, schedule: { timeZone: "Europe/Atlantis", days: [[], [], [], [], [], [], []], holidays: [] } }),
    ).rejects.toMatchObject({ message: expect.stringContaining("no es una zona horaria") });
    const channel = makeChannel(t.db);
    const empty = await as(admin).routing.createTeam({ name: "Vacío" });
    await t.db.$client.prepare("DELETE FROM team_members WHERE team_id = ?").run(empty.id);
    await expect(as(admin, "es").routing.setChannelTeam({ channelId: channel.id, teamId: empty.id })).rejects.toMatchObject({ message: "El equipo «Vacío» no tiene agentes, así que no puede recibir los chats de un canal." });
    const teams = await as(admin).routing.teams();
    expect(teams.find((team) => team.name === "Ventas")).toMatchObject({ capacity: 5, offerSeconds: 60, schedule: null });
    await expect(as(ana).routing.createTeam({ name: "Nope" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("accepts an update that names no field, and writes nothing (the hostile-input property found it failing inside)", async () => {
    const ventas = await as(admin).routing.createTeam({ name: "Ventas", capacity: 3 });
    const audits = () => t.db.$client.prepare("SELECT count(*) FROM audit_log WHERE action = 'team.update'").pluck().get();
    expect(await as(admin).routing.updateTeam({ id: ventas.id })).toMatchObject({ id: ventas.id, name: "Ventas", capacity: 3 });
    expect(audits()).toBe(0);
    await expect(as(admin).routing.updateTeam({ id: 999 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
