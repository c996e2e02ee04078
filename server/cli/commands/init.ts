import { env } from "@/server/config/env";
import { ensureFirstAdmin, ensureSystemRows } from "@/server/services/bootstrap";
import { cliDb } from "../context";
import type { CliIo } from "../io";

export async function initCommand(_args: string[], io: CliIo): Promise<void> {
  const db = cliDb();
  const now = Date.now();
  ensureSystemRows(db, now);
  const e = env();
  const admin = await ensureFirstAdmin(db, now, { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD });
  if (admin?.generatedPassword) {
    io.out("");
    io.out("  First administrator created — this password is shown only once:");
    io.out(`    email:    ${admin.email}`);
    io.out(`    password: ${admin.generatedPassword}`);
    io.out("  Change it with: npx charla user set-password --email " + admin.email + " --password NEW");
    io.out("");
  } else if (admin) {
    io.out(`First administrator created: ${admin.email} (password from ADMIN_PASSWORD).`);
  }
}
