import type { Db } from "@/db/client";
import { findSystemReason, insertCloseReason } from "@/server/repositories/close-reasons";
import { countAdmins } from "@/server/repositories/users";
import { randomPassword } from "@/server/auth/password";
import { createUser } from "./users";

const SYSTEM_REASONS = [
  { systemKey: "transferred", label: "Transferred" },
  { systemKey: "inactivity", label: "Inactivity" },
] as const;

// Chosen by agents like the company's own; the key makes each reader see them in their language.
const BUILTIN_REASONS = [
  { builtinKey: "resolved", label: "Resolved" },
  { builtinKey: "no_reply", label: "No reply from contact" },
  { builtinKey: "spam", label: "Spam" },
] as const;

/** Idempotent: the rows the system relies on exist after this, however often it runs. */
export function ensureSystemRows(db: Db, now: number): void {
  db.transaction(
    (tx) => {
      const firstRun = !findSystemReason(tx, "transferred") && !findSystemReason(tx, "inactivity");
      for (const reason of SYSTEM_REASONS) {
        if (!findSystemReason(tx, reason.systemKey)) {
          insertCloseReason(tx, { label: reason.label, systemKey: reason.systemKey, active: true, createdAt: now });
        }
      }
      // A fresh install gets a few everyday reasons so an agent can close a chat at once.
      if (firstRun) for (const reason of BUILTIN_REASONS) insertCloseReason(tx, { ...reason, active: true, createdAt: now });
    },
    { behavior: "immediate" },
  );
}

export interface FirstAdmin {
  email: string;
  /** Present only when the password was generated here and must be shown once. */
  generatedPassword?: string;
}

/** Creates the first administrator if there is none: from ADMIN_EMAIL/ADMIN_PASSWORD, else admin@localhost. */
export async function ensureFirstAdmin(
  db: Db,
  now: number,
  fromEnv: { email?: string; password?: string },
): Promise<FirstAdmin | null> {
  if (countAdmins(db, false) > 0) return null;
  const email = fromEnv.email ?? "admin@localhost";
  const generated = fromEnv.password ? undefined : randomPassword();
  const password = fromEnv.password ?? generated!;
  try {
    await createUser(db, { email, name: "Administrator", role: "admin", password }, { actorId: null, now });
  } catch (err) {
    // Another process (the server and the start script) created it at the same moment.
    if (countAdmins(db, false) > 0) return null;
    throw err;
  }
  return { email, generatedPassword: generated };
}
