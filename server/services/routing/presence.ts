import type { Db } from "@/db/client";
import { effectiveAvailability, type Availability } from "@/server/domain/routing";
import { writeAudit } from "@/server/repositories/audit";
import { setPresence } from "@/server/repositories/teams";
import { findUserById } from "@/server/repositories/users";
import { roomAppeared } from "./distribute";
import { withdrawOffersOf } from "./offers";

// Availability: what the agent chose in the header (available, away, offline), and whether an inbox of theirs
// is polling. The poll is the heartbeat; it must stay cheap (it is the request every open tab makes every few
// seconds), so the last-seen time is written at most once a minute per person and process, from memory.

const HEARTBEAT_WRITE_MS = 60_000;
const globalForPresence = globalThis as unknown as { charlaSeen?: Map<number, number> };
const lastWritten = (globalForPresence.charlaSeen ??= new Map());

/** Called by each inbox poll. An agent coming back (their last poll was minutes ago) gets waiting chats at once. */
export function noteSeen(db: Db, userId: number, now: number): void {
  const written = lastWritten.get(userId);
  if (written !== undefined && now - written < HEARTBEAT_WRITE_MS && now >= written) return;
  lastWritten.set(userId, now);
  db.transaction(
    (tx) => {
      const user = findUserById(tx, userId);
      if (!user) return;
      const wasOffline = effectiveAvailability(user.availability, user.lastSeenAt, now) === "offline";
      setPresence(tx, userId, { lastSeenAt: now });
      if (wasOffline && user.availability === "available") roomAppeared(tx, userId, now, "back_online");
    },
    { behavior: "immediate" },
  );
}

export function setAvailability(db: Db, userId: number, availability: Availability, now: number): void {
  db.transaction(
    (tx) => {
      const user = findUserById(tx, userId);
      if (!user) return;
      // Choosing in the header means they are here: they count as seen now.
      setPresence(tx, userId, { availability, lastSeenAt: availability === "offline" ? user.lastSeenAt : now });
      if (user.availability !== availability) {
        writeAudit(tx, { actorId: userId, action: "user.availability", targetType: "user", targetId: userId, details: { previous: user.availability, availability } }, now);
      }
      if (availability === "available") roomAppeared(tx, userId, now, "available");
      else withdrawOffersOf(tx, userId, now);
    },
    { behavior: "immediate" },
  );
  lastWritten.set(userId, now);
}

/** Signing out: offline at once (their choice stays for the next sign-in), and what was offered to them passes on. */
export function signedOut(db: Db, userId: number, now: number): void {
  lastWritten.delete(userId);
  db.transaction(
    (tx) => {
      setPresence(tx, userId, { lastSeenAt: null });
      withdrawOffersOf(tx, userId, now);
    },
    { behavior: "immediate" },
  );
}

