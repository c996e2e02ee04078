import http from "node:http";
import { gunzipSync } from "node:zlib";
import { applyDelta, type LiveState } from "@/app/(app)/inbox/_live/live-state";
import type { DeltaAnswer } from "@/server/services/live-delta";
import type { ChatRowItem } from "@/server/services/inbox-items";
import type { BenchUser } from "./session-cookie";

// Open inbox tabs, simulated the way the browser runs them (app/(app)/inbox/_live/live-inbox.tsx): each
// polls GET /api/trpc/inbox.delta with what it shows, applies the answer with the app's own applyDelta,
// polls again at once with the whole list when a delta names rows it does not hold (fetchList), and
// renders the page again when the server asks (refresh) — a real GET of the inbox page, counted as a full
// render. The next poll is scheduled an interval after the answer, as the browser's setTimeout does.
//
// Kept cheap, because the load generator shares the cores with the server: a few keep-alive sockets for all
// tabs, each answer parsed once, identical list rows shared between tabs (interned), no per-tab timers
// beyond one setTimeout.

export type TabSection = "mine" | "unassigned" | "all";

export interface Session {
  user: BenchUser;
  /** The session cookie; a renewed one from an answer replaces it, as in a browser. */
  cookie: string;
}

export interface TabSpec {
  session: Session;
  section: TabSection;
  /** Newest first instead of the default oldest first (where new chats land past the first page). */
  newestFirst?: boolean;
  chatId: number | null;
  /** Whether the open chat's composer is shown (its 24-hour window is open). */
  windowOpen: boolean;
}

/** What one measuring window saw. */
export class TabPhase {
  readonly started = performance.now();
  ended: number | null = null;
  /** Milliseconds from sending a poll to the answer's last byte (waiting for a free socket included). */
  readonly latency: number[] = [];
  /** When each of those polls was sent (performance.now()), to cut the window into rounds. */
  readonly sentAt: number[] = [];
  readonly statuses: Record<string, number> = {};
  /** Body bytes on the wire of the 200 answers (the ones that carried a change): gzipped when large, as a browser gets them. */
  readonly changedBytes: number[] = [];
  /** The same answers' JSON, decoded. */
  readonly changedJsonBytes: number[] = [];
  /** The same by view: "mine" (with its chat), "unassigned", "all", "… newest first". */
  readonly changedBytesByView: Record<string, number[]> = {};
  fetchList = 0;
  /** Full renders the server asked for: the open chat's (its header changed, or its window reopened) or the whole page's. */
  readonly renders = { chat: 0, page: 0, latency: [] as number[], seqFromPage: 0, seqFromAnswer: 0 };
  /** Milliseconds from a webhook's acknowledgement to the first poll answer carrying its message to a tab showing that chat. */
  readonly visible: number[] = [];
  /** Messages to a shown chat sent, and acknowledged, in this window. */
  expected = 0;
  acked = 0;
  errors = 0;
  /** Polls sent in this window still unanswered (id → send time), and those given up on by drain(). */
  readonly open = new Map<number, number>();
  unfinished = 0;

  seconds(): number {
    return ((this.ended ?? performance.now()) - this.started) / 1000;
  }
}

interface Tab {
  spec: TabSpec;
  state: LiveState | null;
  timer: NodeJS.Timeout | null;
}

interface Awaited {
  chatId: number;
  phase: TabPhase;
  ackAt: number | null;
  seenAt: number | null;
}

