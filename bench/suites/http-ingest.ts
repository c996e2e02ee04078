import Database from "better-sqlite3";
import { metaSignature, whatsappInbound } from "@/server/simulator/payloads";
import { load, type LoadResult } from "../lib/load";
import { round } from "../lib/measure";
import { benchServer } from "../lib/server";
import type { Figure, Goal, Suite, SuiteContext, SuiteResult } from "../lib/types";
import { label } from "./inbox-queries";

// Ingest over HTTP: correctly signed WhatsApp Cloud API webhooks (unique message ids, 20,000 contacts —
// new ones and returning ones mixed) at concurrency 32 against the production build, on a copy of the
// largest dataset. Ceiling, measured in the same run: the bench-only Next route that reads the body,
// parses the JSON and does one SQLite insert. Filing must keep up (issue 11): the inbound queue's backlog is
// sampled during the load, so messages filed per second over the timed window are the acknowledged ones
// minus what the backlog grew by, and the queue must be empty within 1 s of the load stopping. Afterwards
// every acknowledged message must be in its chat exactly once, and nothing unacknowledged stored.

const CONCURRENCY = 32;
const GOAL_RATIO = 0.8;
const GOAL_P99_MS = 100;
const GOAL_DRAIN_MS = 1_000;
const FILING_BATCH = 100;

export function largest(ctx: SuiteContext): number {
  return Math.max(...ctx.sizes);
}

export function describe(r: LoadResult): string {
  return `${Math.round(r.perSecond)}/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors`;
}

