import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { serverNodeArgs } from "../../scripts/server-args.mjs";
import { BENCH_DIR, DATA_DIR } from "./datasets";

// The production build the HTTP suites run against: its own build directory (.next-bench, never the
// default .next other people use), its own copy of a seeded database, ports 3600-3699, and CHARLA_BENCH=1
// so the bench-only ceiling routes (/api/bench/*) answer. One server serves every HTTP suite of a run,
// so its peak RSS covers the whole run; it is stopped when the run ends, or when the bench exits.

const ROOT = path.resolve(BENCH_DIR, "..");
export const DIST_DIR = ".next-bench";
const PORTS = { next: 3610, bare: 3611 };

export interface BenchServer {
  port: number;
  pid: number;
  dataDir: string;
  dbFile: string;
  authSecret: string;
  /** CHARLA_WORKERS it runs with (unset: one process). */
  workers: string | null;
  /** Highest resident set size of the server's process tree seen so far, in bytes. */
  peakRss: () => number;
  /** CPU seconds (user + system) its process tree has used so far, from /proc. */
  cpuSeconds: () => number;
  stop: () => Promise<void>;
}

let current: { key: string; server: BenchServer } | null = null;
const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const c of children) c.kill("SIGKILL");
});

/** Builds into .next-bench when the sources changed (scripts/start.mjs decides, as for `npm start`). */
export function ensureBuild(log: (line: string) => void): void {
  log(`next build into ${DIST_DIR} if the sources changed …`);
  // `next build` adds its dist dir's type folders to tsconfig.json's include; that file is everyone's (and
  // part of the build's source hash), so it is put back as it was.
  const tsconfig = path.join(ROOT, "tsconfig.json");
  const before = fs.readFileSync(tsconfig, "utf8");
  const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "start.mjs"), "--build-only"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, DATA_DIR: path.join(DATA_DIR, "http") },
  });
  if (fs.readFileSync(tsconfig, "utf8") !== before) fs.writeFileSync(tsconfig, before);
  if (r.status !== 0) throw new Error(`building ${DIST_DIR} failed (exit ${r.status})`);
}

function actionsKey(): string {
  // The same key scripts/start.mjs bakes into the build; the server must run with it.
  return process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ?? fs.readFileSync(path.join(ROOT, ".next-actions-key"), "utf8").trim();
}

async function waitFor(port: number, urlPath: string, child: ChildProcess, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited (code ${child.exitCode}) before answering`);
    const status = await new Promise<number>((resolve) => {
      http.get({ host: "127.0.0.1", port, path: urlPath }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on("error", () => resolve(0));
    });
    if (status > 0 && status < 500) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer on port ${port} within ${seconds} s`);
}

/** A process and its descendants (cluster workers), from /proc (Linux). */
function processTree(pid: number): number[] {
  const out: number[] = [];
  const visit = (p: number) => {
    out.push(p);
    try {
      for (const task of fs.readdirSync(`/proc/${p}/task`)) {
        for (const child of fs.readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) visit(Number(child));
      }
    } catch {
      // gone
    }
  };
  visit(pid);
  return out;
}

/** RSS of a process and its descendants. */
function treeRss(pid: number): number {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}

// Clock ticks per second of /proc/<pid>/stat's times (USER_HZ): 100 on every Linux we run on.
const USER_HZ = 100;

/** CPU seconds (utime + stime) of a process and its descendants, plus what their exited children used. */
export function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      // Fields after the command name (which may hold spaces): state is field 3, utime 14 … cstime 17.
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      // gone
    }
  }
  return ticks / USER_HZ;
}

function track(child: ChildProcess): () => number {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, treeRss(child.pid!));
  };
  const timer = setInterval(sample, 200);
  timer.unref();
  child.once("exit", () => clearInterval(timer));
  return () => {
    sample();
    return peak;
  };
}

