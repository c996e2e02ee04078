import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import Database from "better-sqlite3";
import type { LoadResult } from "../lib/load";
import { distribution, round } from "../lib/measure";
import { benchServer, type BenchServer } from "../lib/server";
import { sessionCookie } from "../lib/session-cookie";
import { TabFleet, type Session, type TabPhase, type TabSpec } from "../lib/tabs";
import { Traffic, TrafficPhase } from "../lib/traffic";
import { prepareTrafficDb, readTrafficWorld, type TrafficWorld } from "../lib/traffic-data";
import type { Figure, Goal, Suite, SuiteContext, SuiteResult } from "../lib/types";
import { largest } from "./http-ingest";
import { GOAL_P95_C8_MS, measurePages } from "./http-pages";
import { label } from "./inbox-queries";

// Live updates under a contact center's traffic (issue 11): T signed-in tabs polling the per-viewer delta
// every 5 s (lib/tabs.ts: a mix of Mine with a chat open, Unassigned and All, agents and administrators),
// first with no traffic — the ceiling: what the same tabs cost when nothing happens — then while signed
// WhatsApp webhooks arrive at 10 messages/s and agents reply once a second (lib/traffic.ts). Then more
// tabs, step by step with the same traffic, until the poll p99 passes 1 s: the saturation point. All of it
// for each CHARLA_WORKERS setting asked for (--workers; the first is judged against the goals).