export const httpIngest: Suite = {
  id: "http-ingest",
  title: "Signed WhatsApp webhooks over HTTP vs a one-insert Next route",
  kind: "http",
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    const size = largest(ctx);
    const server = await benchServer(ctx.dataset(size), ctx.log);
    const seconds = ctx.quick ? 5 : 15;
    const warmupSeconds = ctx.quick ? 1 : 2;

    const db = new Database(server.dbFile, { readonly: true });
    const channel = db.prepare("SELECT id, external_id AS phoneNumberId, secrets FROM channels WHERE type = 'whatsapp' AND active = 1 ORDER BY id LIMIT 1").get() as { id: number; phoneNumberId: string; secrets: string };
    const appSecret = (JSON.parse(channel.secrets) as { appSecret: string }).appSecret;
    const run = `BENCH${Date.now().toString(36)}`;

    ctx.log(`http-ingest: ceiling (one insert per request), ${seconds} s at concurrency ${CONCURRENCY} …`);
    const ceiling = await load({
      port: server.port,
      concurrency: CONCURRENCY,
      seconds,
      warmupSeconds,
      request: (i) => ({ method: "POST", path: "/api/bench/ceiling-insert", headers: { "content-type": "application/json" }, body: JSON.stringify(whatsappInbound(channel.phoneNumberId, `55119${String(i % 20_000).padStart(8, "0")}`, `Contato ${i % 20_000}`, `ceiling ${i}`)) }),
    });

    ctx.log(`http-ingest: signed webhooks, ${seconds} s at concurrency ${CONCURRENCY} …`);
    const sent = new Map<number, string>();
    const acked = new Set<string>();
    const backlog = () => (db.prepare("SELECT count(*) AS n FROM inbound_queue").get() as { n: number }).n;
    // The backlog when the timed window starts (the warm-up's last deliveries may still be filing); sampled
    // from a timer, as the answers come in on the same thread.
    let backlogAtStart = -1;
    let peakBacklog = 0;
    const loadStarted = performance.now();
    const sampler = setInterval(() => {
      const n = backlog();
      peakBacklog = Math.max(peakBacklog, n);
      if (backlogAtStart < 0 && performance.now() - loadStarted >= warmupSeconds * 1000) backlogAtStart = n;
    }, 100);
    const webhooks = await load({
      port: server.port,
      concurrency: CONCURRENCY,
      seconds,
      warmupSeconds,
      request: (i) => {
        const contact = (i * 7919) % 20_000; // spread over many contacts; each comes back every ~20k messages
        const payload = whatsappInbound(channel.phoneNumberId, `55119${String(contact).padStart(8, "0")}`, `Contato ${contact}`, `mensagem ${i} sobre o pedido e a entrega`);
        const id = `wamid.${run}-${i}`;
        payload.entry[0]!.changes[0]!.value.messages[0]!.id = id;
        sent.set(i, id);
        const body = JSON.stringify(payload);
        return { method: "POST", path: "/api/webhooks/whatsapp", headers: { "content-type": "application/json", "x-hub-signature-256": metaSignature(body, appSecret) }, body };
      },
      onAnswer: (i, a) => {
        if (a.status === 200) acked.add(sent.get(i)!);
      },
    });

    clearInterval(sampler);
    // A webhook is answered once accepted into inbound_queue; the server files the queue right after. Wait
    // for it to be empty (the backlog left when the load stopped says whether filing kept up).
    const backlogAtEnd = backlog();
    const drainStarted = Date.now();
    while (backlog() > 0 && Date.now() - drainStarted < 120_000) await new Promise((r) => setTimeout(r, 20));
    const drainMs = Date.now() - drainStarted;
    // The timed answers over the timed seconds plus the drain (the warm-up's are filed too, so this errs low).
    const filedPerSecond = round(webhooks.okCount / (webhooks.seconds + drainMs / 1000), 1);
    // Filed during the timed window: what was acknowledged in it, less what the backlog grew by.
    const filingRate = round((webhooks.okCount - (backlogAtEnd - Math.max(0, backlogAtStart))) / webhooks.seconds, 1);
    // Sampled at two instants, the backlog differs by whatever was accepted since the last batch either time:
    // "keeps up" allows the end to exceed the start by one filing batch (100 deliveries), no more.
    const keepsUp = backlogAtEnd - Math.max(0, backlogAtStart) <= FILING_BATCH && drainMs <= GOAL_DRAIN_MS;

    // Exactly once: every 200'd id is stored once (the unique index forbids twice), nothing else is stored.
    const stored = db.prepare("SELECT provider_message_id AS id FROM messages WHERE channel_id = ? AND provider_message_id LIKE ?").pluck().all(channel.id, `wamid.${run}-%`) as string[];
    db.close();
    const storedSet = new Set(stored);
    const missing = [...acked].filter((id) => !storedSet.has(id)).length;
    const unacked = stored.filter((id) => !acked.has(id)).length;
    const duplicates = stored.length - storedSet.size;
    const exactlyOnce = missing === 0 && unacked === 0 && duplicates === 0;

    const ratio = webhooks.perSecond / ceiling.perSecond;
    const figures: Figure[] = [
      { id: "http.ingest", suite: "http-ingest", label: `signed WhatsApp webhooks/s @${label(size)}, c=${CONCURRENCY}`, value: webhooks.perSecond, unit: "msg/s", against: { label: "Next route: parse JSON + one insert (ceiling)", value: ceiling.perSecond, unit: "req/s" }, ratio: round(ratio, 3), details: { ...webhooks } },
      { id: "http.ingest.p99", suite: "http-ingest", label: "webhook p99", value: webhooks.p99, unit: "ms", against: { label: "goal", value: GOAL_P99_MS, unit: "ms" }, ratio: round(webhooks.p99 / GOAL_P99_MS, 3), details: { p50: webhooks.p50, p95: webhooks.p95, max: webhooks.max } },
      { id: "http.ingest.filing", suite: "http-ingest", label: "webhook messages filed into chats per second during the load", value: filingRate, unit: "msg/s", against: { label: "webhooks acknowledged per second", value: webhooks.perSecond, unit: "msg/s" }, ratio: round(filingRate / webhooks.perSecond, 3), details: { backlogAtStart, backlogAtEnd, peakBacklog, drainMs } },
      { id: "http.ingest.filed", suite: "http-ingest", label: "webhook messages filed into chats per second, counting the drain after the load", value: filedPerSecond, unit: "msg/s", against: { label: "Next route: parse JSON + one insert (ceiling)", value: ceiling.perSecond, unit: "req/s" }, ratio: round(filedPerSecond / ceiling.perSecond, 3), details: { backlogAtEnd, drainMs } },
      { id: "http.ingest.ceiling", suite: "http-ingest", label: "Next route parse JSON + one insert, req/s", value: ceiling.perSecond, unit: "req/s", details: { ...ceiling } },
    ];
    const goals: Goal[] = [
      { id: "http-ingest-ratio", suite: "http-ingest", target: `webhooks ≥ ${GOAL_RATIO * 100}% of the one-insert Next route, c=${CONCURRENCY}`, measured: `${Math.round(webhooks.perSecond)} / ${Math.round(ceiling.perSecond)} = ${round(ratio * 100, 1)}%`, holds: ratio >= GOAL_RATIO },
      { id: "http-ingest-p99", suite: "http-ingest", target: `webhook p99 ≤ ${GOAL_P99_MS} ms, no errors`, measured: `p99 ${webhooks.p99} ms (p50 ${webhooks.p50} ms), ${webhooks.errors} errors of ${webhooks.requests}`, holds: webhooks.p99 <= GOAL_P99_MS && webhooks.errors === 0 },
      { id: "http-ingest-filing", suite: "http-ingest", target: `filing keeps up: messages filed per second ≥ webhooks acknowledged per second (the backlog grows by at most one filing batch, ${FILING_BATCH}, over the load), and the queue empty within ${GOAL_DRAIN_MS / 1000} s of the load stopping`, measured: `${Math.round(filingRate)} filed/s vs ${Math.round(webhooks.perSecond)} acknowledged/s (backlog ${Math.max(0, backlogAtStart)} → ${backlogAtEnd}, peak ${peakBacklog}); queue empty ${drainMs} ms after the load`, holds: keepsUp },
      { id: "http-ingest-exactly-once", suite: "http-ingest", target: "every acknowledged webhook message stored exactly once", measured: `${acked.size} acknowledged, ${stored.length} filed (queue empty ${drainMs} ms after the load, ${backlogAtEnd} deliveries waiting when it stopped); missing ${missing}, unacknowledged ${unacked}, duplicates ${duplicates}`, holds: exactlyOnce },
    ];
    return { figures, goals, notes: [`webhooks: ${describe(webhooks)}; ceiling: ${describe(ceiling)}; statuses ${JSON.stringify(webhooks.statuses)}`] };
  },
};
