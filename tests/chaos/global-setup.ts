import { spawnSync } from "node:child_process";
import path from "node:path";
import { CHAOS_DIST_DIR, ROOT } from "./harness";

/** Builds the production app once into .next-chaos (a no-op when the build is current). */
export default function globalSetup(): void {
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, "scripts/start.mjs"), "--build-only"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_DIST_DIR: CHAOS_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", DATA_DIR: path.join(ROOT, ".tmp", "chaos-build-data") },
  });
  if (r.status !== 0) throw new Error(`building ${CHAOS_DIST_DIR} failed (exit ${r.status ?? r.signal})`);
  console.log(`[chaos] production build in ${CHAOS_DIST_DIR} ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