const INTERVAL_MS = 5_000;
const MESSAGES_PER_SECOND = 10;
const REPLIES_PER_SECOND = 1;
/** Tabs per person: about two (say Mine with a chat, and Unassigned or All). */
const TABS_PER_USER = 2;
const SOCKETS = 64;
const SATURATION_P99_MS = 1_000;
/** How long a window's last polls may take to be answered before they count as unanswered (with the time waited). */
const DRAIN_MS = 10_000;
/** The no-traffic and traffic windows are cut in this many rounds; latencies are judged in the least disturbed one. */
const ROUNDS = 3;
const GOALS = { pollP99: 100, webhookP99: 100, cpuRatio: 4, visibleP95: INTERVAL_MS + 1_000, changedP95: 4_096 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Microseconds some task waited for a CPU, or for I/O, since boot (Linux PSI), or null where PSI is missing. */
function pressureMicros(resource: "cpu" | "io"): number | null {
  try {
    return Number(/some .*total=(\d+)/.exec(fs.readFileSync(`/proc/pressure/${resource}`, "utf8"))?.[1] ?? NaN);
  } catch {
    return null;
  }
}

interface Window {
  tabs: number;
  seconds: number;
  /** Server process tree CPU, in cores (CPU seconds per second). */
  serverCores: number;
  /** The load generator's own CPU (this process), in cores. */
  benchCores: number;
  /** The generator's event-loop delay p99, ms: how late it may have read answers (it adds to the latencies). */
  benchLoopP99: number;
  /** Share of the window in which some runnable task on the machine waited for a CPU (/proc/pressure/cpu). */
  cpuPressure: number | null;
  /** Share of the window in which some task waited for the disk (/proc/pressure/io): SQLite's fsyncs wait too. */
  ioPressure: number | null;
  tab: TabPhase;
  traffic: TrafficPhase | null;
  /** The window cut in equal rounds: when each began and ended (performance.now()) and the CPU pressure in it. */
  rounds: Array<{ from: number; to: number; cpuPressure: number | null }>;
}

/** Latencies of what was sent within [from, to). */
function within(latency: number[], sentAt: number[], from: number, to: number): number[] {
  return latency.filter((_, i) => sentAt[i]! >= from && sentAt[i]! < to);
}

/**
 * Poll and webhook latency per round of a window, and the round other processes disturbed least (the lowest
 * CPU pressure): on a machine shared with other work their bursts land in some rounds, not all (as the data
 * suites take their best round). Everything else is judged over the whole window.
 */
function roundsOf(w: Window) {
  const rounds = w.rounds.map((r) => {
    const poll = distribution(within(w.tab.latency, w.tab.sentAt, r.from, r.to));
    const webhooks = w.traffic ? distribution(within(w.traffic.webhookLatency, w.traffic.webhookSentAt, r.from, r.to)) : null;
    return { cpuPressure: r.cpuPressure === null ? null : round(r.cpuPressure, 3), polls: poll.n, pollP50: round(poll.p50), pollP99: round(poll.p99), webhooks: webhooks?.n ?? 0, webhookP99: webhooks ? round(webhooks.p99) : null };
  });
  const best = [...rounds].sort((a, b) => (a.cpuPressure ?? a.pollP99) - (b.cpuPressure ?? b.pollP99))[0]!;
  return { rounds, best };
}

function summary(w: Window) {
  const poll = distribution(w.tab.latency);
  const bytes = distribution(w.tab.changedBytes);
  const json = distribution(w.tab.changedJsonBytes);
  const visible = distribution(w.tab.visible);
  const webhooks = w.traffic ? distribution(w.traffic.webhookLatency) : null;
  const replies = w.traffic ? distribution(w.traffic.replyLatency) : null;
  const renders = w.tab.renders.chat + w.tab.renders.page;
  return {
    tabs: w.tabs,
    seconds: round(w.seconds, 1),
    serverCores: round(w.serverCores, 3),
    benchCores: round(w.benchCores, 3),
    benchLoopP99: round(w.benchLoopP99, 1),
    cpuPressure: w.cpuPressure === null ? null : round(w.cpuPressure, 3),
    ioPressure: w.ioPressure === null ? null : round(w.ioPressure, 3),
    polls: poll.n,
    pollsPerSecond: round(poll.n / w.seconds, 1),
    pollP50: round(poll.p50),
    pollP99: round(poll.p99),
    pollMax: round(poll.max),
    statuses: w.tab.statuses,
    share304: round((w.tab.statuses["304"] ?? 0) / Math.max(1, poll.n), 4),
    changedAnswers: bytes.n,
    changedBytesP50: bytes.p50,
    changedBytesP95: bytes.p95,
    changedBytesMean: round(bytes.mean, 0),
    changedJsonBytesP50: json.p50,
    changedJsonBytesP95: json.p95,
    changedBytesByView: Object.fromEntries(Object.entries(w.tab.changedBytesByView).map(([view, b]) => {
      const d = distribution(b);
      return [view, { answers: d.n, p50: d.p50, p95: d.p95 }];
    })),
    fetchList: w.tab.fetchList,
    renders,
    rendersPerSecond: round(renders / w.seconds, 3),
    renderCauses: { chat: w.tab.renders.chat, page: w.tab.renders.page },
    seqFrom: { page: w.tab.renders.seqFromPage, answer: w.tab.renders.seqFromAnswer },
    visible: visible.n,
    expectedVisible: w.tab.acked,
    /** Acknowledged messages to a shown chat that no poll had carried when this summary was made. */
    unseen: w.tab.acked - visible.n,
    visibleP50: round(visible.p50, 1),
    visibleP95: round(visible.p95, 1),
    tabErrors: w.tab.errors,
    /** Polls sent in the window and still unanswered DRAIN_MS after it (counted in the latencies with the time waited). */
    unanswered: w.tab.unfinished,
    webhooks: webhooks?.n ?? 0,
    webhookP50: webhooks ? round(webhooks.p50) : null,
    webhookP99: webhooks ? round(webhooks.p99) : null,
    webhookStatuses: w.traffic?.webhookStatuses ?? {},
    webhookErrors: w.traffic?.webhookErrors ?? 0,
    replies: replies?.n ?? 0,
    replyP50: replies ? round(replies.p50) : null,
    replyP99: replies ? round(replies.p99) : null,
    replyStatuses: w.traffic?.replyStatuses ?? {},
    replyErrors: w.traffic?.replyErrors ?? 0,
    firstError: w.traffic?.firstError ?? null,
    ...roundsOf(w),
  };
}

type Summary = ReturnType<typeof summary>;

/**
 * Tab i belongs to user i mod U; a user's first tab shows Mine with their chat open, the second Unassigned or
 * All, half of those newest first (the default, oldest first, keeps new chats past the first page).
 */
function tabSpecs(world: TrafficWorld, sessions: Map<number, Session>, from: number, to: number): TabSpec[] {
  const watchedOf = new Map(world.watched.map((w) => [w.userId, w.chatId]));
  const specs: TabSpec[] = [];
  for (let i = from; i < to; i++) {
    const user = world.users[i % world.users.length]!;
    const round = Math.floor(i / world.users.length) % 3;
    const session = sessions.get(user.id)!;
    const odd = (i % world.users.length) % 2 === 1;
    if (round === 0) {
      const watched = watchedOf.get(user.id);
      specs.push({ session, section: "mine", chatId: watched ?? world.quietChatOf.get(user.id) ?? null, windowOpen: watched !== undefined });
    } else specs.push({ session, section: (round === 1) !== odd ? "unassigned" : "all", newestFirst: Math.floor(i / 2) % 2 === 1, chatId: null, windowOpen: false });
  }
  return specs;
}

async function waitForFiling(dbFile: string, log: (l: string) => void): Promise<void> {
  const db = new Database(dbFile, { readonly: true });
  const started = Date.now();
  try {
    while ((db.prepare("SELECT count(*) FROM inbound_queue").pluck().get() as number) > 0 && Date.now() - started < 60_000) await sleep(100);
  } finally {
    db.close();
  }
  log(`http-traffic: warm-up filed in ${Date.now() - started} ms`);
}

class Run {
  readonly fleet: TabFleet;
  readonly traffic: Traffic;

  constructor(
    readonly server: BenchServer,
    readonly world: TrafficWorld,
    readonly sessions: Map<number, Session>,
  ) {
    this.fleet = new TabFleet(server.port, INTERVAL_MS, SOCKETS);
    this.traffic = new Traffic(server.port, world, sessions, this.fleet, server.dbFile);
  }

  /** Measures `seconds` of whatever runs now, in `roundCount` rounds. */
  async window(seconds: number, withTraffic: boolean, roundCount = 1): Promise<Window> {
    const cpu0 = this.server.cpuSeconds();
    const bench0 = process.cpuUsage();
    const pressure0 = { cpu: pressureMicros("cpu"), io: pressureMicros("io") };
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const t0 = performance.now();
    const trafficPhase = withTraffic ? new TrafficPhase() : null;
    this.traffic.phase = trafficPhase;
    const tab = this.fleet.beginPhase();
    const rounds: Window["rounds"] = [];
    for (let i = 0; i < roundCount; i++) {
      const from = performance.now();
      const p0 = pressureMicros("cpu");
      await sleep((seconds * 1000) / roundCount);
      const to = performance.now();
      const p1 = pressureMicros("cpu");
      rounds.push({ from, to, cpuPressure: p0 === null || p1 === null ? null : (p1 - p0) / 1e3 / (to - from) });
    }
    this.fleet.endPhase();
    this.traffic.phase = null;
    loop.disable();
    const wall = (performance.now() - t0) / 1000;
    const bench = process.cpuUsage(bench0);
    const pressure1 = { cpu: pressureMicros("cpu"), io: pressureMicros("io") };
    const serverCpu = this.server.cpuSeconds() - cpu0;
    await this.fleet.drain(tab, DRAIN_MS);
    const share = (r: "cpu" | "io") => (pressure0[r] === null || pressure1[r] === null ? null : (pressure1[r]! - pressure0[r]!) / 1e6 / wall);
    return {
      tabs: this.fleet.size,
      seconds: wall,
      serverCores: serverCpu / wall,
      benchCores: (bench.user + bench.system) / 1e6 / wall,
      benchLoopP99: loop.percentile(99) / 1e6,
      cpuPressure: share("cpu"),
      ioPressure: share("io"),
      tab,
      traffic: trafficPhase,
      rounds,
    };
  }

  close(): void {
    this.traffic.close();
    this.fleet.stop();
  }
}

interface ConfigResult {
  workers: string;
  /** What http-pages measures (inbox1, login1, inbox8, login8), for this CHARLA_WORKERS. */
  pages: Record<"inbox1" | "login1" | "inbox8" | "login8", LoadResult>;
  quiet: Summary;
  busy: Summary;
  steps: Summary[];
  /** Tabs at which the poll p99 first passed 1 s (null: not within the steps tried). */
  saturatedAt: number | null;
  peakRss: number;
}

async function measureConfig(ctx: SuiteContext, workers: string): Promise<ConfigResult> {
  const { tabs } = ctx.traffic;
  const users = Math.max(10, Math.ceil(tabs / TABS_PER_USER));
  const seconds = ctx.quick ? { quiet: 10, busy: 15, step: 8, settle: 4 } : { quiet: 15, busy: 30, step: 10, settle: 5 };
  // Saturation steps, in multiples of T: coarse first, then half a T at a time where saturation was seen.
  const multiples = ctx.quick ? [2, 3] : [2, 2.5, 3, 3.5, 4, 5, 6];
  const cluster = workers === "1" ? undefined : workers;
  // Pages first, on a copy without the traffic's people, as http-pages measures them: with thousands of
  // people the inbox page carries an assign list of all of them (about 550 KB with 2,500), another page.
  const plain = await benchServer(ctx.dataset(largest(ctx)), ctx.log, { workers: cluster });
  const pages = (await measurePages(ctx, plain, `http-traffic [workers ${workers}]`, ctx.quick ? 4 : 6)).r;
  ctx.log(`  inbox page with a chat open, TTFB p95: c=1 ${pages.inbox1.ttfbP95} ms, c=8 ${pages.inbox8.ttfbP95} ms (${pages.inbox8.perSecond} pages/s; /login ${pages.login8.perSecond}/s)`);
  const server = await benchServer(ctx.dataset(largest(ctx)), ctx.log, { workers: cluster, prepare: { id: `traffic-${users}`, run: (f) => prepareTrafficDb(f, users) } });
  const world = readTrafficWorld(server.dbFile);
  const sessions = new Map<number, Session>();
  for (const user of world.users) sessions.set(user.id, { user, cookie: await sessionCookie(user, server.authSecret) });
  ctx.log(`http-traffic [workers ${workers}]: ${world.users.length} users, ${world.watched.length} chats open in tabs whose contacts write in`);
  const run = new Run(server, world, sessions);
  try {
    await run.traffic.warmUp();
    await waitForFiling(server.dbFile, ctx.log);

    ctx.log(`http-traffic [workers ${workers}]: opening ${tabs} tabs …`);
    await run.fleet.open(tabSpecs(world, sessions, 0, tabs), INTERVAL_MS);
    if (run.fleet.unphasedErrors) throw new Error(`opening the tabs: ${run.fleet.unphasedErrors} errors, first: ${run.fleet.firstError}`);
    await sleep(seconds.settle * 1000);

    ctx.log(`http-traffic [workers ${workers}]: ${tabs} tabs, no traffic, ${seconds.quiet} s …`);
    const quiet = summary(await run.window(seconds.quiet, false, ROUNDS));
    ctx.log(`  ${describe(quiet)}`);

    ctx.log(`http-traffic [workers ${workers}]: ${tabs} tabs, ${MESSAGES_PER_SECOND} messages/s and ${REPLIES_PER_SECOND} reply/s, ${seconds.busy} s …`);
    run.traffic.start(MESSAGES_PER_SECOND, REPLIES_PER_SECOND);
    const busyWindow = await run.window(seconds.busy, true, ROUNDS);
    // Messages acknowledged at the end of the window show up in the next polls: let them, before adding load.
    await sleep(INTERVAL_MS + 2_000);
    const busy = summary(busyWindow);
    ctx.log(`  ${describe(busy)}`);

    const steps: Summary[] = [busy];
    let saturatedAt: number | null = !(busy.pollP99 <= SATURATION_P99_MS) ? tabs : null;
    for (const k of multiples) {
      if (saturatedAt !== null) break;
      const before = run.fleet.size;
      const now = Math.round(tabs * k);
      ctx.log(`http-traffic [workers ${workers}]: saturation step, ${now} tabs …`);
      await run.fleet.open(tabSpecs(world, sessions, before, now), INTERVAL_MS).then(() => sleep(seconds.settle * 1000));
      const step = summary(await run.window(seconds.step, true));
      ctx.log(`  ${describe(step)}`);
      steps.push(step);
      if (!(step.pollP99 <= SATURATION_P99_MS)) saturatedAt = now;
    }
    run.traffic.stop();
    return { workers, pages, quiet, busy, steps, saturatedAt, peakRss: server.peakRss() };
  } finally {
    run.close();
    await server.stop();
  }
}

function describe(s: Summary): string {
  const traffic = s.webhooks ? `; webhooks ${s.webhooks} p99 ${s.webhookP99} ms (${s.webhookErrors} errors), replies ${s.replies} p99 ${s.replyP99} ms (${s.replyErrors} errors); visible p95 ${s.visibleP95} ms (${s.visible}/${s.expectedVisible})` : "";
  return `${s.tabs} tabs: server ${s.serverCores} cores (bench ${s.benchCores}, its loop delay p99 ${s.benchLoopP99} ms; pressure: CPU ${s.cpuPressure}, I/O ${s.ioPressure}); polls ${s.pollsPerSecond}/s p50 ${s.pollP50} p99 ${s.pollP99} ms, 304 ${round(s.share304 * 100, 1)}%, changed ${s.changedAnswers} p50 ${s.changedBytesP50} B p95 ${s.changedBytesP95} B on the wire (JSON p95 ${s.changedJsonBytesP95} B), unanswered ${s.unanswered}, fetchList ${s.fetchList}, renders ${s.renders} (${JSON.stringify(s.renderCauses)}), errors ${s.tabErrors}${traffic}${s.firstError ? `; first error: ${s.firstError}` : ""}${s.rounds.length > 1 ? `; rounds (CPU pressure: poll p99, webhook p99): ${s.rounds.map((r) => `${r.cpuPressure}: ${r.pollP99}, ${r.webhookP99}`).join(" | ")}` : ""}`;
}

export const httpTraffic: Suite = {
  id: "http-traffic",
  title: "Open tabs applying live deltas while webhooks arrive and agents reply",
  kind: "http",
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    const results: ConfigResult[] = [];
    for (const workers of ctx.traffic.workers) results.push(await measureConfig(ctx, workers));
    const main = results[0]!;
    const { quiet, busy } = main;
    const T = ctx.traffic.tabs;
    const L = label(largest(ctx));
    const at = `@${L}, ${T.toLocaleString("en")} tabs, workers ${main.workers}`;
    const cpuRatio = busy.serverCores / quiet.serverCores;
    const errors = busy.tabErrors + busy.webhookErrors + busy.replyErrors;
    const saturation = (r: ConfigResult) => (r.saturatedAt === null ? `not reached at ${r.steps.at(-1)!.tabs.toLocaleString("en")} tabs` : `${r.saturatedAt.toLocaleString("en")} tabs`);

    const figures: Figure[] = [
      { id: "http.traffic.cpu", suite: "http-traffic", label: `server CPU at ${MESSAGES_PER_SECOND} msg/s ${at}`, value: busy.serverCores, unit: "cores", against: { label: "same tabs, no traffic (ceiling)", value: quiet.serverCores, unit: "cores" }, ratio: round(cpuRatio, 3), details: { busy, quiet } },
      { id: "http.traffic.poll.p99", suite: "http-traffic", label: `poll p99 at ${MESSAGES_PER_SECOND} msg/s ${at} (least disturbed of ${ROUNDS} rounds)`, value: busy.best.pollP99, unit: "ms", against: { label: "goal", value: GOALS.pollP99, unit: "ms" }, ratio: round(busy.best.pollP99 / GOALS.pollP99, 3), details: { p50: busy.best.pollP50, wholeWindowP50: busy.pollP50, wholeWindowP99: busy.pollP99, rounds: busy.rounds, quietP50: quiet.best.pollP50, quietP99: quiet.best.pollP99, quietRounds: quiet.rounds } },
      { id: "http.traffic.webhook.p99", suite: "http-traffic", label: "webhook p99 during the traffic (the same round)", value: busy.best.webhookP99 ?? NaN, unit: "ms", against: { label: "goal", value: GOALS.webhookP99, unit: "ms" }, ratio: round((busy.best.webhookP99 ?? NaN) / GOALS.webhookP99, 3), details: { wholeWindowP50: busy.webhookP50, wholeWindowP99: busy.webhookP99, statuses: busy.webhookStatuses } },
      { id: "http.traffic.changed-bytes.p95", suite: "http-traffic", label: "body bytes of a changed answer on the wire (gzip over 1 KB), p95", value: busy.changedBytesP95, unit: "B", against: { label: "goal", value: GOALS.changedP95, unit: "B" }, ratio: round(busy.changedBytesP95 / GOALS.changedP95, 3), details: { p50: busy.changedBytesP50, mean: busy.changedBytesMean, jsonP50: busy.changedJsonBytesP50, jsonP95: busy.changedJsonBytesP95, answers: busy.changedAnswers, byView: busy.changedBytesByView } },
      { id: "http.traffic.changed-json-bytes.p95", suite: "http-traffic", label: "the same answers' JSON, decoded, p95", value: busy.changedJsonBytesP95, unit: "B", details: { p50: busy.changedJsonBytesP50 } },
      { id: "http.traffic.visible.p95", suite: "http-traffic", label: "webhook acknowledged → first poll answer carrying it to a tab showing the chat, p95", value: busy.visibleP95, unit: "ms", against: { label: "goal: poll interval + 1 s", value: GOALS.visibleP95, unit: "ms" }, ratio: round(busy.visibleP95 / GOALS.visibleP95, 3), details: { p50: busy.visibleP50, seen: busy.visible, acknowledged: busy.expectedVisible, unseen: busy.unseen } },
      { id: "http.traffic.renders", suite: "http-traffic", label: "full renders per second during the traffic", value: busy.rendersPerSecond, unit: "/s", details: { causes: busy.renderCauses, quietRenders: quiet.renders, seqFrom: busy.seqFrom } },
      ...results.map((r): Figure => ({ id: `http.traffic.saturation.workers-${r.workers}`, suite: "http-traffic", label: `tabs at which poll p99 passes 1 s, ${MESSAGES_PER_SECOND} msg/s, workers ${r.workers}`, value: r.saturatedAt ?? NaN, unit: "tabs", details: { steps: r.steps.map((s) => ({ tabs: s.tabs, pollP50: s.pollP50, pollP99: s.pollP99, serverCores: s.serverCores, benchCores: s.benchCores, webhookP99: s.webhookP99, errors: s.tabErrors + s.webhookErrors + s.replyErrors })), peakRss: r.peakRss, reached: r.saturatedAt !== null } })),
      ...results.map((r): Figure => ({ id: `http.traffic.page.c8.workers-${r.workers}`, suite: "http-traffic", label: `inbox + open chat TTFB p95 @${L}, c=8, workers ${r.workers}`, value: r.pages.inbox8.ttfbP95, unit: "ms", against: { label: "goal (http-pages)", value: GOAL_P95_C8_MS, unit: "ms" }, ratio: round(r.pages.inbox8.ttfbP95 / GOAL_P95_C8_MS, 3), details: { pagesPerSecond: r.pages.inbox8.perSecond, loginPerSecond: r.pages.login8.perSecond, ...r.pages } })),
      ...results.slice(1).map((r): Figure => ({ id: `http.traffic.cpu.workers-${r.workers}`, suite: "http-traffic", label: `server CPU at ${MESSAGES_PER_SECOND} msg/s, ${T.toLocaleString("en")} tabs, workers ${r.workers}`, value: r.busy.serverCores, unit: "cores", against: { label: "same tabs, no traffic (ceiling)", value: r.quiet.serverCores, unit: "cores" }, ratio: round(r.busy.serverCores / r.quiet.serverCores, 3), details: { busy: r.busy, quiet: r.quiet } })),
    ];
    const goals: Goal[] = [
      { id: "traffic-latency", suite: "http-traffic", target: `${T.toLocaleString("en")} tabs at ${MESSAGES_PER_SECOND} messages/s: poll p99 ≤ ${GOALS.pollP99} ms, webhook p99 ≤ ${GOALS.webhookP99} ms, no errors`, measured: `least disturbed of ${ROUNDS} rounds (CPU pressure ${busy.best.cpuPressure}): poll p99 ${busy.best.pollP99} ms (p50 ${busy.best.pollP50} ms) over ${busy.best.polls} polls, webhook p99 ${busy.best.webhookP99} ms over ${busy.best.webhooks}; whole ${busy.seconds} s window (CPU pressure ${busy.cpuPressure}): poll p99 ${busy.pollP99} ms, webhook p99 ${busy.webhookP99} ms; ${errors} errors (tabs ${busy.tabErrors}, webhooks ${busy.webhookErrors}, replies ${busy.replyErrors} of ${busy.replies})`, holds: busy.best.pollP99 <= GOALS.pollP99 && (busy.best.webhookP99 ?? Infinity) <= GOALS.webhookP99 && errors === 0 },
      { id: "traffic-cpu", suite: "http-traffic", target: `server CPU at ${MESSAGES_PER_SECOND} messages/s ≤ ${GOALS.cpuRatio}× the same tabs with no traffic`, measured: `${busy.serverCores} / ${quiet.serverCores} cores = ${round(cpuRatio, 2)}×`, holds: cpuRatio <= GOALS.cpuRatio },
      { id: "traffic-visible", suite: "http-traffic", target: `webhook acknowledged → visible in a tab showing the chat: p95 ≤ poll interval + 1 s (${GOALS.visibleP95} ms)`, measured: `p95 ${busy.visibleP95} ms (p50 ${busy.visibleP50} ms); ${busy.visible} of ${busy.expectedVisible} acknowledged messages seen within the window and the ${(INTERVAL_MS + 2_000) / 1000} s after it`, holds: busy.visibleP95 <= GOALS.visibleP95 && busy.visible > 0 && busy.unseen === 0 },
      { id: "traffic-bytes", suite: "http-traffic", target: `changed answers p95 ≤ ${GOALS.changedP95 / 1024} KB (bytes on the wire: the body as a browser receives it)`, measured: `p95 ${busy.changedBytesP95} B (p50 ${busy.changedBytesP50} B) over ${busy.changedAnswers} changed answers (their JSON decoded: p95 ${busy.changedJsonBytesP95} B, p50 ${busy.changedJsonBytesP50} B); wire p95 by view: ${Object.entries(busy.changedBytesByView).map(([view, b]) => `${view} ${b.p95} B`).join(", ")}`, holds: busy.changedBytesP95 <= GOALS.changedP95 },
      { id: "traffic-renders", suite: "http-traffic", target: "no full render caused by message traffic", measured: `${busy.renders} during the traffic (${busy.renderCauses.chat} for an open chat, ${busy.renderCauses.page} whole pages), ${quiet.renders} without`, holds: busy.renders === 0 },
    ];
    const notes = results.flatMap((r) => [
      `workers ${r.workers}: inbox page with a chat open, TTFB p95 c=1 ${r.pages.inbox1.ttfbP95} ms, c=8 ${r.pages.inbox8.ttfbP95} ms (${r.pages.inbox8.perSecond} pages/s; /login ${r.pages.login8.perSecond}/s)`,
      `workers ${r.workers}: no traffic: ${describe(r.quiet)}`,
      ...r.steps.map((s) => `workers ${r.workers}: ${MESSAGES_PER_SECOND} msg/s: ${describe(s)}`),
      `workers ${r.workers}: saturation (poll p99 > 1 s): ${saturation(r)}; server peak RSS ${round(r.peakRss / 1e6, 1)} MB`,
    ]);
    return { figures, goals, notes };
  },
};
