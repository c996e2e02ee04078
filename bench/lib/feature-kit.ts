import fs from "node:fs";
import Database from "better-sqlite3";
import type { Db } from "@/db/client";
import type { InboundMessage } from "@/server/channels/types";
import type { ChannelRow } from "@/server/repositories/channels";
import { acceptInbound, fileAllDueInbound } from "@/server/services/inbound-queue";
import { Rng, zipf } from "./prng";
import { WORDS } from "./words";

// What the feature suites (routing, bot, reports) share: consistent copies of a seeded database, the
// new-contact-heavy inbound traffic the ingest suite uses, agents inserted the way the seeder inserts them,
// and filing throughput measured in alternating blocks on two copies.

export function copyDatabase(source: string, file: string): void {
  removeDatabase(file);
  const src = new Database(source, { readonly: true });
  src.exec(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
  src.close();
}

export function removeDatabase(file: string): void {
  for (const x of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(x, { force: true });
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The median over blocks of a's rate / b's rate in the same block: each pair ran back to back, so a change
 * in the machine's load between blocks (a ratio of the two medians would mix blocks run at different
 * loads) falls on both members of a pair.
 */
export const pairedRatio = (a: number[], b: number[]): number => median(a.map((x, i) => x / b[i]!));

export interface Known {
  channelId: number;
  externalId: string;
  name: string;
}

export interface Inbound {
  channel: ChannelRow;
  event: InboundMessage;
  isNew: boolean;
  /** When the delivery is accepted (and so filed as of). */
  at: number;
}

export function knownContacts(db: Db, rng: Rng, n: number): Known[] {
  const all = db.$client
    .prepare("SELECT i.channel_id AS channelId, i.external_id AS externalId, c.name FROM contact_identities i JOIN contacts c ON c.id = i.contact_id ORDER BY i.id")
    .all() as Known[];
  return Array.from({ length: Math.min(n, all.length) }, () => rng.pick(all));
}

/**
 * As webhooks arrive (bench/suites/ingest.ts): three in ten from people who never wrote before, two in ten
 * from known contacts coming back, half continuing a conversation of this run. `stepMs` apart from `start`.
 */
export function inboundTraffic(rng: Rng, channels: ChannelRow[], known: Known[], n: number, runId: string, start: number, stepMs: number): Inbound[] {
  const words = zipf(WORDS.pt, 0.95);
  const byId = new Map(channels.map((c) => [c.id, c]));
  const out: Inbound[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    let existing: Known | null = null;
    if (r < 0.5 && out.length > 0) {
      const e = out[Math.max(0, out.length - 1 - rng.int(0, 199))]!;
      existing = { channelId: e.channel.id, externalId: e.event.contact.externalId, name: e.event.contact.name ?? "" };
    } else if (r < 0.7 && known.length > 0) existing = rng.pick(known);
    const channel = existing ? byId.get(existing.channelId)! : rng.pick(channels);
    const externalId = existing?.externalId ?? `bench-${runId}-${i}`;
    const body = Array.from({ length: rng.int(2, 18) }, () => words.draw(rng)).join(" ");
    const at = start + i * stepMs;
    out.push({
      channel,
      isNew: !existing,
      at,
      event: {
        type: "message",
        channelExternalId: channel.externalId ?? "",
        contact: { externalId, name: existing?.name ?? `Contato ${i}`, phone: channel.type === "whatsapp" ? externalId : undefined },
        providerMessageId: `bench-${runId}-${i}`,
        timestamp: at,
        direction: "in",
        kind: "text",
        body,
      },
    });
  }
  return out;
}

/** Agents inserted as bench/lib/generate.ts inserts users (the seeded password hash, so no hashing here). */
export function insertAgents(db: Db, n: number, at: number): number[] {
  const sqlite = db.$client;
  const hash = sqlite.prepare("SELECT password_hash FROM users ORDER BY id LIMIT 1").pluck().get() as string;
  const insert = sqlite.prepare(
    "INSERT INTO users (name, email, password_hash, role, active, locale, time_zone, created_at) VALUES (?, ?, ?, 'agent', 1, 'pt-BR', 'America/Sao_Paulo', ?)",
  );
  return sqlite.transaction(() => Array.from({ length: n }, (_, i) => Number(insert.run(`Agente ${i + 1}`, `bench-agent${i + 1}@bench.example.com`, hash, at).lastInsertRowid)))();
}

export function acceptAll(db: Db, evs: readonly Inbound[]): void {
  for (const e of evs) acceptInbound(db, [{ channel: e.channel, event: e.event }], e.at);
}

/** Files what was accepted; messages/s of wall time and of the process's CPU time. */
export function timedFiling(db: Db, now: number, expected: number): { rate: number; cpuRate: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const r = fileAllDueInbound(db, now);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  if (r.stored !== expected) throw new Error(`filed ${r.stored} of ${expected} accepted messages (failed ${r.failed})`);
  return { rate: expected / seconds, cpuRate: expected / ((c.user + c.system) / 1e6) };
}

/**
 * Filing throughput on two copies, in alternating blocks (the order swaps each block, so drift and whatever
 * else the machine does fall on both alike). `before` runs untimed ahead of each copy's block.
 */
export function alternatingFiling(
  dbs: { a: Db; b: Db },
  evs: readonly Inbound[],
  opts: { warm: number; block: number; blocks: number; before?: (which: "a" | "b", db: Db, at: number) => void },
): { a: number[]; b: number[]; aCpu: number[]; bCpu: number[] } {
  const out = { a: [] as number[], b: [] as number[], aCpu: [] as number[], bCpu: [] as number[] };
  const warm = evs.slice(0, opts.warm);
  for (const which of ["a", "b"] as const) {
    opts.before?.(which, dbs[which], warm[0]!.at);
    acceptAll(dbs[which], warm);
    fileAllDueInbound(dbs[which], warm.at(-1)!.at);
  }
  for (let b = 0; b < opts.blocks; b++) {
    const slice = evs.slice(opts.warm + b * opts.block, opts.warm + (b + 1) * opts.block);
    const order = b % 2 === 0 ? (["a", "b"] as const) : (["b", "a"] as const);
    for (const which of order) {
      const db = dbs[which];
      opts.before?.(which, db, slice[0]!.at);
      acceptAll(db, slice);
      const r = timedFiling(db, slice.at(-1)!.at, slice.length);
      out[which].push(r.rate);
      out[which === "a" ? "aCpu" : "bCpu"].push(r.cpuRate);
    }
  }
  return out;
}

export { Rng };
