import path from "node:path";
import { openDatabase, type Db } from "@/db/client";
import { capacityOf, chooseAgent, PRESENCE_TIMEOUT_MS, type Candidate } from "@/server/domain/routing";
import { listChannels } from "@/server/repositories/channels";
import { memberLoads } from "@/server/repositories/teams";
import { enqueueChat } from "@/server/services/routing/enqueue";
import { setAvailability } from "@/server/services/routing/presence";
import { addTeamMember, createTeam, setAgentCapacity, setChannelDefaultTeam } from "@/server/services/routing/teams";
import { DEFAULT_END } from "../lib/generate";
import { alternatingFiling, copyDatabase, inboundTraffic, insertAgents, knownContacts, median, pairedRatio, removeDatabase, Rng } from "../lib/feature-kit";
import { distribution, round } from "../lib/measure";
import type { Figure, Goal, Suite, SuiteContext, SuiteResult } from "../lib/types";
import { label } from "./inbox-queries";

// Issue 13: with 200 agents in 10 teams, the distribution decision ≤ 2 ms p95 in-process, and filing drops
// by at most 10% against the same run without distribution. Two copies of the dataset get the same 200
// agents (each in a home team and a second one, so 40 members a team; a quarter with a capacity of their
// own), 10 balanced teams and everyone available. In one the channels send new chats to four of those teams;
// in the other they stay with the default team (manual): the chats are queued there and nobody is chosen.
// The decision is timed twice: the pure rule (chooseAgent over a team's real candidates) and the service
// call that loads the candidates, decides and writes (enqueueChat: queue the chat, distribute), inside its
// transaction as filing runs it. The goal is judged on the service call.

const AGENTS = 200;
const TEAMS = 10;
const DECISION_GOAL_MS = 2;
const FILING_GOAL = 0.9;
/** Messages 100 ms apart: a block stays inside the presence window of the agents' last poll. */
const STEP_MS = 100;

interface Setup {
  teamIds: number[];
  agentIds: number[];
}

function setUp(db: Db, at: number, routeChannels: boolean): Setup {
  const adminId = db.$client.prepare("SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1").pluck().get() as number;
  const actor = { actorId: adminId, now: at };
  const agentIds = insertAgents(db, AGENTS, at);
  const teamIds = Array.from({ length: TEAMS }, (_, k) => createTeam(db, { name: `Bench ${k + 1}`, mode: "balanced", capacity: 40 }, actor).id);
  agentIds.forEach((id, i) => {
    const home = Math.floor((i * TEAMS) / AGENTS);
    addTeamMember(db, teamIds[home]!, id, actor);
    addTeamMember(db, teamIds[(home + 1 + (i % (TEAMS - 1))) % TEAMS]!, id, actor);
    if (i % 4 === 0) setAgentCapacity(db, id, 60, actor);
  });
  if (routeChannels) listChannels(db).forEach((c, i) => setChannelDefaultTeam(db, c.id, teamIds[i % TEAMS]!, actor));
  present(db, agentIds, at);
  return { teamIds, agentIds };
}

/** Every agent chose "available" and polled at `at` (what the inbox's heartbeat writes). */
function present(db: Db, agentIds: number[], at: number): void {
  for (const id of agentIds) setAvailability(db, id, "available", at);
}

