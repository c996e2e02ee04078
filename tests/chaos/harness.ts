import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { metaSignature, whatsappInbound } from "@/server/simulator/payloads";
import { serverNodeArgs } from "../../scripts/server-args.mjs";

// Pieces of the chaos tests: the production server as a process we can SIGKILL by its own PID, a
// slow link to the provider simulator (so kills land while sends are in flight), and Meta-signed webhooks.

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const CHAOS_DIST_DIR = ".next-chaos";
/** What `npm start` runs: the front server with Next behind it (scripts/build-front.mjs). */
const SERVER_ENTRY = path.join(ROOT, CHAOS_DIST_DIR, "charla-server.mjs");

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A free port in 3700-3799 (the range reserved for these tests), starting at a random one. */
export async function freePort(exclude: number[] = []): Promise<number> {
  const start = Math.floor(Math.random() * 100);
  for (let i = 0; i < 100; i++) {
    const port = 3700 + ((start + i) % 100);
    if (exclude.includes(port)) continue;
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once("error", () => resolve(false));
      s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error("no free port in 3700-3799");
}

/** A fresh data folder under .tmp/chaos-*. */
export function freshDataDir(name: string): string {
  const dir = path.join(ROOT, ".tmp", `chaos-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** The environment of our child processes: ours without Vitest's markers. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^VITEST|^NODE_ENV$|^TEST$/.test(k)) env[k] = v;
  return { ...env, NEXT_TELEMETRY_DISABLED: "1", ...extra } as unknown as NodeJS.ProcessEnv;
}

export function charlaCli(env: NodeJS.ProcessEnv, ...args: string[]): string {
  return execFileSync(process.execPath, [path.join(ROOT, "bin/charla.mjs"), ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] }).toString();
}

const live = new Set<ChildProcess>();
// Even if the test runner itself is torn down, no server or replier of ours outlives it.
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

/** SIGKILLs every child we started that is still running (afterAll, whatever happened). */
export async function killLeftovers(): Promise<void> {
  await Promise.all(
    [...live].map(async (child) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await new Promise((resolve) => child.once("exit", resolve));
      }
      live.delete(child);
    }),
  );
}

export function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}

/** The production server run directly (no wrapper), so the child's PID is the server's own. */
export class ServerProcess {
  child: ChildProcess | null = null;
  starts = 0;
  constructor(
    private readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(timeoutMs = 60_000): Promise<number> {
    this.starts += 1;
    const log = fs.openSync(path.join(this.logDir, `server-${this.starts}.log`), "w");
    const child = track(
      spawn(process.execPath, [...serverNodeArgs(this.env), SERVER_ENTRY], {
        cwd: ROOT,
        env: { ...this.env, PORT: String(this.port), HOST: "127.0.0.1" },
        stdio: ["ignore", log, log],
      }),
    );
    fs.closeSync(log);
    this.child = child;
    const started = Date.now();
    let exited = false;
    child.once("exit", () => (exited = true));
    while (Date.now() - started < timeoutMs) {
      if (exited) throw new Error(`server exited during start (see ${this.logDir}/server-${this.starts}.log)`);
      try {
        const res = await fetch(`${this.url}/login`, { signal: AbortSignal.timeout(5_000) });
        await res.arrayBuffer();
        if (res.status === 200) return Date.now() - started;
      } catch {
        // not listening yet
      }
      await sleep(150);
    }
    throw new Error(`server not ready on ${this.url}/login after ${timeoutMs} ms`);
  }

  /** SIGKILL: no shutdown hooks, no flush; whatever was in flight stays in flight. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    this.child = null;
  }
}

/**
 * A link to the provider that forwards each request at once but holds the provider's answer back for
 * 50-400 ms: the window in which the provider has the message and Charla does not know yet.
 */
export async function startSlowLink(port: number, target: string): Promise<{ close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      try {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && k !== "host" && k !== "content-length") headers[k] = v;
        const answer = await fetch(target + (req.url ?? "/"), { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
        const body = Buffer.from(await answer.arrayBuffer());
        await sleep(50 + Math.random() * 350);
        res.writeHead(answer.status, { "Content-Type": answer.headers.get("content-type") ?? "application/json" });
        res.end(body);
      } catch (err) {
        if (!res.headersSent) res.writeHead(502).end(String(err));
      }
    });
    // The caller (the killed server) hung up: nothing to do, the provider already has the message.
    res.on("error", () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SignedWebhook {
  wamid: string;
  raw: string;
  signature: string;
}

/** A WhatsApp Cloud API text message from `waId`, signed with the channel's app secret as Meta does. */
export function whatsappText(phoneNumberId: string, appSecret: string, waId: string, wamid: string, text: string): SignedWebhook {
  const raw = JSON.stringify(whatsappInbound(phoneNumberId, waId, `Cliente ${waId.slice(-4)}`, text, wamid));
  return { wamid, raw, signature: metaSignature(raw, appSecret) };
}

/** Posts a signed webhook; the HTTP status, or "error" when the connection failed (server down/killed). */
export async function postWebhook(baseUrl: string, hook: SignedWebhook): Promise<number | "error"> {
  try {
    const res = await fetch(`${baseUrl}/api/webhooks/whatsapp`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": hook.signature },
      body: hook.raw,
      signal: AbortSignal.timeout(15_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return "error";
  }
}
