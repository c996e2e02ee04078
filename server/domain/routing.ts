import { badRequest } from "./errors";
import { graphemeCount, isBlank } from "./text";

// Who gets a waiting chat. The services load the team's agents with their load, ask chooseAgent, and
// write the answer in the same immediate transaction, so two deliveries (or two agents freeing up) at
// once are decided one after the other against what the first wrote: nobody goes above capacity and
// no chat gets two owners. chooseAgent is pure and cheap so it can be timed in-process (bench).

export const DISTRIBUTION_MODES = ["manual", "round_robin", "balanced", "offer"] as const;
export type DistributionMode = (typeof DISTRIBUTION_MODES)[number];

export const AVAILABILITIES = ["available", "away", "offline"] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export const CAPACITY_MIN = 1;
export const CAPACITY_MAX = 100;
export const DEFAULT_CAPACITY = 5;
export const OFFER_SECONDS_MIN = 30;
export const OFFER_SECONDS_MAX = 30 * 60;
export const DEFAULT_OFFER_SECONDS = 60;
export const TEAM_NAME_MAX = 60;
export const TEAM_MESSAGE_MAX = 1024;
/** No poll for this long and an agent counts as offline (the inbox polls every few seconds while open). */
export const PRESENCE_TIMEOUT_MS = 3 * 60_000;
/** At most one away message per chat in this long. */
export const AWAY_MESSAGE_EVERY_MS = 24 * 60 * 60_000;

export interface Candidate {
  id: number;
  /** Chose "available" and has an inbox open (see effectiveAvailability). */
  available: boolean;
  capacity: number;
  /** Open chats assigned to them plus chats offered to them now (scheduled chats count once due). */
  load: number;
  /** When they last received a chat automatically from this team; null: never (they come first). */
  lastAssignedAt: number | null;
}

export function hasRoom(candidate: Pick<Candidate, "load" | "capacity">): boolean {
  return candidate.load < candidate.capacity;
}

const since = (at: number | null) => (at === null ? -Infinity : at);

/**
 * The agent a waiting chat goes to (or is offered to), or null when it waits: manual mode, nobody
 * available with room, or all of them excluded (they let the offer pass).
 * Round robin: whoever received one longest ago. Balanced and offer: the fewest open chats, ties to
 * whoever has been idle longest; ids break the last ties so the answer never depends on input order.
 */
export function chooseAgent(mode: DistributionMode, candidates: readonly Candidate[], exclude?: ReadonlySet<number>): Candidate | null {
  if (mode === "manual") return null;
  let best: Candidate | null = null;
  for (const c of candidates) {
    if (!c.available || !hasRoom(c) || exclude?.has(c.id)) continue;
    if (!best || better(mode, c, best)) best = c;
  }
  return best;
}

function better(mode: DistributionMode, a: Candidate, b: Candidate): boolean {
  if (mode !== "round_robin" && a.load !== b.load) return a.load < b.load;
  const ai = since(a.lastAssignedAt);
  const bi = since(b.lastAssignedAt);
  if (ai !== bi) return ai < bi;
  return a.id < b.id;
}

/** What an agent counts as now: their choice, unless no inbox tab has polled for a while. */
export function effectiveAvailability(chosen: Availability, lastSeenAt: number | null, now: number): Availability {
  if (chosen === "offline") return "offline";
  if (lastSeenAt === null || now - lastSeenAt > PRESENCE_TIMEOUT_MS) return "offline";
  return chosen;
}

/** An agent's own limit wins over their team's default. */
export function capacityOf(agentOverride: number | null, teamDefault: number): number {
  return agentOverride ?? teamDefault;
}

export function validateCapacity(value: number): number {
  if (!Number.isInteger(value) || value < CAPACITY_MIN || value > CAPACITY_MAX) {
    throw badRequest(`Capacity must be a whole number from ${CAPACITY_MIN} to ${CAPACITY_MAX}; got ${value}.`, {
      key: "error.routing.capacity",
      params: { min: CAPACITY_MIN, max: CAPACITY_MAX, value: String(value) },
    });
  }
  return value;
}

export function validateOfferSeconds(value: number): number {
  if (!Number.isInteger(value) || value < OFFER_SECONDS_MIN || value > OFFER_SECONDS_MAX) {
    throw badRequest(`An offer lasts from ${OFFER_SECONDS_MIN} seconds to ${OFFER_SECONDS_MAX / 60} minutes; got ${value} seconds.`, {
      key: "error.routing.offerSeconds",
      params: { min: OFFER_SECONDS_MIN, max: OFFER_SECONDS_MAX / 60, value: String(value) },
    });
  }
  return value;
}

export function validateTeamName(name: string): string {
  const trimmed = name.trim();
  if (isBlank(trimmed) || graphemeCount(trimmed) > TEAM_NAME_MAX) {
    throw badRequest(`A team needs a name of at most ${TEAM_NAME_MAX} characters.`, { key: "error.team.name", params: { max: TEAM_NAME_MAX } });
  }
  return trimmed;
}

/** An away message or greeting: empty means none; otherwise at most 1,024 characters (the channel may allow fewer). */
export function validateTeamMessage(text: string | null | undefined): string | null {
  if (text === null || text === undefined || isBlank(text)) return null;
  const count = graphemeCount(text.trim());
  if (count > TEAM_MESSAGE_MAX) {
    throw badRequest(`Automatic messages are limited to ${TEAM_MESSAGE_MAX} characters; this one has ${count}.`, {
      key: "error.team.message",
      params: { max: TEAM_MESSAGE_MAX, count },
    });
  }
  return text.trim();
}

/** Whether a chat may get the away message now: never sent, or the last one is 24 hours old. */
export function awayMessageDue(lastSentAt: number | null, now: number): boolean {
  return lastSentAt === null || now - lastSentAt >= AWAY_MESSAGE_EVERY_MS;
}

/** "0:42", "12:05": what is left of an offer, for the list. */
/** Stands for offerTimeLeft's answer in a text the browser fills in each second (the offer's countdown). */
export const TIME_LEFT_MARK = "\u2060left\u2060";

export function offerTimeLeft(expiresAt: number, now: number): string {
  const seconds = Math.max(0, Math.ceil((expiresAt - now) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
