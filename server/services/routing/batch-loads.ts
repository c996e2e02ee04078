import type Database from "better-sqlite3";
import type { DbOrTx } from "@/db/client";
import { changedSince, lastChangeSeq, type ChangeRow } from "@/server/repositories/changes";
import { memberLoads, memberPresence, offersMark, type MemberLoad } from "@/server/repositories/teams";

// Filing distributes every new chat as it is filed, and counting each member's open chats and offers (two
// counts per member, for every new chat) cost more than the rest of the decision. So filing keeps the
// counts: read once per team, then kept current by distribution's own placements (in memory) and by every
// other change to a chat's status or assignee, read back from the change sequence (its triggers record each
// chat's old and new status and assignee, whoever wrote it, in this process or another). What the sequence
// does not say is read again at each filing batch: presence, capacity override and turn order (one light
// query per team), and whether any offer began or ended (then everything is counted again, as when the
// membership or a team changes). Kept per connection, only for batches that committed: a batch that fails
// drops it, and so does a pause longer than the change sequence is surely kept.
//
// Inside a batch it also remembers which queues it left empty, so the next new chat of that team need not
// look: in filing a chat becomes waiting only by routing's own queueing (a new chat has no team until routing
// gives it one) or by a change to open and unassigned (a scheduled chat reopening), which forgets them all.

export interface AgentLoad {
  id: number;
  /** Open chats assigned plus chats offered now. */
  load: number;
  offered: number;
  override: number | null;
  availability: MemberLoad["availability"];
  lastSeenAt: number | null;
}

export interface Member {
  agent: AgentLoad;
  lastAssignedAt: number | null;
}

interface Kept {
  agents: Map<number, AgentLoad>;
  /** The members of the teams looked at in this batch. */
  teams: Map<number, Member[]>;
  /** Teams whose queue has no waiting chat (this batch only). */
  emptyQueues: Set<number>;
  /** The change sequence up to which `agents` is current; -1: not read yet. */
  seq: number;
  /** Pending offers as last seen (offersMark), checked once per batch. */
  offers: string;
  offersChecked: boolean;
  inBatch: boolean;
  lastUsed: number;
}

/** Well inside the change sequence's retention (jobs/lifecycle.ts: an hour). */
const KEEP_IDLE_MS = 5 * 60_000;
const kept = new WeakMap<Database.Database, Kept>();

function client(db: DbOrTx): Database.Database {
  return (db as unknown as { session: { client: Database.Database } }).session.client;
}

const fresh = (): Kept => ({ agents: new Map(), teams: new Map(), emptyQueues: new Set(), seq: -1, offers: "", offersChecked: false, inBatch: false, lastUsed: 0 });

/** Runs a filing batch `fn` (which holds one transaction the whole time) with loads kept across its distributions. */
export function withKeptLoads<T>(db: DbOrTx, fn: () => T): T {
  const conn = client(db);
  let state = kept.get(conn);
  if (state?.inBatch) return fn();
  if (!state || Date.now() - state.lastUsed > KEEP_IDLE_MS) kept.set(conn, (state = fresh()));
  state.inBatch = true;
  state.offersChecked = false;
  state.teams.clear();
  state.emptyQueues.clear();
  try {
    const out = fn();
    state.inBatch = false;
    state.lastUsed = Date.now();
    return out;
  } catch (err) {
    // Rolled back: what it counted in memory never happened.
    kept.delete(conn);
    throw err;
  }
}

function batchOf(tx: DbOrTx): Kept | null {
  const state = kept.get(client(tx));
  return state?.inBatch ? state : null;
}

/**
 * The members of a team with their loads, or null outside a filing batch (the caller reads them itself).
 * Call `settled` once the distribution has written its placements.
 */
