import http from "node:http";
import Database from "better-sqlite3";
import { metaSignature, whatsappInbound } from "@/server/simulator/payloads";
import { Rng } from "./prng";
import type { Session, TabFleet } from "./tabs";
import type { TrafficWorld } from "./traffic-data";

// A contact center's traffic against the server: signed WhatsApp webhooks at a steady rate (open loop: a
// slow answer does not slow the customers down) from contacts whose chat an agent has open, from new
// contacts, from new contacts writing again and from old contacts coming back (a new, unassigned chat);
// and agents replying once a second through the app's own tRPC mutation (POST /api/trpc/chats.send, what
// the composer calls): the assignee answers a chat they have open, or someone takes an unassigned chat by
// answering it (it moves from Unassigned to their Mine).

export class TrafficPhase {
  readonly webhookLatency: number[] = [];
  readonly webhookSentAt: number[] = [];
  readonly webhookStatuses: Record<string, number> = {};
  readonly replyLatency: number[] = [];
  readonly replyStatuses: Record<string, number> = {};
  webhookErrors = 0;
  replyErrors = 0;
  firstError: string | null = null;
}

interface Pending {
  providerId: string;
  ackAt: number;
}

export class Traffic {
  private readonly rng = new Rng(20261201);
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  private readonly lookup: Database.Database;
  private readonly findChat: Database.Statement;
  private readonly chatState: Database.Statement;
  private readonly run = Date.now().toString(36).toUpperCase();
  private readonly phonePrefix = `549${String(Date.now() % 1e4).padStart(4, "0")}`;
  private sent = 0;
  private newContacts = 0;
  private returningUsed = 0;
  private readonly runContacts: Array<{ phone: string; name: string }> = [];
  /** Watched chats that got a message since their assignee last answered. */
  private readonly toAnswer: number[] = [];
  /** Messages that opened or continued an unassigned chat, newest last. */
  private readonly unassignedMessages: Pending[] = [];
  private timers: NodeJS.Timeout[] = [];
  private readonly agents: TrafficWorld["users"];
  private replies = 0;
  phase: TrafficPhase | null = null;

  constructor(
    private readonly port: number,
    private readonly world: TrafficWorld,
    private readonly sessions: Map<number, Session>,
    private readonly fleet: TabFleet,
    dbFile: string,
  ) {
    this.agents = world.users.filter((u) => u.role === "agent");
    this.lookup = new Database(dbFile, { readonly: true });
    this.findChat = this.lookup.prepare("SELECT chat_id FROM messages WHERE channel_id = ? AND provider_message_id = ?").pluck();
    this.chatState = this.lookup.prepare("SELECT status, assignee_id AS assigneeId FROM chats WHERE id = ?");
  }

