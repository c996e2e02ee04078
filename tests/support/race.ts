import { spawn } from "node:child_process";
import path from "node:path";
import type { RaceTask } from "./race-worker";

// Starts one process per task, waits until all have opened the database, then releases them together.

const ROOT = path.resolve(import.meta.dirname, "../..");
const WORKER = path.join(ROOT, "tests/support/race-worker.ts");

export type Outcome = { ok: true; detail?: unknown } | { ok: false; code: string; message: string };

export async function race(tasks: RaceTask[]): Promise<Outcome[][]> {
  const children = tasks.map((task) => spawn(process.execPath, ["--import", "tsx", WORKER, JSON.stringify(task)], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] }));
  const lines = children.map((child) => {
    let buffer = "";
    const ready = new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => ((buffer += d), buffer.includes("ready\n") && resolve())));
    const done = new Promise<Outcome[]>((resolve, reject) =>
      child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(buffer.split("\n").filter(Boolean).pop()!) as Outcome[]) : reject(new Error(`race worker exited ${code}`)))),
    );
    return { ready, done };
  });
  await Promise.all(lines.map((l) => l.ready));
  for (const child of children) child.stdin.write("go\n");
  return Promise.all(lines.map((l) => l.done));
}