export const routingSuite: Suite = {
  id: "routing",
  title: "Routing (issue 13): the distribution decision, and filing with distribution vs without",
  kind: "data",
  run(ctx: SuiteContext): SuiteResult {
    const messages = Math.max(...ctx.sizes);
    ctx.log(`routing: into two copies of the ${label(messages)} database …`);
    const source = ctx.dataset(messages);
    const files = { a: path.join(ctx.scratchDir, "routing-on.db"), b: path.join(ctx.scratchDir, "routing-off.db") };
    copyDatabase(source, files.a);
    copyDatabase(source, files.b);
    const dbs = { a: openDatabase(files.a), b: openDatabase(files.b) };
    try {
      const start = DEFAULT_END + 86_400_000;
      const setups = { a: setUp(dbs.a, start, true), b: setUp(dbs.b, start, false) };
      const chatsBefore = dbs.b.$client.prepare("SELECT max(id) FROM chats").pluck().get() as number;

      // ---- filing, with distribution (a) and without (b) ------------------------------------------------
      const rng = new Rng(13);
      const block = ctx.quick ? 300 : 1000;
      const blocks = ctx.quick ? 4 : 8;
      const warm = 200;
      const evs = inboundTraffic(rng, listChannels(dbs.a), knownContacts(dbs.a, rng, 5000), warm + block * blocks, `routing-${process.pid}`, start + 60_000, STEP_MS);
      ctx.log(`routing: filing ${blocks} blocks of ${block} on each copy …`);
      const filing = alternatingFiling(dbs, evs, { warm, block, blocks, before: (which, db, at) => present(db, setups[which].agentIds, at) });
      const on = median(filing.a);
      const off = median(filing.b);
      const ratio = pairedRatio(filing.a, filing.b);
      const assigned = dbs.a.$client
        .prepare("SELECT count(*) FROM chats WHERE id > ? AND assignee_id IN (SELECT user_id FROM team_members WHERE team_id IN (SELECT value FROM json_each(?)))")
        .pluck()
        .get(chatsBefore, JSON.stringify(setups.a.teamIds)) as number;
      const waitingOn = dbs.a.$client.prepare("SELECT count(*) FROM chats WHERE id > ? AND assignee_id IS NULL AND status = 'open'").pluck().get(chatsBefore) as number;

      // ---- the decision as a service call: enqueueChat on the chats the run left waiting in (b) ------------
      const end = evs.at(-1)!.at + 60_000;
      present(dbs.b, setups.b.agentIds, end);
      const waiting = dbs.b.$client
        .prepare("SELECT id FROM chats WHERE id > ? AND assignee_id IS NULL AND status = 'open' ORDER BY id")
        .pluck()
        .all(chatsBefore) as number[];
      const samples = Math.min(waiting.length, ctx.quick ? 600 : 2000);
      const warmCalls = Math.min(100, Math.floor(samples / 10));
      const inTx: number[] = [];
      const inTxCpu: number[] = [];
      const withCommit: number[] = [];
      let placed = 0;
      for (let i = 0; i < samples; i++) {
        const chatId = waiting[i]!;
        const teamId = setups.b.teamIds[i % TEAMS]!;
        let inside = 0;
        let insideCpu = 0;
        const t0 = process.hrtime.bigint();
        dbs.b.transaction(
          (tx) => {
            const c0 = process.cpuUsage();
            const s = process.hrtime.bigint();
            placed += enqueueChat(tx, { chatId, teamId, now: end + i, reason: "inbound" }).length;
            inside = Number(process.hrtime.bigint() - s) / 1e6;
            const used = process.cpuUsage(c0);
            insideCpu = (used.user + used.system) / 1000;
          },
          { behavior: "immediate" },
        );
        const total = Number(process.hrtime.bigint() - t0) / 1e6;
        if (i < warmCalls) continue;
        inTx.push(inside);
        inTxCpu.push(insideCpu);
        withCommit.push(total);
      }
      const service = distribution(inTx);
      const serviceCommit = distribution(withCommit);
      const serviceCpu = distribution(inTxCpu);

      // ---- the decision as the pure rule, over a team's real candidates after the run ---------------------
      const teamId = setups.a.teamIds[0]!;
      const team = dbs.a.$client.prepare("SELECT capacity FROM teams WHERE id = ?").pluck().get(teamId) as number;
      const candidates: Candidate[] = memberLoads(dbs.a, teamId, evs.at(-1)!.at - PRESENCE_TIMEOUT_MS).map((r) => ({
        id: r.userId,
        available: true,
        capacity: capacityOf(r.capacityOverride, team),
        load: r.open + r.offered,
        lastAssignedAt: r.lastAssignedAt,
      }));
      const pure: number[] = [];
      let sink = 0;
      for (let i = 0; i < 20_000; i++) {
        const t0 = process.hrtime.bigint();
        sink += chooseAgent("balanced", candidates)?.id ?? 0;
        if (i >= 1000) pure.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      const rule = distribution(pure);
      if (sink === 0) throw new Error("chooseAgent found nobody with room");

      const goalMs = { label: "goal (issue 13)", value: DECISION_GOAL_MS, unit: "ms" };
      const figures: Figure[] = [
        {
          id: "routing.decision.service",
          suite: "routing",
          label: "routing: distribution decision, service call (enqueueChat: queue, load candidates, choose, assign), p95 in its transaction",
          value: round(service.p95, 3),
          unit: "ms",
          against: goalMs,
          ratio: round(service.p95 / DECISION_GOAL_MS, 3),
          details: { ...roundAll(service), cpuTime: roundAll(serviceCpu), withCommitP95: round(serviceCommit.p95, 3), withCommitP50: round(serviceCommit.p50, 3), placed, samples: inTx.length, agents: AGENTS, teams: TEAMS, membersPerTeam: (AGENTS * 2) / TEAMS, database: `${label(messages)} messages` },
        },
        {
          id: "routing.decision.rule",
          suite: "routing",
          label: `routing: distribution decision, pure rule (chooseAgent, balanced, ${candidates.length} real candidates), p95`,
          value: round(rule.p95, 4),
          unit: "ms",
          against: goalMs,
          details: roundAll(rule, 4),
        },
        {
          id: "routing.filing.on",
          suite: "routing",
          label: "routing: filing with distribution (4 channels to balanced teams), messages/s",
          value: Math.round(on),
          unit: "msg/s",
          against: { label: "same run without distribution (default team, manual)", value: Math.round(off), unit: "msg/s" },
          ratio: round(ratio, 3),
          details: { onBlocks: filing.a.map(Math.round), offBlocks: filing.b.map(Math.round), ratioOfMedians: round(on / off, 3), perCpuSecond: { on: Math.round(median(filing.aCpu)), off: Math.round(median(filing.bCpu)), pairedRatio: round(pairedRatio(filing.aCpu, filing.bCpu), 3) }, assignedByDistribution: assigned, leftWaiting: waitingOn },
        },
        { id: "routing.filing.off", suite: "routing", label: "routing: filing without distribution (default team, manual), messages/s", value: Math.round(off), unit: "msg/s" },
      ];
      const goals: Goal[] = [
        {
          id: "routing-decision",
          suite: "routing",
          target: `with ${AGENTS} agents in ${TEAMS} teams, the distribution decision ≤ ${DECISION_GOAL_MS} ms p95 in-process (service call enqueueChat)`,
          measured: `p95 ${round(service.p95, 3)} ms (p50 ${round(service.p50, 3)}; CPU time p95 ${round(serviceCpu.p95, 3)}; with commit p95 ${round(serviceCommit.p95, 3)}; pure rule p95 ${round(rule.p95, 4)} ms)`,
          holds: service.p95 <= DECISION_GOAL_MS,
        },
        {
          id: "routing-filing",
          suite: "routing",
          target: `filing with distribution ≥ ${FILING_GOAL * 100}% of the same run without`,
          measured: `median of per-block ratios ${round(ratio * 100, 1)}% (medians ${Math.round(on)} / ${Math.round(off)} msg/s; per CPU second ${round(pairedRatio(filing.aCpu, filing.bCpu) * 100, 1)}%)`,
          holds: ratio >= FILING_GOAL,
        },
      ];
      return {
        figures,
        goals,
        ratios: [{ id: "routing-filing", label: "filing with distribution / without", numerator: "routing.filing.on", denominator: "routing.filing.off", value: round(ratio, 3) }],
        notes: [
          `${assigned} of the run's new chats were assigned by distribution, ${waitingOn} left waiting; the service call placed ${placed} of ${samples} chats`,
          "the dataset has 4 channels, so filing feeds 4 of the 10 teams; the service-call sample spreads over all 10",
        ],
      };
    } finally {
      dbs.a.$client.close();
      dbs.b.$client.close();
      removeDatabase(files.a);
      removeDatabase(files.b);
    }
  },
};

function roundAll(d: ReturnType<typeof distribution>, digits = 3) {
  return { n: d.n, p50: round(d.p50, digits), p95: round(d.p95, digits), p99: round(d.p99, digits), max: round(d.max, digits), mean: round(d.mean, digits) };
}
