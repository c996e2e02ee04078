import path from "node:path";
import { openDatabase, type Db } from "@/db/client";
import type { InboundMessage } from "@/server/channels/types";
import { listChannels, type ChannelRow } from "@/server/repositories/channels";
import { assignChannelFlow, createFlow, publishFlow } from "@/server/services/bot/flows";
import { ingestMessage } from "@/server/services/ingest";
import { DEFAULT_END } from "../lib/generate";
import { copyDatabase, removeDatabase } from "../lib/feature-kit";
import { distribution, round } from "../lib/measure";
import type { Figure, Goal, Suite, SuiteContext, SuiteResult } from "../lib/types";
import { label } from "./inbox-queries";

// Issue 14: a bot step adds ≤ 1 ms p95 to filing an inbound message in-process. Two copies of the dataset;
// in one every channel runs the sample flow (published through the services, as an admin does), in the other
// no channel has a flow. The same contacts write to both, each message filed on its own (ingestMessage: its
// transaction, the filing hook included), timed one by one: a new contact's first message (the bot greets,
// checks the hours and sends the menu; without a flow the chat joins the default team's queue), the answer
// to the menu (the bot asks the next question) and the answer to that question (the bot hands the chat to a
// team with a note of the answers). In alternating blocks, the order swapping each block.

const GOAL_MS = 1;
const KINDS = ["start", "menu", "handoff"] as const;
type Kind = (typeof KINDS)[number];

interface Turn {
  kind: Kind;
  channel: ChannelRow;
  event: InboundMessage;
  at: number;
}

function conversation(channel: ChannelRow, id: string, n: number, at: number): Turn[] {
  const sales = n % 2 === 0;
  const msg = (kind: Kind, body: string, k: number): Turn => ({
    kind,
    channel,
    at: at + k * 20_000,
    event: {
      type: "message",
      channelExternalId: channel.externalId ?? "",
      contact: { externalId: id, name: `Cliente ${n}`, phone: channel.type === "whatsapp" ? id : undefined },
      providerMessageId: `${id}-${k}`,
      timestamp: at + k * 20_000,
      direction: "in",
      kind: "text",
      body,
    },
  });
  return [
    msg("start", n % 3 === 0 ? "Hola, buenas tardes" : "hola, quería consultar algo", 0),
    msg("menu", sales ? (n % 4 === 0 ? "1" : "Ventas") : "soporte", 1),
    msg("handoff", sales ? `Me llamo Cliente ${n}` : `cliente${n}@example.com`, 2),
  ];
}

function withSampleFlow(db: Db, at: number): void {
  const adminId = db.$client.prepare("SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1").pluck().get() as number;
  const ctx = { viewer: { id: adminId, role: "admin" as const }, now: at };
  const flow = createFlow(db, ctx, { name: "Bench sample", sample: true });
  publishFlow(db, ctx, flow.id);
  for (const c of listChannels(db)) assignChannelFlow(db, ctx, { channelId: c.id, flowId: flow.id, returningAfterHours: null });
}

