import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "@/db/client";
import type { InboundMessage } from "@/server/channels/types";
import { listChannels, type ChannelRow } from "@/server/repositories/channels";
import { ingestMessage } from "@/server/services/ingest";
import { acceptInbound, fileAllDueInbound } from "@/server/services/inbound-queue";
import { DEFAULT_END } from "../lib/generate";
import { round } from "../lib/measure";
import { Rng, zipf } from "../lib/prng";
import type { Figure, Goal, Suite, SuiteContext, SuiteResult } from "../lib/types";
import { WORDS } from "../lib/words";
import { label } from "./inbox-queries";

// In-process ingest, the service alone (no HTTP), as a webhook runs it: accepting a delivery into the inbound
// queue (acceptInbound, its own transaction — what the webhook's answer waits for), then filing the queue
// into contacts, chats and messages in batches (fileAllDueInbound, what the server does right after). Both
// against raw better-sqlite3 single-row inserts, each in its own transaction, on the same file system with
// the app's pragmas (WAL, synchronous=NORMAL). Also measured: filing each message in its own transaction
// (ingestMessage, how webhooks were stored before the queue), to show what batching buys. All in alternating
// blocks so that whatever else the machine does slows them alike; each figure is the median of its blocks.

const GOAL_RATIO = 0.4;

interface Known {
  channelId: number;
  externalId: string;
  name: string;
}

/** A contact who wrote recently in this run (the last 200 events). */
function continuing(rng: Rng, out: Array<{ channel: ChannelRow; event: InboundMessage }>): Known {
  const e = out[Math.max(0, out.length - 1 - rng.int(0, 199))]!;
  return { channelId: e.channel.id, externalId: e.event.contact.externalId, name: e.event.contact.name ?? "" };
}

function events(rng: Rng, channels: ChannelRow[], known: Known[], n: number, runId: string): Array<{ channel: ChannelRow; event: InboundMessage; isNew: boolean }> {
  const words = zipf(WORDS.pt, 0.95);
  const byId = new Map(channels.map((c) => [c.id, c]));
  const out: Array<{ channel: ChannelRow; event: InboundMessage; isNew: boolean }> = [];
  for (let i = 0; i < n; i++) {
    // As webhooks arrive: three in ten from people who never wrote before, two in ten from known contacts
    // coming back (a new chat), and half continue a conversation already going in this run.
    const r = rng.next();
    const existing = r < 0.5 && out.length > 0 ? continuing(rng, out) : r < 0.7 && known.length > 0 ? rng.pick(known) : null;
    const channel = existing ? byId.get(existing.channelId)! : rng.pick(channels);
    const externalId = existing?.externalId ?? `bench-${runId}-${i}`;
    const body = Array.from({ length: rng.int(2, 18) }, () => words.draw(rng)).join(" ");
    out.push({
      channel,
      isNew: !existing,
      event: {
        type: "message",
        channelExternalId: channel.externalId ?? "",
        // Providers send the profile name with every message (ingest keeps the contact's name current).
        contact: { externalId, name: existing?.name ?? `Contato ${i}`, phone: channel.type === "whatsapp" ? externalId : undefined },
        providerMessageId: `bench-${runId}-${i}`,
        timestamp: DEFAULT_END + i * 1000,
        direction: "in",
        kind: "text",
        body,
      },
    });
  }
  return out;
}

