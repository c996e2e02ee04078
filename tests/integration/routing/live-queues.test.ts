import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TIME_LEFT_MARK } from "@/server/domain/routing";
import { assignChatAction } from "@/server/services/chat-actions";
import { ingestMessage } from "@/server/services/ingest";
import type { DeltaAnswer } from "@/server/services/live-delta";
import { declineOffer } from "@/server/services/routing/offers";
import { setAvailability } from "@/server/services/routing/presence";
import { addTeamMember, createTeam, setChannelDefaultTeam } from "@/server/services/routing/teams";
import type { PublicUser } from "@/server/services/users";
import { tempDb } from "../../support/db";
import { makeChannel, makeUser, T0 } from "../../support/fixtures";
import { inboundText } from "../../support/inbound";
import { LiveTab, renderScreen, shown } from "../../support/live";

// The inbox's queue view is live (issue 13): each queue's waiting count and oldest wait travel with the
// counters of the per-viewer delta, only when they change and only to people who see that queue; an offered
// row carries its deadline (the browser counts down) and is sent again when the offer ends.

const at = (minutes: number) => T0 + minutes * 60_000;
type Changed = Extract<DeltaAnswer, { unchanged: false }>;
const changed = (answer: DeltaAnswer): Changed => {
  expect(answer.unchanged).toBe(false);
  return answer as Changed;
};

describe("live queue counts", () => {
  let t: ReturnType<typeof tempDb>;
  let admin: PublicUser, ana: PublicUser, luis: PublicUser;
  let ventas: number, soporte: number;
  let sales: ReturnType<typeof makeChannel>, support: ReturnType<typeof makeChannel>;
  beforeEach(async () => {
    t = tempDb();
    admin = await makeUser(t.db, "admin", "Alice Admin");
    ana = await makeUser(t.db, "agent", "Ana");
    luis = await makeUser(t.db, "agent", "Luis");
    const actor = { actorId: admin.id, now: at(0) };
    // Ventas waits by hand (manual) and holds Ana; Soporte offers its chats and holds Luis.
    ventas = createTeam(t.db, { name: "Ventas" }, actor).id;
    soporte = createTeam(t.db, { name: "Soporte", mode: "offer", offerSeconds: 60 }, actor).id;
    addTeamMember(t.db, ventas, ana.id, actor);
    addTeamMember(t.db, soporte, luis.id, actor);
    sales = makeChannel(t.db, "whatsapp", "111");
    support = makeChannel(t.db, "whatsapp", "222");
    setChannelDefaultTeam(t.db, sales.id, ventas, actor);
    setChannelDefaultTeam(t.db, support.id, soporte, actor);
  });
  afterEach(() => t.close());

  const write = (channel: ReturnType<typeof makeChannel>, phone: string, text: string, minutes: number) =>
    ingestMessage(t.db, channel, inboundText(phone, text, at(minutes)), at(minutes)).chatId;
  const tab = (user: PublicUser, now: number) => new LiveTab({ user, locale: "en", list: { section: "unassigned", status: "open" }, chatId: null }, t.db, now);

  it("carries each queue's waiting count and oldest wait when they change, only to those who see the queue", () => {
    const now = at(30);
    const anas = tab(ana, now);
    const luiss = tab(luis, now);
    expect(anas.state.counts.queues).toEqual([]);

    const first = write(sales, "5511900000001", "Quero comprar", 1);
    const answer = changed(anas.sync(t.db));
    expect(answer.counts?.queues).toEqual([{ teamId: ventas, waiting: 1, oldestQueuedAt: at(1) }]);
    // Luis is not in Ventas: his counters (All moved) carry no queue of his.
    expect(changed(luiss.poll(t.db)).counts?.queues).toEqual([]);

    write(sales, "5511900000002", "Preço?", 2);
    expect(changed(anas.sync(t.db)).counts?.queues).toEqual([{ teamId: ventas, waiting: 2, oldestQueuedAt: at(1) }]);

    // The same contact writing again changes the row but no counter: the counters are not sent again.
    write(sales, "5511900000001", "Alguém?", 3);
    const again = changed(anas.sync(t.db));
    expect(again.list?.rows.map((r) => r.id)).toEqual([first]);
    expect(again.counts).toBeUndefined();

    // Taking the oldest chat leaves one waiting, the second-oldest.
    assignChatAction(t.db, { viewer: admin, now: at(4) }, first, ana.id);
    expect(changed(anas.sync(t.db)).counts?.queues).toEqual([{ teamId: ventas, waiting: 1, oldestQueuedAt: at(2) }]);
    // The patched tab shows what a fresh render shows, queues included.
    expect(shown(anas.rendered)).toEqual(shown(renderScreen(t.db, anas.screen, now)));
    // Administrators see every queue.
    expect(renderScreen(t.db, { user: admin, locale: "en", list: null, chatId: null }, now).state.counts.queues).toEqual([{ teamId: ventas, waiting: 1, oldestQueuedAt: at(2) }]);
  });

  it("sends an offered row with its deadline, and again without it when the offer is let pass", () => {
    setAvailability(t.db, luis.id, "available", at(0));
    const now = at(0) + 20_000;
    const admins = tab(admin, now);
    const chatId = write(support, "5511900000009", "Ajuda", 0);
    const offered = changed(admins.sync(t.db)).list!.rows.find((r) => r.id === chatId)!;
    expect(offered.countdown).toEqual({ until: at(0) + 60_000, text: expect.stringContaining(`Offered to Luis (${TIME_LEFT_MARK} left)`) });
    expect(offered.meta).toContain("Offered to Luis (0:40 left)");
    expect(offered.countdown!.text.replace(TIME_LEFT_MARK, "0:40")).toBe(offered.meta);

    declineOffer(t.db, luis, chatId, at(0) + 30_000);
    const passed = changed(admins.sync(t.db)).list!.rows.find((r) => r.id === chatId)!;
    expect(passed.countdown).toBeNull();
    expect(passed.meta).not.toContain("Offered");
    expect(admins.state.counts.queues).toEqual([{ teamId: soporte, waiting: 1, oldestQueuedAt: at(0) }]);
  });
});
