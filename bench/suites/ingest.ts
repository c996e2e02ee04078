import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "@/db/client";
import type { InboundMessage } from "@/server/channels/types";
import { listChannels, type ChannelRow } from "@/server/repositories/channels";
import { ingestMessage } from "@/server/services/ingest";
import { DEFAULT_END } from "../lib/generate";
import { round } from "../lib/measure";
import { replayer, SqlTrace } from "../lib/sql-trace";
import { Rng, zipf } from "../lib/prng";
import type { Figure, Goal, Suite, SuiteContext, SuiteResult } from "../lib/types";
import { WORDS } from "../lib/words";
import { label } from "./inbox-queries";

// ingestMessage (the in-process ingest service, as a webhook route calls it) against two ceilings measured in
// the same run on the same file system, with the app's pragmas (WAL, synchronous=NORMAL):
// - the issue's: raw better-sqlite3 single-row inserts into a bare table, each in its own transaction;
// - the "raw equivalent": the very statements ingest ran for each message, replayed by hand (lib/sql-trace),
//   so the ratio is what the app's JS (drizzle, the domain) costs on top of the SQL it needs; once more with
//   the FTS insert triggers dropped, to show what full-text indexing costs.
// All are measured in alternating blocks so that whatever else the machine does slows them alike; each
// figure is the median of its blocks.

