import type { Db } from "@/db/client";
import { fireReminder, inactivityDecision } from "@/server/domain";
import { pruneChanges } from "@/server/repositories/changes";
import { findChat } from "@/server/repositories/chats";
import { findSystemReason } from "@/server/repositories/close-reasons";
import { dueReminders, inactiveCandidates } from "@/server/repositories/due-chats";
import { readSettings } from "@/server/repositories/settings";
import { writeAudit } from "@/server/repositories/audit";
import { writeDecision } from "@/server/services/chat-records";
import { fillBusinessTimes } from "@/server/services/business-time";
import { runBotTimeouts } from "@/server/services/bot/run";
import { roomAppeared } from "@/server/services/routing/distribute";
import { askForRatingAfterClose } from "@/server/services/csat";

// Each job re-reads every chat inside its own immediate transaction and asks the domain again, so two
// runs at once (two servers, or the CLI beside the server) cannot double-close or double-fire.

const BATCH = 500;

export function runDueReminders(db: Db, now: number): number {
  let fired = 0;
  for (const candidate of dueReminders(db, now, BATCH)) {
    fired += db.transaction(
      (tx) => {
        const chat = findChat(tx, candidate.id);
        if (!chat) return 0;
        const decision = fireReminder(chat, now);
        writeDecision(tx, chat, decision, now);
        return decision.changed ? 1 : 0;
      },
      { behavior: "immediate" },
    );
  }
  return fired;
}

export function runInactivity(db: Db, now: number): number {
  const minutes = readSettings(db).inactivityMinutes;
  if (minutes === null) return 0;
  const periodMs = minutes * 60_000;
  const reason = findSystemReason(db, "inactivity");
  if (!reason) return 0;
  let closed = 0;
  for (const candidate of inactiveCandidates(db, now - periodMs, now, BATCH)) {
    closed += db.transaction(
      (tx) => {
        const chat = findChat(tx, candidate.id);
        if (!chat) return 0;
        const decision = inactivityDecision(chat, now, periodMs, reason.id);
        if (!decision) return 0;
        const closed = writeDecision(tx, chat, decision, now);
        writeAudit(tx, { actorId: null, action: "chat.close_inactive", targetType: "chat", targetId: chat.id }, now);
        roomAppeared(tx, chat.status === "open" ? chat.assigneeId : null, now, "closed_inactive");
        askForRatingAfterClose(tx, closed, "inactivity", now);
        return 1;
      },
      { behavior: "immediate" },
    );
  }
  return closed;
}

/** How long the live-update change sequence is kept: a browser asleep longer resyncs its inbox in one answer. */
export const CHANGE_RETENTION_MS = 60 * 60_000;

export function runLifecycleJobs(db: Db, now: number): { remindersFired: number; closedInactive: number } {
  // First, so a contact who went quiet with the bot is closed as "No reply" (or handed off), not as inactive.
  runBotTimeouts(db, now);
  const done = { remindersFired: runDueReminders(db, now), closedInactive: runInactivity(db, now) };
  fillBusinessTimes(db);
  pruneChanges(db, now - CHANGE_RETENTION_MS);
  return done;
}