export const botSuite: Suite = {
  id: "bot",
  title: "Bot (issue 14): filing a contact's message with a published flow vs without",
  kind: "data",
  run(ctx: SuiteContext): SuiteResult {
    const messages = Math.max(...ctx.sizes);
    ctx.log(`bot: into two copies of the ${label(messages)} database …`);
    const source = ctx.dataset(messages);
    const files = { flow: path.join(ctx.scratchDir, "bot-flow.db"), none: path.join(ctx.scratchDir, "bot-none.db") };
    copyDatabase(source, files.flow);
    copyDatabase(source, files.none);
    const dbs = { flow: openDatabase(files.flow), none: openDatabase(files.none) };
    try {
      const start = DEFAULT_END + 86_400_000;
      withSampleFlow(dbs.flow, start);
      const channels = listChannels(dbs.flow);
      const perBlock = ctx.quick ? 100 : 200;
      const blocks = ctx.quick ? 4 : 8;
      const warm = 50;
      const run = `bot-${process.pid}`;
      const convs = Array.from({ length: warm + perBlock * blocks }, (_, n) => conversation(channels[n % channels.length]!, `${run}-${n}`, n, start + 60_000 + n * 1000));
      const times = { flow: new Map<Kind, number[]>(), none: new Map<Kind, number[]>() };
      const cpuTimes = { flow: new Map<Kind, number[]>(), none: new Map<Kind, number[]>() };
      for (const t of [...Object.values(times), ...Object.values(cpuTimes)]) for (const k of KINDS) t.set(k, []);
      const file = (which: "flow" | "none", list: Turn[][], record: boolean) => {
        // First messages of the whole block, then the menu answers, then the last answers: as a busy channel interleaves them.
        for (let step = 0; step < 3; step++) {
          for (const c of list) {
            const turn = c[step]!;
            const c0 = process.cpuUsage();
            const t0 = process.hrtime.bigint();
            ingestMessage(dbs[which], turn.channel, turn.event, turn.at);
            const ms = Number(process.hrtime.bigint() - t0) / 1e6;
            const used = process.cpuUsage(c0);
            if (!record) continue;
            times[which].get(turn.kind)!.push(ms);
            cpuTimes[which].get(turn.kind)!.push((used.user + used.system) / 1000);
          }
        }
      };
      file("flow", convs.slice(0, warm), false);
      file("none", convs.slice(0, warm), false);
      ctx.log(`bot: ${blocks} blocks of ${perBlock} conversations (3 messages each) on each copy …`);
      for (let b = 0; b < blocks; b++) {
        const list = convs.slice(warm + b * perBlock, warm + (b + 1) * perBlock);
        const order = b % 2 === 0 ? (["flow", "none"] as const) : (["none", "flow"] as const);
        for (const which of order) file(which, list, true);
      }

      // The bot really ran: sessions that ended in a hand-off, and its own messages.
      const sessions = dbs.flow.$client.prepare("SELECT count(*) FROM bot_sessions").pluck().get() as number;
      const handedOff = dbs.flow.$client.prepare("SELECT count(*) FROM bot_sessions WHERE status = 'handed_off'").pluck().get() as number;
      const botMessages = dbs.flow.$client.prepare("SELECT count(*) FROM messages WHERE author_kind = 'bot' AND created_at >= ?").pluck().get(start) as number;

      type Dist = ReturnType<typeof distribution>;
      const dist = (src: typeof times) => Object.fromEntries(KINDS.map((k) => [k, { flow: distribution(src.flow.get(k)!), none: distribution(src.none.get(k)!) }])) as Record<Kind, { flow: Dist; none: Dist }>;
      // Judged on each message's CPU time (the process's own, user + system): with several engineers' jobs
      // on two cores, the wall-clock p95 of a sub-millisecond call measures the scheduler, not the filing.
      // Both are reported.
      const d = dist(cpuTimes);
      const wall = dist(times);
      const added = (k: Kind) => d[k].flow.p95 - d[k].none.p95;
      const addedWall = (k: Kind) => wall[k].flow.p95 - wall[k].none.p95;
      const what: Record<Kind, string> = {
        start: "a new contact's first message (greeting, hours check, menu)",
        menu: "the answer to the menu (next question)",
        handoff: "the last answer (hand-off to a team with the answers' note)",
      };
      const figures: Figure[] = KINDS.map((k) => ({
        id: `bot.${k}`,
        suite: "bot",
        label: `bot: filing ${what[k]} with the flow, CPU time p95`,
        value: round(d[k].flow.p95, 3),
        unit: "ms",
        against: { label: "same message without a flow, CPU time p95", value: round(d[k].none.p95, 3), unit: "ms" },
        ratio: round(d[k].flow.p95 / d[k].none.p95, 3),
        details: {
          addedP95Ms: round(added(k), 3),
          addedP50Ms: round(d[k].flow.p50 - d[k].none.p50, 3),
          cpu: { flow: pick(d[k].flow), none: pick(d[k].none) },
          wall: { addedP95Ms: round(addedWall(k), 3), addedP50Ms: round(wall[k].flow.p50 - wall[k].none.p50, 3), flow: pick(wall[k].flow), none: pick(wall[k].none) },
        },
      }));
      const judged: Kind[] = ["start", "menu"];
      const goals: Goal[] = judged.map((k) => ({
        id: `bot-${k}`,
        suite: "bot",
        target: `a bot step adds ≤ ${GOAL_MS} ms p95 to filing an inbound message in-process (${what[k]}; CPU time)`,
        measured: `${round(d[k].flow.p95, 3)} − ${round(d[k].none.p95, 3)} = ${round(added(k), 3)} ms (wall clock: ${round(wall[k].flow.p95, 3)} − ${round(wall[k].none.p95, 3)} = ${round(addedWall(k), 3)} ms)`,
        holds: added(k) <= GOAL_MS,
      }));
      return {
        figures,
        goals,
        notes: [
          `${sessions} bot sessions, ${handedOff} handed off, ${botMessages} outbound messages in the flow copy; ${label(messages)} messages`,
          `hand-off (not among the issue's two cases): adds ${round(added("handoff"), 3)} ms p95 of CPU time (${round(addedWall("handoff"), 3)} ms wall clock)`,
        ],
      };
    } finally {
      dbs.flow.$client.close();
      dbs.none.$client.close();
      removeDatabase(files.flow);
      removeDatabase(files.none);
    }
  },
};

function pick(x: ReturnType<typeof distribution>) {
  return { n: x.n, p50: round(x.p50, 3), p95: round(x.p95, 3), p99: round(x.p99, 3), max: round(x.max, 3) };
}