const GOAL_RATIO = 0.4;
/** What the app may cost on top of the SQL it runs (JS, drizzle, the domain): at most 25%. */
const EQUIV_GOAL = 0.75;

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
  title: "ingestMessage throughput vs raw single-row inserts and vs the same statements by hand",
  kind: "data",
  run(ctx: SuiteContext): SuiteResult {
    const messages = ctx.sizes.includes(100_000) ? 100_000 : Math.min(...ctx.sizes);
    ctx.log(`ingest-inprocess: into copies of the ${label(messages)} database …`);
    const source = ctx.dataset(messages);
    const at = (name: string) => path.join(ctx.scratchDir, name);
    const files = { app: at("ingest.db"), traced: at("ingest-traced.db"), equiv: at("ingest-equivalent.db"), noFts: at("ingest-equivalent-nofts.db"), raw: at("raw-ceiling.db") };
    for (const f of [files.app, files.traced, files.equiv, files.noFts]) copyOf(source, f);
    for (const x of [files.raw, `${files.raw}-wal`, `${files.raw}-shm`]) fs.rmSync(x, { force: true });
    const db = openDatabase(files.app);
    const traced = openDatabase(files.traced);
    const raw = rawConnection(files.raw);
    raw.exec("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, chat_id INTEGER NOT NULL, body TEXT, created_at INTEGER NOT NULL)");
    const rawInsert = raw.prepare("INSERT INTO t (chat_id, body, created_at) VALUES (?, ?, ?)");
    const rawOne = raw.transaction((i: number, body: string) => rawInsert.run(i % 1000, body, i));
    // The same statements by hand; and again with the two FTS insert triggers dropped, to show their cost.
    const equiv = rawConnection(files.equiv);
    const noFts = rawConnection(files.noFts);
    noFts.exec("DROP TRIGGER messages_fts_ai; DROP TRIGGER contacts_fts_ai;");
    const conns = [db.$client, traced.$client, raw, equiv, noFts];

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

      // Untimed: run the app once over every event on its own copy, recording each message's statements.
      const trace = new SqlTrace(traced.$client);
      // No checkpoints in this pass, so the WAL's size says how many pages a message's commit writes.
      traced.$client.pragma("wal_autocheckpoint = 0");
      const steps = evs.map((e, i) => {
        trace.on = true;
        ingestMessage(traced, e.channel, e.event, times[i]!);
        trace.on = false;
        return trace.take();
      });
      const pageSize = traced.$client.pragma("page_size", { simple: true }) as number;
      const walPagesPerMessage = fs.statSync(`${files.traced}-wal`).size / pageSize / evs.length;
      const replayEquiv = replayer(equiv);
      const replayNoFts = replayer(noFts);
      const statementsPerMessage = steps.reduce((s, x) => s + x.length, 0) / steps.length;

      for (let i = 0; i < warm; i++) {
        ingestMessage(db, evs[i]!.channel, evs[i]!.event, times[i]!);
        replayEquiv(steps[i]!);
        replayNoFts(steps[i]!);
        rawOne(i, evs[i]!.event.body!);
      }
      const rates = { ingest: [] as number[], raw: [] as number[], equiv: [] as number[], noFts: [] as number[] };
      // Per CPU second as well: on a shared machine the process's own CPU time is steadier than the clock.
      const cpuRates = { ingest: [] as number[], raw: [] as number[], equiv: [] as number[], noFts: [] as number[] };
      const timeBlock = (which: keyof typeof rates, from: number, fn: (k: number) => void) => {
        const c0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        for (let k = from; k < from + block; k++) fn(k);
        rates[which].push(block / (Number(process.hrtime.bigint() - t0) / 1e9));
        const c = process.cpuUsage(c0);
        cpuRates[which].push(block / ((c.user + c.system) / 1e6));
      };
      let newContacts = 0;
      let openedChats = 0;
      // Alternating blocks: whatever else the machine does slows all four alike.
      for (let b = 0; b < blocks; b++) {
        const from = warm + b * block;
        timeBlock("raw", from, (k) => rawOne(k, evs[k]!.event.body!));
        timeBlock("equiv", from, (k) => replayEquiv(steps[k]!));
        timeBlock("noFts", from, (k) => replayNoFts(steps[k]!));
        timeBlock("ingest", from, (k) => {
          const r = ingestMessage(db, evs[k]!.channel, evs[k]!.event, times[k]!);
          if (r.openedChat) openedChats++;
          if (evs[k]!.isNew) newContacts++;
        });
      }
      const ingest = median(rates.ingest);
      const ceiling = median(rates.raw);
      const equivalent = median(rates.equiv);
      const withoutFts = median(rates.noFts);
      const ratio = ingest / ceiling;
      const ratioEquiv = ingest / equivalent;
      const blockDetails = { blocks: rates.ingest.map(Math.round), rawBlocks: rates.raw.map(Math.round), equivalentBlocks: rates.equiv.map(Math.round), noFtsBlocks: rates.noFts.map(Math.round), perCpuSecond: Object.fromEntries(Object.entries(cpuRates).map(([k, v]) => [k, Math.round(median(v))])) };
      const figures: Figure[] = [
        { id: "ingest.inprocess", suite: "ingest-inprocess", label: "ingestMessage, messages/s", value: Math.round(ingest), unit: "msg/s", against: { label: "raw single-row insert txns/s (ceiling)", value: Math.round(ceiling), unit: "rows/s" }, ratio: round(ratio, 3), details: { ...blockDetails, newContacts, openedChats, statementsPerMessage: round(statementsPerMessage, 2), database: `${label(messages)} messages` } },
        { id: "ingest.raw-ceiling", suite: "ingest-inprocess", label: "raw better-sqlite3 single-row insert, one transaction each", value: Math.round(ceiling), unit: "rows/s" },
        { id: "ingest.inprocess-vs-equivalent", suite: "ingest-inprocess", label: "ingestMessage vs the same statements by hand", value: Math.round(ingest), unit: "msg/s", against: { label: "raw-equivalent ceiling", value: Math.round(equivalent), unit: "msg/s" }, ratio: round(ratioEquiv, 3) },
        { id: "ingest.raw-equivalent", suite: "ingest-inprocess", label: "raw equivalent: ingest's own statements replayed by hand, one transaction per message", value: Math.round(equivalent), unit: "msg/s", details: { statementsPerMessage: round(statementsPerMessage, 2) } },
        { id: "ingest.raw-equivalent-no-fts", suite: "ingest-inprocess", label: "raw equivalent without the FTS insert triggers", value: Math.round(withoutFts), unit: "msg/s" },
      ];
      const goals: Goal[] = [
        { id: "ingest-ratio", suite: "ingest-inprocess", target: `ingestMessage ≥ ${GOAL_RATIO * 100}% of raw single-row inserts`, measured: `${Math.round(ingest)} / ${Math.round(ceiling)} = ${round(ratio * 100, 1)}%`, holds: ratio >= GOAL_RATIO },
        { id: "ingest-ratio-equivalent", suite: "ingest-inprocess", target: `(proposed reading) ingestMessage ≥ ${EQUIV_GOAL * 100}% of the same statements by hand`, measured: `${Math.round(ingest)} / ${Math.round(equivalent)} = ${round(ratioEquiv * 100, 1)}%`, holds: ratioEquiv >= EQUIV_GOAL },
      ];
      return {
        figures,
        goals,
        ratios: [
          { id: "ingest-vs-raw", label: "ingestMessage / raw insert", numerator: "ingest.inprocess", denominator: "ingest.raw-ceiling", value: round(ratio, 3) },
          { id: "ingest-vs-equivalent", label: "ingestMessage / its statements by hand", numerator: "ingest.inprocess", denominator: "ingest.raw-equivalent", value: round(ratioEquiv, 3) },
        ],
        notes: [`${round(statementsPerMessage, 2)} statements and ${round(walPagesPerMessage, 1)} WAL pages written per message; FTS insert triggers cost ${round((1 - equivalent / withoutFts) * 100, 0)}% of the raw-equivalent throughput`, `per CPU second: ingest ${Math.round(median(cpuRates.ingest))}, raw equivalent ${Math.round(median(cpuRates.equiv))} (ratio ${round(median(cpuRates.ingest) / median(cpuRates.equiv), 2)}), one-column raw ${Math.round(median(cpuRates.raw))} (ratio ${round(median(cpuRates.ingest) / median(cpuRates.raw), 3)})`],
      };
    } finally {
      for (const c of conns) c.close();
      for (const f of Object.values(files)) for (const x of [f, `${f}-wal`, `${f}-shm`]) fs.rmSync(x, { force: true });
    }
  },
};
