import fs from "node:fs";
import path from "node:path";
import { dataDir } from "./env";

// The running server writes its pid to DATA_DIR/charla.pid; `charla restore` refuses while that
// process is alive. A SIGKILLed server leaves the file behind, so liveness is checked, not existence.

export const pidFile = () => path.join(dataDir(), "charla.pid");

export function writeServerPid(): void {
  fs.mkdirSync(dataDir(), { recursive: true });
  const file = pidFile();
  fs.writeFileSync(file, `${process.pid}\n`);
  process.once("exit", () => {
    // Only our own file: a newer server may have replaced it.
    if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
  });
}

function readPid(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, "utf8").trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else — still running.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid of a live server using DATA_DIR, or null (no file, or a stale one from a killed server). */
export function runningServerPid(): number | null {
  const pid = readPid(pidFile());
  return pid !== null && pid !== process.pid && alive(pid) ? pid : null;
}