  /** Sends at `perSecond` messages and `repliesPerSecond` replies until stop(). */
  start(perSecond: number, repliesPerSecond: number): void {
    this.stop();
    if (perSecond > 0) this.timers.push(setInterval(() => this.webhook(), 1000 / perSecond));
    if (repliesPerSecond > 0) this.timers.push(setInterval(() => void this.reply(), 1000 / repliesPerSecond));
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  close(): void {
    this.stop();
    this.agent.destroy();
    this.lookup.close();
  }

  /** One webhook per watched chat, untimed: opens their 24-hour windows, as in a working contact center. */
  async warmUp(concurrency = 8): Promise<void> {
    const queue = [...this.world.watched];
    const refused: number[] = [];
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let w = queue.shift(); w; w = queue.shift()) {
          const status = await this.post(w.phone, w.name, `wamid.WARM${this.run}-${w.chatId}`);
          if (status !== 200) refused.push(status);
        }
      }),
    );
    if (refused.length) throw new Error(`warm-up webhooks refused: ${refused.length} (first answered ${refused[0]})`);
    // Next loads a route's code on its first request (a few hundred ms on one thread): not in a timed window.
    const w = this.world.watched[0];
    if (w) {
      const a = await this.request("POST", "/api/trpc/chats.send", JSON.stringify({ chatId: w.chatId, content: { kind: "text", body: "Hola, ¿en qué te ayudo?" } }), { "content-type": "application/json", cookie: this.sessions.get(w.userId)!.cookie });
      if (a.status !== 200) throw new Error(`warm-up reply answered ${a.status}: ${a.body.slice(0, 200)}`);
    }
  }

  private pickContact(): { phone: string; name: string; chatId: number | null } {
    const r = this.rng.next();
    if (r < 0.5 && this.world.watched.length) {
      const w = this.world.watched[this.rng.int(0, this.world.watched.length - 1)]!;
      return { phone: w.phone, name: w.name, chatId: w.chatId };
    }
    if (r < 0.65 || (r < 0.8 && !this.runContacts.length)) {
      const n = ++this.newContacts;
      const contact = { phone: `${this.phonePrefix}${String(n).padStart(6, "0")}`, name: `Cliente ${this.run} ${n}` };
      this.runContacts.push(contact);
      return { ...contact, chatId: null };
    }
    if (r < 0.8) return { ...this.runContacts[this.rng.int(0, this.runContacts.length - 1)]!, chatId: null };
    const back = this.world.returning[this.returningUsed++ % this.world.returning.length]!;
    return { ...back, chatId: null };
  }

  private webhook(): void {
    const { phone, name, chatId } = this.pickContact();
    const providerId = `wamid.TRAFFIC${this.run}-${++this.sent}`;
    const expectation = chatId ? this.fleet.expect(providerId, chatId) : null;
    const phase = this.phase;
    const t0 = performance.now();
    void this.post(phone, name, providerId).then(
      (status) => {
        const now = performance.now();
        if (phase) {
          phase.webhookLatency.push(now - t0);
          phase.webhookSentAt.push(t0);
          phase.webhookStatuses[status] = (phase.webhookStatuses[status] ?? 0) + 1;
          if (status !== 200) phase.webhookErrors++;
        }
        if (status !== 200) return;
        expectation?.acked();
        if (chatId) this.toAnswer.push(chatId);
        else this.unassignedMessages.push({ providerId, ackAt: now });
      },
      (err: Error) => {
        if (phase) {
          phase.webhookErrors++;
          phase.firstError ??= String(err);
        }
      },
    );
  }

  private post(phone: string, name: string, providerId: string): Promise<number> {
    const payload = whatsappInbound(this.world.channel.phoneNumberId, phone, name, `Hola, ¿cómo va mi pedido? (${providerId})`, providerId);
    const body = JSON.stringify(payload);
    return this.request("POST", "/api/webhooks/whatsapp", body, { "content-type": "application/json", "x-hub-signature-256": metaSignature(body, this.world.channel.appSecret) }).then((a) => a.status);
  }

  private request(method: string, path: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: this.port, method, path, agent: this.agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  /** Which chat is answered, and by whom: alternately a watched chat by its assignee, and an unassigned one by anyone. */
  private nextReply(): { chatId: number; session: Session } | null {
    const unassignedFirst = this.replies++ % 2 === 1;
    return unassignedFirst ? (this.unassignedReply() ?? this.watchedReply()) : (this.watchedReply() ?? this.unassignedReply());
  }

  /** The newest unassigned chat written to over a second ago (filed by now), taken by a random agent. */
  private unassignedReply(): { chatId: number; session: Session } | null {
    const settled = performance.now() - 1000;
    for (let i = this.unassignedMessages.length - 1; i >= 0; i--) {
      const m = this.unassignedMessages[i]!;
      if (m.ackAt > settled) continue;
      this.unassignedMessages.splice(0, i + 1);
      const chatId = this.findChat.get(this.world.channel.id, m.providerId) as number | undefined;
      const chat = chatId ? (this.chatState.get(chatId) as { status: string; assigneeId: number | null }) : null;
      if (!chatId || !chat || chat.status !== "open" || chat.assigneeId !== null) return null;
      return { chatId, session: this.sessions.get(this.agents[this.rng.int(0, this.agents.length - 1)]!.id)! };
    }
    return null;
  }

  private watchedReply(): { chatId: number; session: Session } | null {
    const chatId = this.toAnswer.pop();
    this.toAnswer.length = 0;
    const watched = chatId ? this.world.watched.find((w) => w.chatId === chatId) : undefined;
    return watched ? { chatId: watched.chatId, session: this.sessions.get(watched.userId)! } : null;
  }

  private async reply(): Promise<void> {
    const next = this.nextReply();
    if (!next) return;
    const phase = this.phase;
    const body = JSON.stringify({ chatId: next.chatId, content: { kind: "text", body: "¡Hola! Ya reviso tu pedido y te cuento en un momento." } });
    const t0 = performance.now();
    try {
      const a = await this.request("POST", "/api/trpc/chats.send", body, { "content-type": "application/json", cookie: next.session.cookie });
      if (!phase) return;
      phase.replyLatency.push(performance.now() - t0);
      phase.replyStatuses[a.status] = (phase.replyStatuses[a.status] ?? 0) + 1;
      if (a.status !== 200) {
        phase.replyErrors++;
        phase.firstError ??= `reply answered ${a.status}: ${a.body.slice(0, 200)}`;
      }
    } catch (err) {
      if (phase) {
        phase.replyErrors++;
        phase.firstError ??= String(err);
      }
    }
  }
}
