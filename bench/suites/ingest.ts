import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "@/db/client";
import type { InboundMessage } from "@/server/channels/types";
import { listChannels, type ChannelRow } from "@/server/repositories/channels";
import { ingestMessage } from "@/server/services/ingest";
import { DEFAULT_END } from "../lib/generate";
import { round } from "../lib/measure";
import { Rng, zipf } from "../lib/prng";
import type { Figure, Goal, Suite, SuiteContext, SuiteResult } from "../lib/types";
import { WORDS } from "../lib/words";
import { label } from "./inbox-queries";

// ingestMessage (the in-process ingest service, as a webhook route calls it) against its ceiling, measured in
// the same run on the same file system: raw better-sqlite3 single-row inserts, each in its own transaction,
// with the app's pragmas (WAL, synchronous=NORMAL). The two are measured in alternating blocks so that
// whatever else the machine is doing slows both alike; the figure is the median of the blocks.

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

export const ingestInprocess: Suite = {
  id: "ingest-inprocess",
  title: "ingestMessage throughput vs raw single-row inserts",
  kind: "data",
  run(ctx: SuiteContext): SuiteResult {
    const messages = ctx.sizes.includes(100_000) ? 100_000 : Math.min(...ctx.sizes);
    ctx.log(`ingest-inprocess: into a copy of the ${label(messages)} database …`);
    const source = ctx.dataset(messages);
    const file = path.join(ctx.scratchDir, "ingest.db");
    const rawFile = path.join(ctx.scratchDir, "raw-ceiling.db");
    for (const f of [file, rawFile]) for (const x of [f, `${f}-wal`, `${f}-shm`]) fs.rmSync(x, { force: true });
    // A consistent copy through SQLite's own backup, then the app's open (pragmas, migrations).
    const src = new Database(source, { readonly: true });
    src.exec(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
    src.close();
    const db = openDatabase(file);
    const raw = new Database(rawFile);
    raw.pragma("journal_mode = WAL");
    raw.pragma("synchronous = NORMAL");
    raw.pragma("foreign_keys = ON");
    raw.pragma("busy_timeout = 5000");
    raw.exec("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, chat_id INTEGER NOT NULL, body TEXT, created_at INTEGER NOT NULL)");
    const rawInsert = raw.prepare("INSERT INTO t (chat_id, body, created_at) VALUES (?, ?, ?)");
    const rawOne = raw.transaction((i: number, body: string) => rawInsert.run(i % 1000, body, i));

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
      let now = DEFAULT_END + 86_400_000;
      for (let i = 0; i < warm; i++) {
        ingestMessage(db, evs[i]!.channel, evs[i]!.event, (now += 1000));
        rawOne(i, evs[i]!.event.body!);
      }
      const ingestRates: number[] = [];
      const rawRates: number[] = [];
      let k = warm;
      let rawK = warm;
      let newContacts = 0;
      let openedChats = 0;
      for (let b = 0; b < blocks; b++) {
        let t0 = process.hrtime.bigint();
        for (let i = 0; i < block; i++) {
          rawOne(rawK, evs[rawK % evs.length]!.event.body!);
          rawK++;
        }
        rawRates.push(block / (Number(process.hrtime.bigint() - t0) / 1e9));
        t0 = process.hrtime.bigint();
        for (let i = 0; i < block; i++, k++) {
          const r = ingestMessage(db, evs[k]!.channel, evs[k]!.event, (now += 1000));
          if (r.openedChat) openedChats++;
          if (evs[k]!.isNew) newContacts++;
        }
        ingestRates.push(block / (Number(process.hrtime.bigint() - t0) / 1e9));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const ingest = median(ingestRates);
      const ceiling = median(rawRates);
      const ratio = ingest / ceiling;
      const figures: Figure[] = [
        { id: "ingest.inprocess", suite: "ingest-inprocess", label: "ingestMessage, messages/s", value: Math.round(ingest), unit: "msg/s", against: { label: "raw single-row insert txns/s (ceiling)", value: Math.round(ceiling), unit: "rows/s" }, ratio: round(ratio, 3), details: { blocks: ingestRates.map(Math.round), rawBlocks: rawRates.map(Math.round), newContacts, openedChats, database: `${label(messages)} messages` } },
        { id: "ingest.raw-ceiling", suite: "ingest-inprocess", label: "raw better-sqlite3 single-row insert, one transaction each", value: Math.round(ceiling), unit: "rows/s" },
      ];
      const goals: Goal[] = [
        { id: "ingest-ratio", suite: "ingest-inprocess", target: `ingestMessage ≥ ${GOAL_RATIO * 100}% of raw single-row inserts`, measured: `${Math.round(ingest)} / ${Math.round(ceiling)} = ${round(ratio * 100, 1)}%`, holds: ratio >= GOAL_RATIO },
      ];
      return { figures, goals, ratios: [{ id: "ingest-vs-raw", label: "ingestMessage / raw insert", numerator: "ingest.inprocess", denominator: "ingest.raw-ceiling", value: round(ratio, 3) }] };
    } finally {
      db.$client.close();
      raw.close();
      for (const f of [file, rawFile]) for (const x of [f, `${f}-wal`, `${f}-shm`]) fs.rmSync(x, { force: true });
    }
  },
};