function copyOf(source: string, file: string): void {
  for (const x of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(x, { force: true });
  // A consistent copy through SQLite's own backup.
  const src = new Database(source, { readonly: true });
  src.exec(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
  src.close();
}

function rawConnection(file: string): Database.Database {
  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  raw.pragma("foreign_keys = ON");
  raw.pragma("busy_timeout = 5000");
  return raw;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const ingestInprocess: Suite = {
  id: "ingest-inprocess",
  title: "Ingest in-process (accept, then file in batches) vs raw single-row inserts",
  kind: "data",
  run(ctx: SuiteContext): SuiteResult {
    const messages = ctx.sizes.includes(100_000) ? 100_000 : Math.min(...ctx.sizes);
    ctx.log(`ingest-inprocess: into copies of the ${label(messages)} database …`);
    const source = ctx.dataset(messages);
    const at = (name: string) => path.join(ctx.scratchDir, name);
    const files = { app: at("ingest.db"), single: at("ingest-single.db"), raw: at("raw-ceiling.db") };
    for (const f of [files.app, files.single]) copyOf(source, f);
    for (const x of [files.raw, `${files.raw}-wal`, `${files.raw}-shm`]) fs.rmSync(x, { force: true });
    const db = openDatabase(files.app);
    const single = openDatabase(files.single);
    const raw = rawConnection(files.raw);
    raw.exec("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, chat_id INTEGER NOT NULL, body TEXT, created_at INTEGER NOT NULL)");
    const rawInsert = raw.prepare("INSERT INTO t (chat_id, body, created_at) VALUES (?, ?, ?)");
    const rawOne = raw.transaction((i: number, body: string) => rawInsert.run(i % 1000, body, i));
    const conns = [db.$client, single.$client, raw];

    try {
      const rng = new Rng(42);
      const channels = listChannels(db);
      const known = db.$client
        .prepare("SELECT i.channel_id AS channelId, i.external_id AS externalId, c.name FROM contact_identities i JOIN contacts c ON c.id = i.contact_id ORDER BY i.id")
        .all() as Known[];
      const sampleOfKnown = Array.from({ length: Math.min(5000, known.length) }, () => rng.pick(known));
      const block = ctx.quick ? 300 : 1000;
      const blocks = ctx.quick ? 4 : 8;
      const warm = 200;
      const evs = events(rng, channels, sampleOfKnown, warm + block * blocks, String(process.pid));
      const times: number[] = [];
      let now = DEFAULT_END + 86_400_000;
      for (let i = 0; i < evs.length; i++) times.push((now += 1000));
      const accept = (k: number) => acceptInbound(db, [{ channel: evs[k]!.channel, event: evs[k]!.event }], times[k]!);

      for (let i = 0; i < warm; i++) {
        accept(i);
        ingestMessage(single, evs[i]!.channel, evs[i]!.event, times[i]!);
        rawOne(i, evs[i]!.event.body!);
      }
      fileAllDueInbound(db, times[warm - 1]!);

      const rates = { accept: [] as number[], file: [] as number[], both: [] as number[], single: [] as number[], raw: [] as number[] };
      // Per CPU second as well: on a shared machine the process's own CPU time is steadier than the clock.
      const cpu = { accept: [] as number[], file: [] as number[], single: [] as number[], raw: [] as number[] };
      const timed = (which: keyof typeof cpu, fn: () => void): number => {
        const c0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        fn();
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        const c = process.cpuUsage(c0);
        rates[which].push(block / seconds);
        cpu[which].push(block / ((c.user + c.system) / 1e6));
        return seconds;
      };
      let filed = 0;
      let openedChats = 0;
      let batches = 0;
      for (let b = 0; b < blocks; b++) {
        const from = warm + b * block;
        const to = from + block;
        timed("raw", () => { for (let k = from; k < to; k++) rawOne(k, evs[k]!.event.body!); });
        const acceptSeconds = timed("accept", () => { for (let k = from; k < to; k++) accept(k); });
        const fileSeconds = timed("file", () => {
          const r = fileAllDueInbound(db, times[to - 1]!);
          filed += r.stored;
          batches += Math.ceil(r.deliveries / 100);
        });
        rates.both.push(block / (acceptSeconds + fileSeconds));
        timed("single", () => {
          for (let k = from; k < to; k++) if (ingestMessage(single, evs[k]!.channel, evs[k]!.event, times[k]!).openedChat) openedChats++;
        });
      }
      if (filed !== block * blocks) throw new Error(`filed ${filed} of ${block * blocks} accepted messages`);
      const m = Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, median(v)])) as Record<keyof typeof rates, number>;
      const perCpu = Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, Math.round(median(v))]));
      const ratio = m.accept / m.raw;
      const ratioBoth = m.both / m.raw;
      const blockDetails = Object.fromEntries(Object.entries(rates).map(([k, v]) => [`${k}Blocks`, v.map(Math.round)]));
      const vsRaw = { label: "raw single-row insert txns/s (ceiling)", value: Math.round(m.raw), unit: "rows/s" };
      const figures: Figure[] = [
        { id: "ingest.inprocess", suite: "ingest-inprocess", label: "ingest: deliveries accepted/s (acceptInbound, one transaction each; what a webhook waits for)", value: Math.round(m.accept), unit: "msg/s", against: vsRaw, ratio: round(ratio, 3), details: { ...blockDetails, perCpuSecond: perCpu, database: `${label(messages)} messages` } },
        { id: "ingest.filed", suite: "ingest-inprocess", label: "ingest end to end: accepted and filed into chats, messages/s", value: Math.round(m.both), unit: "msg/s", against: vsRaw, ratio: round(ratioBoth, 3), details: { newContacts: evs.slice(warm).filter((e) => e.isNew).length, openedChats } },
        { id: "ingest.filing", suite: "ingest-inprocess", label: "filing alone (fileAllDueInbound, batches of 100 deliveries), messages/s", value: Math.round(m.file), unit: "msg/s", against: vsRaw, ratio: round(m.file / m.raw, 3), details: { batches } },
        { id: "ingest.per-message", suite: "ingest-inprocess", label: "filing each message in its own transaction (ingestMessage), messages/s", value: Math.round(m.single), unit: "msg/s", against: vsRaw, ratio: round(m.single / m.raw, 3) },
        { id: "ingest.raw-ceiling", suite: "ingest-inprocess", label: "raw better-sqlite3 single-row insert, one transaction each", value: Math.round(m.raw), unit: "rows/s" },
      ];
      const goals: Goal[] = [
        { id: "ingest-ratio", suite: "ingest-inprocess", target: `ingest (accepting a delivery, what the webhook waits for) ≥ ${GOAL_RATIO * 100}% of raw single-row inserts`, measured: `${Math.round(m.accept)} / ${Math.round(m.raw)} = ${round(ratio * 100, 1)}%`, holds: ratio >= GOAL_RATIO },
        // "End to end ≥ 40% of raw inserts" was retired by issue 11: filing runs at thousands of messages a second,
        // far above any company's peak. What replaced it is judged over HTTP (http-ingest): filing keeps up with
        // the server's own webhook ceiling. The end-to-end figure stays above, for comparison between runs.
      ];
      return {
        figures,
        goals,
        ratios: [
          { id: "ingest-vs-raw", label: "accepted / raw insert", numerator: "ingest.inprocess", denominator: "ingest.raw-ceiling", value: round(ratio, 3) },
          { id: "ingest-filed-vs-raw", label: "accepted and filed / raw insert", numerator: "ingest.filed", denominator: "ingest.raw-ceiling", value: round(ratioBoth, 3) },
        ],
        notes: [`per CPU second: accept ${perCpu.accept}, filing ${perCpu.file}, one transaction per message ${perCpu.single}, raw ${perCpu.raw}`],
      };
    } finally {
      for (const c of conns) c.close();
      for (const f of Object.values(files)) for (const x of [f, `${f}-wal`, `${f}-shm`]) fs.rmSync(x, { force: true });
    }
  },
};