const SEQ_IN_PAGE = /\\?"initial\\?":\{\\?"seq\\?":(\d+)/;
const INTERN_MAX = 200_000;

export class TabFleet {
  private readonly tabs: Tab[] = [];
  private readonly agent: http.Agent;
  private readonly pageAgent: http.Agent;
  private readonly rows = new Map<string, ChatRowItem>();
  private readonly awaited = new Map<string, Awaited>();
  private stopped = false;
  private sent = 0;
  phase: TabPhase | null = null;
  /** Answers that failed outside any phase (set-up), with the first error seen. */
  unphasedErrors = 0;
  firstError: string | null = null;

  constructor(
    private readonly port: number,
    private readonly intervalMs: number,
    sockets: number,
  ) {
    // fifo: every socket takes turns, so a cluster's workers (which get whole connections) share the polls.
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, scheduling: "fifo" });
    this.pageAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  }

  get size(): number {
    return this.tabs.length;
  }

  /**
   * Opens tabs, spread over `spreadMs`, each with what a page render would give it, without the render: a poll
   * from sequence 0 is answered "render again" with the current sequence, and a poll from that sequence asking
   * for the whole list brings the counters and the list. Then it polls on its own.
   */
  open(specs: TabSpec[], spreadMs: number): Promise<void> {
    const started = specs.map((spec, i) => {
      const tab: Tab = { spec, state: null, timer: null };
      this.tabs.push(tab);
      return new Promise<void>((resolve) => {
        tab.timer = setTimeout(() => void this.start(tab).finally(resolve), (spreadMs * i) / Math.max(1, specs.length));
      });
    });
    return Promise.all(started).then(() => undefined);
  }

  private async start(tab: Tab): Promise<void> {
    tab.timer = null;
    try {
      const first = await this.fetchDelta(tab, true, 0);
      if (!first) return;
      const answer = await this.fetchDelta(tab, true, first.seq);
      if (!answer) return;
      if (answer.unchanged || !answer.counts || !answer.list?.complete) throw new Error(`a whole-list poll from the current sequence must carry the counters and the list: ${JSON.stringify(answer).slice(0, 200)}`);
      const l = answer.list;
      tab.state = {
        seq: answer.seq,
        counts: answer.counts,
        list: { ids: l.ids, rows: Object.fromEntries(l.rows.map((r) => [r.id, r])), nextCursor: l.nextCursor },
        // The page would have rendered the chat's messages; the bench follows only new ones.
        chat: tab.spec.chatId ? { id: tab.spec.chatId, messages: [], attachments: [] } : null,
      };
    } catch (err) {
      this.fail(String(err));
      return;
    }
    this.schedule(tab);
  }

  beginPhase(): TabPhase {
    this.phase = new TabPhase();
    return this.phase;
  }

  endPhase(): TabPhase {
    const p = this.phase!;
    p.ended = performance.now();
    this.phase = null;
    return p;
  }

  /**
   * Waits for the polls a window sent to be answered, so that a saturated server's slowest answers count in
   * that window's latencies; those still unanswered after `maxMs` count with the time they have waited.
   */
  async drain(phase: TabPhase, maxMs: number): Promise<void> {
    const until = performance.now() + maxMs;
    while (phase.open.size && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
    const now = performance.now();
    for (const t0 of phase.open.values()) {
      phase.latency.push(now - t0);
      phase.sentAt.push(t0);
    }
    phase.unfinished = phase.open.size;
    phase.open.clear();
  }

  /** A webhook carrying `providerId` was sent to a chat some tab shows; `acked` is called when its 200 arrives. */
  expect(providerId: string, chatId: number): { acked: () => void } {
    const entry: Awaited = { chatId, phase: this.phase!, ackAt: null, seenAt: null };
    if (!entry.phase) return { acked: () => undefined };
    entry.phase.expected++;
    this.awaited.set(providerId, entry);
    return {
      acked: () => {
        entry.ackAt = performance.now();
        entry.phase.acked++;
        if (entry.seenAt !== null) {
          // Seen by a poll before the acknowledgement reached us: visible at once.
          entry.phase.visible.push(0);
          this.awaited.delete(providerId);
        }
      },
    };
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.tabs) if (t.timer) clearTimeout(t.timer);
    this.agent.destroy();
    this.pageAgent.destroy();
  }

  private schedule(tab: Tab): void {
    if (this.stopped) return;
    tab.timer = setTimeout(() => void this.poll(tab), this.intervalMs);
  }

  private intern(row: ChatRowItem): ChatRowItem {
    const key = `${row.id}\u0000${row.name}\u0000${row.preview}\u0000${row.meta}\u0000${row.pending ? 1 : 0}${row.due ? 1 : 0}\u0000${row.channel}\u0000${row.menuLabel}`;
    const hit = this.rows.get(key);
    if (hit) return hit;
    if (this.rows.size >= INTERN_MAX) this.rows.clear();
    this.rows.set(key, row);
    return row;
  }

  private fail(what: string): void {
    if (this.phase) this.phase.errors++;
    else this.unphasedErrors++;
    this.firstError ??= what;
  }

  private async poll(tab: Tab): Promise<void> {
    tab.timer = null;
    if (this.stopped) return;
    try {
      // At most two rounds, as the browser: the second fetches the whole list when the first named rows it lacks.
      let full = false;
      for (let round = 0; round < 2; round++) {
        const answer = await this.fetchDelta(tab, full);
        if (!answer) break;
        const { state, followups } = applyDelta(tab.state!, answer);
        tab.state = state;
        if (followups.refresh) await this.render(tab, answer);
        if (!followups.fetchList) break;
        if (this.phase) this.phase.fetchList++;
        full = true;
      }
    } catch (err) {
      this.fail(String(err));
    }
    this.schedule(tab);
  }

  /** One poll; `since` given only while the tab opens (no state yet). */
  private fetchDelta(tab: Tab, full: boolean, since?: number): Promise<DeltaAnswer | null> {
    const { spec, state } = tab;
    const input = {
      since: since ?? state!.seq,
      locale: "es",
      list: { section: spec.section, status: "open", ...(spec.newestFirst ? { order: "desc" } : {}), ...(full ? { full: true } : {}) },
      ...(spec.chatId ? { chat: { id: spec.chatId, windowOpen: spec.windowOpen } } : {}),
      ...(state ? { counts: state.counts.fingerprint } : {}),
    };
    const path = `/api/trpc/inbox.delta?input=${encodeURIComponent(JSON.stringify(input))}`;
    const phase = this.phase;
    const t0 = performance.now();
    const id = ++this.sent;
    phase?.open.set(id, t0);
    return new Promise((resolve) => {
      // What a browser's fetch sends; the answer is decoded as it would be.
      const headers = { cookie: spec.session.cookie, "accept-encoding": "gzip, deflate, br" };
      const req = http.get({ host: "127.0.0.1", port: this.port, path, agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const now = performance.now();
          const status = res.statusCode ?? 0;
          const renewed = res.headers["set-cookie"]?.[0];
          if (renewed) spec.session.cookie = renewed.split(";")[0]!;
          // Not when drain() has already counted it.
          if (phase?.open.delete(id)) {
            phase.latency.push(now - t0);
            phase.sentAt.push(t0);
            phase.statuses[status] = (phase.statuses[status] ?? 0) + 1;
          }
          if (status === 304) return resolve({ unchanged: true, seq: Number(String(res.headers.etag ?? "").replace(/\D/g, "")) });
          if (status !== 200) {
            this.fail(`poll answered ${status}: ${Buffer.concat(chunks).toString().slice(0, 200)}`);
            return resolve(null);
          }
          const wire = Buffer.concat(chunks);
          const body = res.headers["content-encoding"] === "gzip" ? gunzipSync(wire) : wire;
          if (phase && state) {
            phase.changedBytes.push(wire.length);
            phase.changedJsonBytes.push(body.length);
            (phase.changedBytesByView[`${spec.section}${spec.newestFirst ? " newest first" : ""}`] ??= []).push(wire.length);
          }
          const answer = (JSON.parse(body.toString()) as { result: { data: DeltaAnswer } }).result.data;
          if (!answer.unchanged) {
            if (answer.list) answer.list.rows = answer.list.rows.map((r) => this.intern(r));
            if (answer.chat && "messages" in answer.chat) this.sawMessages(answer.chat.messages, now);
          }
          resolve(answer);
        });
        res.on("error", (err) => {
          phase?.open.delete(id);
          this.fail(String(err));
          resolve(null);
        });
      });
      req.on("error", (err) => {
        phase?.open.delete(id);
        this.fail(String(err));
        resolve(null);
      });
    });
  }

  private sawMessages(messages: Array<{ body: string | null }>, now: number): void {
    for (const m of messages) {
      // The browser is not sent provider ids: the traffic's webhooks carry theirs in the text (traffic.ts).
      const providerId = /\((wamid\.[^)]+)\)$/.exec(m.body ?? "")?.[1];
      const e = providerId ? this.awaited.get(providerId) : undefined;
      if (!e || !providerId) continue;
      if (e.ackAt === null) {
        e.seenAt = now;
        continue;
      }
      e.phase.visible.push(now - e.ackAt);
      this.awaited.delete(providerId);
    }
  }

  /** router.refresh(): the page rendered again; the tab goes on from the sequence that render started at. */
  private async render(tab: Tab, answer: DeltaAnswer): Promise<void> {
    const phase = this.phase;
    const whole = !answer.unchanged && answer.refresh === true;
    if (phase) phase.renders[whole ? "page" : "chat"]++;
    const { spec } = tab;
    const path = `/inbox?section=${spec.section}${spec.newestFirst ? "&order=desc" : ""}${spec.chatId ? `&chat=${spec.chatId}` : ""}`;
    const t0 = performance.now();
    const html = await new Promise<string>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port: this.port, path, agent: this.pageAgent, headers: { cookie: spec.session.cookie, accept: "text/html" } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString()) : reject(new Error(`page answered ${res.statusCode}`))));
          res.on("error", reject);
        })
        .on("error", reject);
    });
    const fromPage = SEQ_IN_PAGE.exec(html);
    if (phase) {
      phase.renders.latency.push(performance.now() - t0);
      phase.renders[fromPage ? "seqFromPage" : "seqFromAnswer"]++;
    }
    // A render after the chat's window reopened shows the composer again.
    spec.windowOpen = true;
    tab.state = { ...tab.state!, seq: fromPage ? Number(fromPage[1]) : answer.seq };
  }
}
