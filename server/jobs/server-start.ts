import { getDb } from "@/db/client";
import { env } from "@/server/config/env";
import { ensureFirstAdmin, ensureSystemRows } from "@/server/services/bootstrap";

const globalForJobs = globalThis as unknown as { charlaStarted?: boolean };

export async function startServer(): Promise<void> {
  if (globalForJobs.charlaStarted) return;
  globalForJobs.charlaStarted = true;
  const db = getDb();
  const now = Date.now();
  ensureSystemRows(db, now);
  const e = env();
  const admin = await ensureFirstAdmin(db, now, { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD });
  if (admin?.generatedPassword) {
    console.log(`\n  First administrator: ${admin.email}  password: ${admin.generatedPassword}  (shown only once)\n`);
  }
}
