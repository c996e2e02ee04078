import type { Db } from "@/db/client";
import { listTeams } from "@/server/repositories/teams";
import { distribute } from "@/server/services/routing/distribute";
import { runOfferExpiry } from "@/server/services/routing/offers";

// Routing's background work: offers that expired (or whose agent went away) pass on, and the queues of teams
// in an automatic mode are distributed — which is how a team's opening hours start serving what waited
// overnight, and a safety net for any room that appeared without a chance to fill it. Everything lives in
// the database and each step re-checks it in its own immediate transaction, so a restart loses nothing and
// two processes running this at once place each chat once.

export function runRoutingJobs(db: Db, now: number): { expired: number; withdrawn: number; placed: number } {
  const offers = runOfferExpiry(db, now);
  const automatic = listTeams(db).filter((team) => team.mode !== "manual").map((team) => team.id);
  const placed = automatic.length ? db.transaction((tx) => distribute(tx, automatic, now, "sweep"), { behavior: "immediate" }).length : 0;
  return { ...offers, placed };
}