export interface BenchServerOptions {
  /** CHARLA_WORKERS for the server (server/http/front/cluster.ts); unset: one process. */
  workers?: string;
  /** Changes the copy before the server opens it (users a suite needs); part of what makes a server reusable. */
  prepare?: { id: string; run: (dbFile: string) => void };
}

/**
 * The production server (as `npm start` runs it) on a copy of `sourceDb`; reused by every suite of the run
 * that asks for the same database and options.
 */
export async function benchServer(sourceDb: string, log: (line: string) => void, options: BenchServerOptions = {}): Promise<BenchServer> {
  const key = `${sourceDb}|${options.workers ?? ""}|${options.prepare?.id ?? ""}`;
  if (current?.key === key) return current.server;
  if (current) await current.server.stop();
  ensureBuild(log);
  const dataDir = path.join(DATA_DIR, "http", "server");
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const dbFile = path.join(dataDir, "charla.db");
  log(`copying ${path.basename(sourceDb)} for the server …`);
  // Everything in the main file (an empty write-ahead log), then a file copy: seconds, where VACUUM INTO took a minute.
  const source = new Database(sourceDb);
  source.pragma("wal_checkpoint(TRUNCATE)");
  source.close();
  fs.copyFileSync(sourceDb, dbFile);
  if (options.prepare) {
    log(`preparing the copy (${options.prepare.id}) …`);
    options.prepare.run(dbFile);
  }
  const authSecret = randomBytes(32).toString("base64");
  const port = PORTS.next;
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: DIST_DIR,
    DATA_DIR: dataDir,
    AUTH_SECRET: authSecret,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: actionsKey(),
    CHARLA_BENCH: "1",
    // The datasets end on 2026-06-01: on the real clock every open chat looks months old, and the jobs' first
    // ticks would close them all — a catch-up burst no running server sees, which would skew every figure.
    // The workloads here send nothing and carry no media, so the dispatcher and downloads have nothing to do.
    CHARLA_JOBS: "off",
    ...(options.workers ? { CHARLA_WORKERS: options.workers } : {}),
  };
  // What `npm start` runs: the front server (poll and webhooks) with Next's handler behind it.
  // BENCH_SERVER_NODE_ARGS adds Node flags to the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...serverNodeArgs(), ...extra, path.join(ROOT, DIST_DIR, "charla-server.mjs")], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.add(child);
  // A cluster answers once its first worker listens; the bench waits for all (the primary says so).
  let output = "";
  const allReady = new Promise<void>((resolve) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-2000);
      if (!options.workers || /workers ready/.test(output)) resolve();
    });
  });
  log(`charla server on 127.0.0.1:${port} (pid ${child.pid}${options.workers ? `, CHARLA_WORKERS=${options.workers}` : ""}) …`);
  await waitFor(port, "/login", child, 120);
  await Promise.race([allReady, new Promise((r) => setTimeout(r, 60_000))]);
  const peakRss = track(child);
  const server: BenchServer = {
    port,
    pid: child.pid!,
    dataDir,
    dbFile,
    authSecret,
    workers: options.workers ?? null,
    peakRss,
    cpuSeconds: () => treeCpuSeconds(child.pid!),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      children.delete(child);
      if (current?.server === server) current = null;
    },
  };
  current = { key, server };
  return server;
}

export function runningServer(): BenchServer | null {
  return current?.server ?? null;
}

/** The other ceiling: a bare node:http server in its own process answering constant JSON. */
export async function bareServer(): Promise<{ port: number; stop: () => Promise<void> }> {
  const port = PORTS.bare;
  const code = `require("node:http").createServer((q,s)=>{s.writeHead(200,{"content-type":"application/json; charset=utf-8","cache-control":"no-store"});s.end('{"changed":false,"version":"0.0.0"}')}).listen(${port},"127.0.0.1")`;
  const child = spawn(process.execPath, ["-e", code], { stdio: "inherit" });
  children.add(child);
  await waitFor(port, "/", child, 20);
  return {
    port,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      children.delete(child);
    },
  };
}