export function keptMembers(tx: DbOrTx, teamId: number): Member[] | null {
  const state = batchOf(tx);
  if (!state) return null;
  catchUp(tx, state);
  let members = state.teams.get(teamId);
  if (members) return members;
  const present = memberPresence(tx, teamId);
  if (present.every((row) => state.agents.has(row.userId))) {
    members = present.map((row) => {
      const agent = state.agents.get(row.userId)!;
      agent.availability = row.availability;
      agent.lastSeenAt = row.lastSeenAt;
      agent.override = row.capacityOverride;
      return { agent, lastAssignedAt: row.lastAssignedAt };
    });
  } else {
    // Someone new: counted, with the rest of the team (the same objects, so other teams' lists stay shared).
    members = memberLoads(tx, teamId).map((row) => {
      let agent = state.agents.get(row.userId);
      if (!agent) state.agents.set(row.userId, (agent = { id: row.userId, load: 0, offered: 0, override: null, availability: row.availability, lastSeenAt: null }));
      Object.assign(agent, { load: row.open + row.offered, offered: row.offered, override: row.capacityOverride, availability: row.availability, lastSeenAt: row.lastSeenAt });
      return { agent, lastAssignedAt: row.lastAssignedAt };
    });
  }
  state.teams.set(teamId, members);
  return members;
}

/** Whether this team's queue is known to hold no waiting chat (only inside a batch, after keptMembers). */
export function queueKnownEmpty(tx: DbOrTx, teamId: number): boolean {
  return batchOf(tx)?.emptyQueues.has(teamId) ?? false;
}

/** A distribution that read no loads (manual or closed teams) may have queued a chat there. */
export function queuesUnknown(tx: DbOrTx, teamIds: readonly number[]): void {
  const state = batchOf(tx);
  if (state) for (const id of teamIds) state.emptyQueues.delete(id);
}

/**
 * After a distribution in a batch that read its loads with keptMembers (settling advances past its own
 * writes, so it must not run without that catch-up first): its own writes are already counted in memory
 * (or, for offers, forgotten); `emptied` are the teams it left with nothing waiting, `others` the rest it looked at.
 */
export function settled(tx: DbOrTx, offered: boolean, emptied: readonly number[] = [], others: readonly number[] = []): void {
  const state = batchOf(tx);
  if (!state) return;
  if (offered) forget(state);
  else {
    for (const id of emptied) state.emptyQueues.add(id);
    for (const id of others) state.emptyQueues.delete(id);
  }
  state.seq = lastChangeSeq(tx);
}

function forget(state: Kept): void {
  state.agents.clear();
  state.teams.clear();
  state.emptyQueues.clear();
}

function catchUp(tx: DbOrTx, state: Kept): void {
  if (!state.offersChecked) {
    // Offers begin and end outside filing too (the job, an agent letting one pass) without naming whose they were.
    const offers = offersMark(tx);
    if (offers !== state.offers) forget(state);
    state.offers = offers;
    state.offersChecked = true;
  }
  if (state.seq < 0) {
    state.seq = lastChangeSeq(tx);
    return;
  }
  const rows = changedSince(tx, state.seq);
  if (rows.length === 0) return;
  state.seq = rows[rows.length - 1]!.seq;
  const offered = [...state.agents.values()].some((a) => a.offered > 0);
  for (const row of rows) {
    if (row.kind === "structure") return forget(state);
    if (row.kind !== "chat" || (row.oStatus === row.nStatus && row.oAssignee === row.nAssignee)) continue;
    // An offer on this chat may have ended with it (a trigger), for someone this does not name.
    if (offered) return forget(state);
    // A chat that was already there (not a new one) became open and unassigned: some queue may hold it now.
    if (row.oStatus !== null && row.nStatus === "open" && row.nAssignee === null) state.emptyQueues.clear();
    count(state, row, -1);
    count(state, row, +1);
  }
}

function count(state: Kept, row: ChangeRow, sign: 1 | -1): void {
  const [status, assignee] = sign < 0 ? [row.oStatus, row.oAssignee] : [row.nStatus, row.nAssignee];
  if (status !== "open" || assignee === null) return;
  const agent = state.agents.get(assignee);
  if (agent) agent.load += sign;
}
