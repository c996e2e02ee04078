import { describe, expect, it } from "vitest";
import { isDomainError } from "@/server/domain/errors";
import {
  awayMessageDue,
  capacityOf,
  chooseAgent,
  effectiveAvailability,
  offerTimeLeft,
  PRESENCE_TIMEOUT_MS,
  validateCapacity,
  validateOfferSeconds,
  validateTeamMessage,
  type Candidate,
} from "@/server/domain/routing";

const agent = (id: number, over: Partial<Candidate> = {}): Candidate => ({ id, available: true, capacity: 3, load: 0, lastAssignedAt: null, ...over });

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error)) return error.text.key;
    throw error;
  }
  return "accepted";
}

describe("chooseAgent", () => {
  it("leaves the chat waiting in manual mode", () => {
    expect(chooseAgent("manual", [agent(1)])).toBeNull();
  });

  it("balanced: the fewest open chats, ties to whoever has been idle longest, then the lower id", () => {
    const team = [agent(1, { load: 2, lastAssignedAt: 10 }), agent(2, { load: 1, lastAssignedAt: 50 }), agent(3, { load: 1, lastAssignedAt: 20 })];
    expect(chooseAgent("balanced", team)?.id).toBe(3);
    expect(chooseAgent("balanced", [agent(5, { load: 1, lastAssignedAt: 5 }), agent(4, { load: 1, lastAssignedAt: 5 })])?.id).toBe(4);
    // Never assigned at all counts as idle longest.
    expect(chooseAgent("balanced", [agent(1, { lastAssignedAt: 1 }), agent(2)])?.id).toBe(2);
  });

  it("round robin: whoever received one longest ago, whatever their load", () => {
    const team = [agent(1, { load: 0, lastAssignedAt: 30 }), agent(2, { load: 2, lastAssignedAt: 10 })];
    expect(chooseAgent("round_robin", team)?.id).toBe(2);
  });

  it("never picks someone unavailable, full or excluded (they let the offer pass)", () => {
    const team = [agent(1, { available: false }), agent(2, { load: 3 }), agent(3, { load: 2 }), agent(4, { load: 1 })];
    expect(chooseAgent("offer", team, new Set([4]))?.id).toBe(3);
    expect(chooseAgent("offer", team, new Set([3, 4]))).toBeNull();
    expect(chooseAgent("round_robin", [agent(9, { capacity: 1, load: 1 })])).toBeNull();
  });
});

describe("availability and limits", () => {
  it("goes offline after a few minutes without a poll, or when chosen", () => {
    expect(effectiveAvailability("available", 1_000, 1_000 + PRESENCE_TIMEOUT_MS)).toBe("available");
    expect(effectiveAvailability("available", 1_000, 1_001 + PRESENCE_TIMEOUT_MS)).toBe("offline");
    expect(effectiveAvailability("away", 1_000, 2_000)).toBe("away");
    expect(effectiveAvailability("available", null, 2_000)).toBe("offline");
    expect(effectiveAvailability("offline", 2_000, 2_000)).toBe("offline");
  });

  it("an agent's own capacity wins over the team's", () => {
    expect(capacityOf(null, 5)).toBe(5);
    expect(capacityOf(2, 5)).toBe(2);
  });

  it("refuses capacity 0 or 10,000, offers outside 30 s–30 min, and overlong messages", () => {
    expect(refusal(() => validateCapacity(0))).toBe("error.routing.capacity");
    expect(refusal(() => validateCapacity(10_000))).toBe("error.routing.capacity");
    expect(refusal(() => validateCapacity(2.5))).toBe("error.routing.capacity");
    expect(validateCapacity(100)).toBe(100);
    expect(refusal(() => validateOfferSeconds(29))).toBe("error.routing.offerSeconds");
    expect(refusal(() => validateOfferSeconds(1801))).toBe("error.routing.offerSeconds");
    expect(validateOfferSeconds(30)).toBe(30);
    expect(refusal(() => validateTeamMessage("x".repeat(1025)))).toBe("error.team.message");
    expect(validateTeamMessage("   ")).toBeNull();
    expect(validateTeamMessage("👍🏽".repeat(1024))).toHaveLength("👍🏽".length * 1024);
  });

  it("sends the away message at most once a day per chat", () => {
    const DAY = 86_400_000;
    expect(awayMessageDue(null, 5)).toBe(true);
    expect(awayMessageDue(0, DAY - 1)).toBe(false);
    expect(awayMessageDue(0, DAY)).toBe(true);
  });

  it("shows what is left of an offer as m:ss", () => {
    expect(offerTimeLeft(42_000, 0)).toBe("0:42");
    expect(offerTimeLeft(725_000, 0)).toBe("12:05");
    expect(offerTimeLeft(0, 5_000)).toBe("0:00");
  });
});
