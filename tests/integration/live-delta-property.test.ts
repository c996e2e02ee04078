import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { isDomainError } from "@/server/domain/errors";
import { runDispatcher } from "@/server/jobs/dispatcher";
import { runLifecycleJobs } from "@/server/jobs/lifecycle";
import { pruneChanges } from "@/server/repositories/changes";
import type { ChannelRow } from "@/server/repositories/channels";
import { closeReasons } from "@/server/services/catalog";
import { acknowledgeReminderAction, assignChatAction, closeChatAction, scheduleChatAction } from "@/server/services/chat-actions";
import { deleteChat, deleteMessage } from "@/server/services/deletion";
import { eraseContact } from "@/server/services/erasure";
import { ingestMessage, ingestStatus } from "@/server/services/ingest";
import { currentSeq, type DeltaAnswer } from "@/server/services/live-delta";
import { sendMessage } from "@/server/services/send-message";
import { getSettings, updateSetting } from "@/server/services/settings";
import type { PublicUser } from "@/server/services/users";
import { whatsappChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { inboundText } from "../support/inbound";
import { LiveTab, renderScreen, shown, type Screen } from "../support/live";
import { whatsappSendApi } from "../support/send-api";
import { copyWorld } from "../support/world";

// Tabs kept current by live deltas must show what a fresh render shows, whatever happens to the chats
// and however the answers travel: lost, twice, late and out of order, or after a laptop slept past the
// server's memory of changes. Random writes through the real services are interleaved with polls from
// several viewers and views; after every step each tab polls once (honouring followups) and is compared
// with a page rendered from scratch.

/** Polls and renders use one fixed clock, so formatted row texts ("waiting 3 h") are comparable. */
const NOW = T0 + 36 * 3_600_000;
const SEEDED_CLOSED = 55; // more than a list page (50): rows move across the page boundary

const OPS = ["inboundNew", "inboundReturning", "reply", "assign", "transfer", "close", "schedule", "jobs", "acknowledge", "dispatch", "status", "deleteMessage", "deleteChat", "erase", "toggleShared", "renameReason", "restart", "none"] as const;
const OP_WEIGHTS: Record<(typeof OPS)[number], number> = {
  inboundNew: 4,
  inboundReturning: 6,
  reply: 4,
  assign: 3,
  transfer: 2,
  close: 2,
  schedule: 2,
  jobs: 2,
  acknowledge: 2,
  dispatch: 2,
  status: 2,
  deleteMessage: 1,
  deleteChat: 3,
  erase: 1,
  toggleShared: 1,
  renameReason: 1,
  restart: 2,
  none: 2,
};
/** What happens to one tab's answers during a step. */
const FAULTS = ["none", "lost", "duplicate", "reorder", "stash", "late", "navigate", "sleep", "loseListFetch"] as const;
const FAULT_WEIGHTS: Record<(typeof FAULTS)[number], number> = { none: 3, lost: 2, duplicate: 2, reorder: 2, stash: 2, late: 2, navigate: 4, sleep: 2, loseListFetch: 2 };

const weighted = <T extends string>(names: readonly T[], weights: Record<T, number>) => fc.oneof(...names.map((n) => ({ arbitrary: fc.constant(n), weight: weights[n] })));
const step = fc.record({
  op: weighted(OPS, OP_WEIGHTS),
  fault: weighted(FAULTS, FAULT_WEIGHTS),
  minutes: fc.integer({ min: 1, max: 12 }),
  tab: fc.nat(),
  pick: fc.nat(),
  other: fc.nat(),
});
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

interface Company {
  admin: PublicUser;
  agents: PublicUser[];
  channel: ChannelRow;
  reasonIds: number[];
  phones: string[];
  /** Open chats: unassigned, Ana's, Luis's, Bia's. */
  ongoing: number[];
}

describe("live deltas keep every tab equal to a fresh render", () => {
  let template: string;
  let company: Company;

  // Users (password hashing) and a history of closed chats are made once; each run copies the folder.
  beforeAll(async () => {
    const base = tempDb();
    const db = base.db;
    const admin = await makeUser(db, "admin", "Alice Admin");
    const agents = [await makeUser(db, "agent", "Ana"), await makeUser(db, "agent", "Luis"), await makeUser(db, "agent", "Bia")];
    const channel = whatsappChannel(db);
    const reasonIds = [closeReasons.create(db, "Resolvido", { actorId: admin.id, now: T0 }).id, closeReasons.create(db, "Sem resposta", { actorId: admin.id, now: T0 }).id];
    const phones: string[] = [];
    for (let i = 0; i < SEEDED_CLOSED; i++) {
      const phone = `55118000${String(i).padStart(4, "0")}`;
      const at = T0 - 6 * 3_600_000 + i * 60_000;
      phones.push(phone);
      const { chatId } = ingestMessage(db, channel, inboundText(phone, `antigo ${i}`, at), at);
      if (i % 4) assignChatAction(db, { viewer: admin, now: at }, chatId, agents[i % 3]!.id);
      closeChatAction(db, { viewer: admin, now: at + 1 }, chatId, reasonIds[i % 2]!);
    }
    // And chats going on: one unassigned and one for each agent, which the tabs start with open.
    const ongoing: number[] = [];
    for (let i = 0; i < 4; i++) {
      const phone = `55117000${String(i).padStart(4, "0")}`;
      const at = T0 - 3_600_000 + i * 60_000;
      phones.push(phone);
      const { chatId } = ingestMessage(db, channel, inboundText(phone, `em curso ${i}`, at), at);
      if (i) assignChatAction(db, { viewer: admin, now: at }, chatId, agents[i - 1]!.id);
      ongoing.push(chatId);
    }
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    db.$client.close();
    template = base.dir;
    company = { admin, agents, channel, reasonIds, phones, ongoing };
  });
  afterAll(() => fs.rmSync(template, { recursive: true, force: true }));

  it("after random writes, polls and lost, repeated, late and stale answers", async () => {
    const totals = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 150, maxLength: 150 }), async (steps) => {
        const cell = copyWorld(template);
        const file = path.join(cell.dir, "charla.db");
        const server = { db: openDatabase(file) };
        try {
          await run(cell.db, server, file, steps, totals);
        } finally {
          server.db.$client.close();
          cell.close();
        }
      }),
      // Shrinking 150 steps of database work takes minutes; the failure names its step, operation and tab.
      { numRuns: 2, seed: 20261201, endOnFailure: true },
    );
    // The runs went through every path a tab can take, not only "unchanged".
    const paths = ["unchanged", "counts", "list patch", "chat messages", "refresh", "list fetch", "list fetch lost", "stale ignored", "resync"];
    for (const seen of [...paths, ...OPS.filter((op) => op !== "none").map((op) => `op ${op}`)]) {
      expect(totals.get(seen) ?? 0, seen).toBeGreaterThan(0);
    }
  });

  async function run(writer: Db, server: { db: Db }, file: string, steps: Step[], totals: Map<string, number>) {
    const { admin, agents, channel, reasonIds, ongoing } = company;
    const [unassigned, anas, luiss, bias] = ongoing as [number, number, number, number];
    const [ana, luis, bia] = agents as [PublicUser, PublicUser, PublicUser];
    const phones = [...company.phones];
    const count = (what: string) => totals.set(what, (totals.get(what) ?? 0) + 1);
    let clock = T0;
    let current = steps[0]!;
    const pick = <X>(xs: readonly X[], n = current.pick): X | undefined => (xs.length ? xs[n % xs.length] : undefined);
    const ids = (sql: string, ...params: unknown[]) => writer.$client.prepare(sql).pluck().all(...params) as number[];
    const active = () => writer.$client.prepare("SELECT id, assignee_id AS assigneeId FROM chats WHERE status <> 'closed' ORDER BY id").all() as { id: number; assigneeId: number | null }[];
    const everyone = [admin, ...agents];
    const userById = (id: number | null) => everyone.find((u) => u.id === id);
    const phonesOfOpenChats = () => {
      const open = tabs.map((t) => t.live.screen.chatId).filter((id) => id !== null);
      return writer.$client.prepare("SELECT DISTINCT ct.phone FROM chats c JOIN contacts ct ON ct.id = c.contact_id WHERE c.status <> 'closed' AND c.id IN (SELECT value FROM json_each(?))").pluck().all(JSON.stringify(open)) as string[];
    };
    /** Where the server's feed starts since its last restart: a tab behind it resyncs. */
    let floor = 0;
    let newPhones = 0;
    let renames = 0;

    const screens: Screen[] = [
      { user: admin, locale: "en", list: { section: "all", status: "open", order: "desc" }, chatId: unassigned },
      { user: admin, locale: "pt", list: { section: "all", status: "closed" }, chatId: null },
      { user: ana, locale: "es", list: { section: "mine", status: "open" }, chatId: anas },
      { user: ana, locale: "en", list: { section: "unassigned", status: "open", pendingOnly: true }, chatId: unassigned },
      { user: luis, locale: "en", list: { section: "teammates", status: "open", order: "asc" }, chatId: bias },
      { user: luis, locale: "es", list: { section: "mine", status: "scheduled" }, chatId: luiss },
      { user: bia, locale: "pt", list: { section: "mine", status: "open", pendingOnly: true, order: "desc" }, chatId: bias },
    ];
    const tabs = screens.map((screen) => ({ live: new LiveTab(screen, server.db, NOW), stash: [] as DeltaAnswer[], sleepUntil: -1, loseListFetch: false }));

    const openChatIds = () => tabs.map((t) => t.live.screen.chatId).filter((id) => id !== null);
    // Each operation says whether it found something to act on (a refused one throws), so the run can show
    // that every kind of write happened.
    const ops: Record<(typeof OPS)[number], () => boolean | Promise<boolean>> = {
      inboundNew: () => {
        const phone = `55119700${String(newPhones++).padStart(4, "0")}`;
        phones.push(phone);
        const media = current.other % 4 === 0 ? { kind: "image" as const, media: [{ providerMediaId: `media.${phone}`, mimeType: "image/jpeg" }] } : {};
        ingestMessage(writer, channel, inboundText(phone, `oi ${phone}`, clock, media), clock);
        return true;
      },
      inboundReturning: () => {
        // Mostly someone whose chat a tab has open: that is where a delta carries messages.
        const phone = (current.other % 3 ? pick(phonesOfOpenChats()) : undefined) ?? pick(phones)!;
        // Now and then the person has changed their profile name, which the list and the pane show.
        const name = current.other % 5 === 0 ? `Novo nome ${++renames}` : undefined;
        const event = inboundText(phone, `de novo ${current.other}`, clock, current.other % 6 === 1 ? { kind: "file" as const, media: [{ providerMediaId: `doc.${clock}`, fileName: "pedido.pdf" }] } : {});
        ingestMessage(writer, channel, name ? { ...event, contact: { ...event.contact, name } } : event, clock);
        return true;
      },
      reply: () => {
        const open = new Set(openChatIds());
        const chat = pick(current.other % 2 ? active().filter((c) => open.has(c.id)) : active()) ?? pick(active());
        if (!chat) return false;
        const author = userById(chat.assigneeId) ?? pick(everyone, current.other)!;
        sendMessage(writer, { viewer: author, now: clock }, chat.id, { kind: "text", body: `resposta ${current.other}` });
        return true;
      },
      assign: () => {
        const chat = pick(active().filter((c) => c.assigneeId === null));
        if (!chat) return false;
        assignChatAction(writer, { viewer: admin, now: clock }, chat.id, pick(agents, current.other)!.id);
        return true;
      },
      transfer: () => {
        const chat = pick(active().filter((c) => c.assigneeId !== null));
        if (!chat) return false;
        // The holder hands it on, or an administrator does.
        const actor = current.other % 2 ? userById(chat.assigneeId)! : admin;
        assignChatAction(writer, { viewer: actor, now: clock }, chat.id, pick(agents.filter((a) => a.id !== chat.assigneeId), current.other)!.id);
        return true;
      },
      close: () => {
        const chat = pick(active());
        if (!chat) return false;
        closeChatAction(writer, { viewer: admin, now: clock }, chat.id, pick(reasonIds, current.other)!);
        return true;
      },
      schedule: () => {
        const chat = pick(active());
        if (!chat) return false;
        scheduleChatAction(writer, { viewer: admin, now: clock }, chat.id, clock + (1 + (current.other % 40)) * 60_000, current.other % 2 ? "ligar" : null);
        return true;
      },
      jobs: () => {
        const done = runLifecycleJobs(writer, clock);
        return done.remindersFired + done.closedInactive > 0;
      },
      acknowledge: () => {
        const chat = pick(writer.$client.prepare("SELECT id, assignee_id AS assigneeId FROM chats WHERE reminder_due = 1 AND status = 'open'").all() as { id: number; assigneeId: number }[]);
        if (!chat) return false;
        acknowledgeReminderAction(writer, { viewer: userById(chat.assigneeId) ?? admin, now: clock }, chat.id);
        return true;
      },
      dispatch: async () => {
        const report = await runDispatcher(writer, { now: () => clock, fetchImpl: whatsappSendApi(pick([200, 200, 503, 400], current.other)) });
        return report.sent + report.failed + report.retrying > 0;
      },
      status: () => {
        const sent = pick(writer.$client.prepare("SELECT provider_message_id AS pid FROM messages WHERE direction = 'out' AND status IN ('sent', 'delivered') AND provider_message_id IS NOT NULL").all() as { pid: string }[]);
        if (!sent) return false;
        return ingestStatus(writer, channel, { type: "status", channelExternalId: channel.externalId!, providerMessageId: sent.pid, status: current.other % 2 ? "read" : "delivered", timestamp: clock }).updated;
      },
      deleteMessage: () => {
        // Often one with a file, in a chat a tab shows: its file must go from the pane too.
        const inOpenChat = ids(
          "SELECT m.id FROM messages m WHERE m.deleted_at IS NULL AND m.chat_id IN (SELECT value FROM json_each(?)) ORDER BY EXISTS (SELECT 1 FROM attachments a WHERE a.message_id = m.id) DESC, m.id",
          JSON.stringify(openChatIds()),
        );
        const id = current.other % 2 ? inOpenChat[0] : pick(ids("SELECT id FROM messages WHERE deleted_at IS NULL ORDER BY id"));
        if (id === undefined) return false;
        deleteMessage(writer, admin, id, clock);
        return true;
      },
      deleteChat: () => {
        // Half the time one on the first page of the long closed list: the next one moves up into the page.
        const id = pick(current.other % 2 ? (tabs[1]!.live.state.list?.ids ?? []) : ids("SELECT id FROM chats ORDER BY id")) ?? pick(ids("SELECT id FROM chats ORDER BY id"));
        if (id === undefined) return false;
        deleteChat(writer, admin, id, clock);
        return true;
      },
      erase: () => {
        const id = pick(ids("SELECT id FROM contacts ORDER BY id"));
        if (id === undefined) return false;
        eraseContact(writer, admin, id, clock);
        return true;
      },
      toggleShared: () => {
        updateSetting(writer, "sharedInbox", !getSettings(writer).sharedInbox, { actorId: admin.id, now: clock });
        return true;
      },
      renameReason: () => {
        closeReasons.update(writer, pick(reasonIds, current.other)!, { label: `Motivo ${current.other}` }, { actorId: admin.id, now: clock });
        return true;
      },
      restart: () => {
        // The retention passed and the server restarted: its new feed starts at the newest change.
        pruneChanges(writer, Date.now() + 3_600_000);
        server.db.$client.close();
        server.db = openDatabase(file);
        floor = currentSeq(server.db);
        return true;
      },
      none: () => false,
    };

    const SECTIONS = ["mine", "unassigned", "teammates", "all"] as const;
    const STATUSES = ["open", "scheduled", "closed"] as const;
    const navigate = (tab: (typeof tabs)[number]) => {
      const { live } = tab;
      live.screen.list = { section: pick(SECTIONS)!, status: pick(STATUSES, current.other)!, pendingOnly: current.pick % 3 === 0, order: pick([undefined, "asc", "desc"] as const, current.other + 1) };
      live.render(server.db);
      // Sometimes the second page, sometimes a chat from the list, another or none.
      if (current.other % 4 === 0 && live.state.list?.nextCursor) live.screen.list = { ...live.screen.list, cursor: live.state.list.nextCursor };
      const candidates = [ids("SELECT id FROM chats ORDER BY id"), live.state.list?.ids ?? [], active().map((c) => c.id), active().map((c) => c.id)][current.other % 4]!;
      live.screen.chatId = current.other % 7 === 0 ? null : (pick(candidates, current.other) ?? null);
      live.render(server.db);
      // Answers to the previous view's polls are dropped with it (the browser aborts them).
      tab.stash = [];
    };

    const expectCurrent = (tab: (typeof tabs)[number], where: string) =>
      expect(shown(tab.live.rendered), where).toEqual(shown(renderScreen(server.db, tab.live.screen, NOW)));
    const apply = (tab: (typeof tabs)[number], answer: DeltaAnswer) => {
      if (answer.seq < tab.live.state.seq) count("stale ignored");
      tab.live.apply(server.db, answer);
    };

    let refused = 0;
    for (const [i, s] of steps.entries()) {
      current = s;
      clock += s.minutes * 60_000;
      const tab = tabs[s.tab % tabs.length]!;
      const awake = tab.sleepUntil <= i;
      const fault = awake ? s.fault : "none";
      const early = fault === "lost" || fault === "reorder" || fault === "stash" ? tab.live.poll(server.db) : null;
      // A tab polled at the end of the last step is current until this step's write.
      const wasCurrent = tab.sleepUntil < i;
      if (fault === "late") {
        const old = tab.stash.shift();
        if (old) {
          apply(tab, old);
          if (wasCurrent) expectCurrent(tab, `step ${i}: a late answer on tab ${s.tab % tabs.length}`);
        }
      }

      try {
        if (await ops[s.op]()) count(`op ${s.op}`);
      } catch (err) {
        if (!isDomainError(err)) throw err;
        refused += 1; // a rule said no (the reply window, a closed chat): nothing was written
      }

      switch (fault) {
        case "duplicate": {
          const answer = tab.live.poll(server.db);
          apply(tab, answer);
          apply(tab, answer);
          break;
        }
        case "reorder": {
          apply(tab, tab.live.poll(server.db));
          apply(tab, early!);
          // The newer answer made the tab current; the older one, applied after it, must not undo that.
          expectCurrent(tab, `step ${i}: answers out of order on tab ${s.tab % tabs.length}`);
          break;
        }
        case "stash":
          tab.stash.push(early!);
          break;
        case "late":
          break;
        case "navigate":
          // The administrator's closed history (tab 1) stays put: it is the list longer than a page.
          if (tab !== tabs[1]) navigate(tab);
          break;
        case "sleep":
          tab.sleepUntil = i + 2 + (s.other % 15);
          break;
        case "loseListFetch":
          // The next time this tab must fetch its whole list, that answer is lost.
          tab.loseListFetch = true;
          break;
        case "lost":
        case "none":
          break;
      }

      for (const [k, t] of tabs.entries()) {
        if (t.sleepUntil > i) continue;
        if (t.loseListFetch) {
          const before = t.live.listFetches;
          t.live.apply(server.db, t.live.poll(server.db), { loseListFetch: true });
          if (t.live.listFetches > before) {
            t.loseListFetch = false;
            count("list fetch lost");
          }
        }
        if (t.live.state.seq < floor) count("resync");
        const refreshes = t.live.refreshes;
        const fetches = t.live.listFetches;
        const answer = t.live.sync(server.db);
        if (answer.unchanged) count("unchanged");
        else {
          if (answer.counts) count("counts");
          if (answer.list && !answer.list.complete) count("list patch");
          if (answer.chat && "messages" in answer.chat && answer.chat.messages.length) count("chat messages");
        }
        if (t.live.refreshes > refreshes) count("refresh");
        if (t.live.listFetches > fetches) count("list fetch");
        expectCurrent(t, `step ${i} (${s.op}, ${s.fault} on tab ${s.tab % tabs.length}): tab ${k}`);
      }
    }
    expect(refused).toBeLessThan(steps.length / 3);
  }
});
