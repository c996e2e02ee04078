import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import { writeServerPid } from "@/server/config/server-lock";

// CHARLA_WORKERS=N|auto runs the server as N worker processes (auto: one per core) behind one port, with
// node:cluster: the primary process accepts connections and hands them to the workers in turn. Each worker
// renders pages and answers polls with its own database connection and in-memory caches (sessions, the
// change feed). Exactly one, the "filer", migrates and bootstraps the database, files webhook deliveries
// and runs the background jobs (server/jobs/server-start.ts); the others ("peers") are started once it
// listens and forward to it, through the primary, the kicks their requests cause (a webhook accepted, a
// message to send). A worker that dies is started again in the same role. Killing the primary ends all:
// a worker exits when its channel to the primary closes.

export type WorkerRole = "filer" | "peer";

export interface Relay {
  charla: "relay";
  job: "inbound" | "dispatcher" | "media";
}

export function isRelay(msg: unknown): msg is Relay {
  return typeof msg === "object" && msg !== null && (msg as Relay).charla === "relay";
}

/** How many workers CHARLA_WORKERS asks for: a whole number, or "auto" for one per core. Unset: 1. */
export function workerCount(raw: string | undefined, cores = os.availableParallelism()): number {
  const value = raw?.trim() ?? "";
  if (value === "") return 1;
  if (value === "auto") return Math.max(1, cores);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    console.error(`CHARLA_WORKERS expects a whole number from 1 to 64 or "auto"; got "${raw}".`);
    process.exit(2);
  }
  return n;
}

export function workerRole(): WorkerRole {
  return process.env.CHARLA_WORKER_ROLE === "peer" ? "peer" : "filer";
}

const RESTART_DELAY_MS = 1_000;

export function runPrimary(count: number): void {
  // The process to stop (or to find alive, for `charla restore`) is this one: the workers end with it.
  writeServerPid();
  const roles = new Map<Worker, WorkerRole>();
  const listening = new WeakSet<Worker>();
  let filer: Worker | null = null;
  let stopping = false;

  let started = 0;
  const fork = (role: WorkerRole): Worker => {
    // Peers never run the jobs, whatever CHARLA_JOBS says: the filer does.
    const worker = cluster.fork({ CHARLA_WORKER_ROLE: role, ...(role === "peer" ? { CHARLA_JOBS: "off" } : {}) });
    roles.set(worker, role);
    worker.once("listening", () => {
      listening.add(worker);
      if (++started === count) console.log(`  ▲ ${count} workers ready`);
    });
    if (role === "filer") filer = worker;
    return worker;
  };

  // The peers start once the filer has migrated, bootstrapped and filed any backlog, and listens.
  fork("filer").once("listening", () => {
    for (let i = 1; i < count; i++) fork("peer");
  });

  cluster.on("message", (worker, msg: unknown) => {
    // A filer that died meanwhile misses the kick; the next one files the whole queue when it starts.
    if (isRelay(msg) && filer && worker !== filer && filer.isConnected()) filer.send(msg, undefined, undefined, () => undefined);
  });

  cluster.on("exit", (worker, code, signal) => {
    const role = roles.get(worker) ?? "peer";
    roles.delete(worker);
    if (filer === worker) filer = null;
    if (stopping) {
      if (!roles.size) process.exit();
      return;
    }
    if (!listening.has(worker)) {
      // It failed while starting (a migration, the port): starting it again would fail the same way.
      console.error(`[cluster] ${role} worker ${worker.process.pid} failed to start (${signal ?? `code ${code}`})`);
      stopping = true;
      for (const other of roles.keys()) other.process.kill("SIGTERM");
      process.exitCode = code || 1;
      if (!roles.size) process.exit();
      return;
    }
    console.error(`[cluster] ${role} worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
    setTimeout(() => fork(role), RESTART_DELAY_MS);
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      stopping = true;
      if (!roles.size) process.exit(0);
      for (const worker of roles.keys()) worker.process.kill(signal);
    });
  }
}
