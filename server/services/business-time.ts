import type { Db } from "@/db/client";
import { businessMsBetween, type Schedule } from "@/server/domain/business-hours";
import { metricsTodo, setMetricsBms, setWaitBms, teamSchedules, waitsTodo } from "@/server/repositories/business-time";

// Counts the kept metrics again inside each team's opening hours (issue 15: "in business time as well as
// wall-clock time"). The triggers keep the wall-clock figures in the writing transaction; they cannot read a
// schedule, so this runs in the job runner a moment later, a bounded batch per tick, each batch in one
// transaction. Idempotent: a row counted twice (two processes) gets the same value.

const BATCH = 500;

export function fillBusinessTimes(db: Db, batches = 4): number {
  let done = 0;
  for (let i = 0; i < batches; i++) {
    const n = db.transaction(() => fillBatch(db), { behavior: "immediate" });
    done += n;
    if (n < BATCH) break;
  }
  return done;
}

function fillBatch(db: Db): number {
  const rows = metricsTodo(db, BATCH);
  const waits = waitsTodo(db, BATCH);
  if (rows.length === 0 && waits.length === 0) return 0;
  const scheduleOf = schedules(db);
  for (const r of rows) {
    const s = scheduleOf(r.teamId);
    const first = r.firstResponseMs !== null && r.firstReplyAt !== null && r.firstResponseBms === null ? businessMsBetween(s, r.firstReplyAt - r.firstResponseMs, r.firstReplyAt) : null;
    const resolution = r.resolutionMs !== null && r.closedAt !== null && r.resolutionBms === null ? businessMsBetween(s, r.closedAt - r.resolutionMs, r.closedAt) : null;
    setMetricsBms(db, r.chatId, first, resolution);
  }
  for (const w of waits) setWaitBms(db, w.id, businessMsBetween(scheduleOf(w.teamId), w.contactAt, w.replyAt));
  return Math.max(rows.length, waits.length);
}

/** A chat without a team follows the default team's hours; a team without hours is always open. */
function schedules(db: Db): (teamId: number | null) => Schedule | null {
  const teams = teamSchedules(db);
  const parsed = new Map(teams.map((t) => [t.id, t.schedule ? (JSON.parse(t.schedule) as Schedule) : null]));
  const fallback = teams.find((t) => t.isDefault)?.id ?? null;
  return (teamId) => parsed.get(teamId ?? fallback ?? -1) ?? null;
}
