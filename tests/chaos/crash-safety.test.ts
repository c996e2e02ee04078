import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { INTERRUPTED_REASON } from "@/server/domain/outbox-retry";
import { startSimulator, type Simulator } from "@/server/simulator/server";
import {
  CHAOS_DIST_DIR,
  charlaCli,
  childEnv,
  freePort,
  freshDataDir,
  killLeftovers,
  postWebhook,
  ROOT,
  ServerProcess,
  sleep,
  startSlowLink,
  track,
  whatsappText,
  type SignedWebhook,
} from "./harness";

// Issue 7, crash safety. The production server takes signed WhatsApp webhooks from 8 concurrent senders while
// agents (another process, same DATA_DIR) keep replying and the dispatcher delivers the replies to the
// provider simulator through a slow link; the server is SIGKILLed at a random moment, restarted, and
// killed again. Afterwards: every acknowledged webhook is stored exactly once, and every reply reached the
// provider exactly once — or, if it was in flight at a kill, is failed "interrupted" and reached it at most once.

const KILLS = 4;
const CONCURRENCY = 8;
const CONTACTS = 300;
const ADMIN = { email: "chaos-admin@charla.test", password: "chaos-admin-password" };
const AGENT = { email: "chaos-agent@charla.test", name: "Chaos Agent", password: "chaos-agent-password" };
const WA = { phoneNumberId: "777000111222333", accessToken: "chaos-wa-token", appSecret: "chaos-app-secret", verifyToken: "chaos-verify" };
const RUN = `${Date.now().toString(36)}`;

let server: ServerProcess | null = null;
let simulator: Simulator | null = null;
let link: { close: () => Promise<void> } | null = null;
let replier: ChildProcessWithoutNullStreams | null = null;

afterAll(async () => {
  replier?.stdin.end();
  await server?.kill();
  await killLeftovers();
  await simulator?.close();
  await link?.close();
});

describe("crash safety (SIGKILL mid-load)", () => {
  it("stores every acknowledged webhook once and never sends a reply twice", async () => {
    // ---------- a fresh installation, set up with the CLI ----------
    const dataDir = freshDataDir("crash");
    const port = await freePort();
    const sim = await freePort([port]);
    const slow = await freePort([port, sim]);
    const env = childEnv({
      DATA_DIR: dataDir,
      NEXT_DIST_DIR: CHAOS_DIST_DIR,
      NODE_ENV: "production",
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      AUTH_TRUST_HOST: "true",
    });
    charlaCli(env, "init");
    charlaCli(env, "user", "add", "--email", AGENT.email, "--name", AGENT.name, "--role", "agent", "--password", AGENT.password);
    charlaCli(
      env, "channel", "add", "--type", "whatsapp", "--name", "WhatsApp Chaos",
      "--phone-number-id", WA.phoneNumberId, "--access-token", WA.accessToken, "--app-secret", WA.appSecret,
      "--verify-token", WA.verifyToken, "--api-base-url", `http://127.0.0.1:${slow}/v23.0`,
    );

    // ---------- the provider (in-process simulator, behind a slow link) and the server ----------
    server = new ServerProcess(port, env, dataDir);
    simulator = await startSimulator({
      port: sim,
      host: "127.0.0.1",
      charlaUrl: server.url,
      channels: [{ type: "whatsapp", phoneNumberId: WA.phoneNumberId, accessToken: WA.accessToken, appSecret: WA.appSecret }],
      autoReceipts: true,
      receiptDelayMs: 300,
    });
    link = await startSlowLink(slow, simulator.url);
    const readyTimes: number[] = [await server.start()];
    expectPidFileIsServer(dataDir, server);

    // ---------- load: signed webhooks at concurrency 8 ----------
    const accepted = new Map<string, SignedWebhook>();
    const notAccepted = new Map<string, SignedWebhook>();
    const answers = new Map<string, number>();
    let seq = 0;
    let loading = true;
    const sender = async () => {
      while (loading) {
        const n = seq++;
        const waId = `55119700${String(n % CONTACTS).padStart(5, "0")}`;
        const hook = whatsappText(WA.phoneNumberId, WA.appSecret, waId, `wamid.chaos.${RUN}.${n}`, `Mensagem ${n}`);
        const status = await postWebhook(server!.url, hook);
        answers.set(String(status), (answers.get(String(status)) ?? 0) + 1);
        if (status === 200) accepted.set(hook.wamid, hook);
        else {
          notAccepted.set(hook.wamid, hook);
          await sleep(status === "error" ? 100 : 20);
        }
      }
    };
    const senders = Array.from({ length: CONCURRENCY }, sender);

    // ---------- agents replying from another process ----------
    await sleep(1_000); // some chats to reply in
    const replies = startReplier(dataDir, env);

    // ---------- kill, restart, repeat ----------
    let kills = 0;
    for (let round = 0; round < KILLS; round++) {
      const roundStarted = Date.now();
      await sleep(3_000 + Math.random() * 8_000); // a random moment mid-load
      expect(server.child?.exitCode, "the server died on its own").toBeNull();
      await server.kill();
      kills += 1;
      await sleep(Math.random() * 500); // senders keep knocking on a dead port
      readyTimes.push(await server.start());
      expectPidFileIsServer(dataDir, server);
      expect(Date.now() - roundStarted).toBeLessThan(30_000);
    }
    await sleep(3_000);
    loading = false;
    await Promise.all(senders);
    const replyLog = await replies.stop();
    replier = null;

    // ---------- Meta redelivers what was not acknowledged; and, as it may, some of what was ----------
    const firstTryAccepted = accepted.size;
    for (const [wamid, hook] of notAccepted) {
      if (accepted.has(wamid)) continue;
      let status: number | "error" = "error";
      for (let attempt = 0; attempt < 5 && status !== 200; attempt++) {
        status = await postWebhook(server.url, hook);
        if (status !== 200) await sleep(500);
      }
      expect(status, `redelivery of ${wamid}`).toBe(200);
      accepted.set(wamid, hook);
    }
    const again = [...accepted.values()].filter((_, i) => i % 10 === 0);
    for (const hook of again) expect(await postWebhook(server.url, hook)).toBe(200);

    // ---------- let the dispatcher and the inbound filing drain ----------
    const db = openDatabase(path.join(dataDir, "charla.db"), { migrate: false });
    try {
      const queued = db.$client.prepare("SELECT count(*) AS n FROM messages WHERE direction = 'out' AND status = 'queued'");
      // Webhooks are answered once accepted into inbound_queue; the server files it right after.
      const unfiled = db.$client.prepare("SELECT count(*) AS n FROM inbound_queue");
      const count = (s: typeof queued) => (s.get() as { n: number }).n;
      const drainStarted = Date.now();
      while ((count(queued) > 0 || count(unfiled) > 0) && Date.now() - drainStarted < 60_000) await sleep(250);
      expect(count(queued), "queued replies left undelivered").toBe(0);
      expect(count(unfiled), "accepted webhooks left unfiled").toBe(0);

      // ---------- inbound: every acknowledged webhook stored exactly once ----------
      const stored = new Map<string, number>(
        (db.$client.prepare("SELECT provider_message_id AS id, count(*) AS n FROM messages WHERE direction = 'in' AND provider_message_id LIKE 'wamid.chaos.%' GROUP BY provider_message_id").all() as { id: string; n: number }[]).map((r) => [r.id, r.n]),
      );
      const missing = [...accepted.keys()].filter((w) => !stored.has(w));
      const doubled = [...stored].filter(([, n]) => n !== 1);
      const unknown = [...stored.keys()].filter((w) => !accepted.has(w));
      expect(missing, "acknowledged webhooks not stored").toEqual([]);
      expect(doubled, "webhooks stored more than once").toEqual([]);
      expect(unknown, "stored messages nobody sent").toEqual([]);

      // ---------- outbound: at the provider exactly once, or failed-interrupted and at most once ----------
      const atProvider = new Map<string, number>();
      for (const r of simulator.requests) {
        const text = ((r.body as { text?: { body?: string } } | undefined)?.text?.body) ?? "";
        const token = /\[(chaos-[^\]]+)\]/.exec(text)?.[1];
        if (token) atProvider.set(token, (atProvider.get(token) ?? 0) + 1);
      }
      const rows = db.$client
        .prepare("SELECT id, body, status, status_reason AS reason FROM messages WHERE direction = 'out' AND author_kind = 'user'")
        .all() as { id: number; body: string; status: string; reason: string | null }[];
      const tokens = new Set<string>();
      const problems: string[] = [];
      let sent = 0;
      let interrupted = 0;
      let interruptedReachedProvider = 0;
      for (const row of rows) {
        const token = /\[(chaos-[^\]]+)\]/.exec(row.body)?.[1] ?? `?${row.id}`;
        tokens.add(token);
        const hits = atProvider.get(token) ?? 0;
        if (["sent", "delivered", "read"].includes(row.status)) {
          sent += 1;
          if (hits !== 1) problems.push(`#${row.id} ${row.status} but at the provider ${hits}×`);
        } else if (row.status === "failed" && row.reason === INTERRUPTED_REASON) {
          interrupted += 1;
          if (hits === 1) interruptedReachedProvider += 1;
          if (hits > 1) problems.push(`#${row.id} interrupted but at the provider ${hits}×`);
        } else problems.push(`#${row.id} ended ${row.status}: ${row.reason}`);
      }
      const duplicated = [...atProvider.values()].filter((n) => n > 1).length;
      for (const token of atProvider.keys()) if (!tokens.has(token)) problems.push(`the provider got ${token}, which is not in the database`);
      for (const r of replyLog.replies) if (!rows.some((row) => row.id === r.id)) problems.push(`reply #${r.id} (${r.token}) vanished`);
      const crashes = replyLog.errors.filter((e) => e.error === "CRASH");

      console.log(
        [
          `[chaos] kills survived: ${kills} (restarts ready in ${readyTimes.map((ms) => (ms / 1000).toFixed(1)).join(", ")} s)`,
          `[chaos] webhooks: ${seq} posted, answers ${JSON.stringify(Object.fromEntries(answers))}, ${firstTryAccepted} accepted at first try, ` +
            `${accepted.size - firstTryAccepted} after redelivery, ${again.length} redelivered twice; stored ${stored.size} (each once)`,
          `[chaos] replies: ${rows.length} written (${replyLog.errors.length} refused, ${crashes.length} crashed), ${sent} sent/delivered/read, ` +
            `${interrupted} interrupted by a kill (${interruptedReachedProvider} of them had reached the provider), duplicated at the provider: ${duplicated}`,
        ].join("\n"),
      );
      expect(crashes, "reply writes that crashed").toEqual([]);
      expect(problems).toEqual([]);
      expect(duplicated).toBe(0);
      expect(kills).toBeGreaterThanOrEqual(3);
      expect(sent).toBeGreaterThan(0);
    } finally {
      db.$client.close();
    }
  });
});

function expectPidFileIsServer(dataDir: string, s: ServerProcess): void {
  const pid = Number(fs.readFileSync(path.join(dataDir, "charla.pid"), "utf8").trim());
  expect(pid, "DATA_DIR/charla.pid names the process we will SIGKILL").toBe(s.child?.pid);
}

type ReplyLine = { id: number; token: string; status: string };
type ErrorLine = { error: string; message: string; token: string };

function startReplier(dataDir: string, env: NodeJS.ProcessEnv) {
  const child = track(
    spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/chaos/replier.ts"), JSON.stringify({ email: AGENT.email, token: `chaos-${RUN}`, everyMs: 60, maxMs: 300_000 })], {
      cwd: ROOT,
      env: { ...env, DATA_DIR: dataDir },
      stdio: ["pipe", "pipe", "inherit"],
    }),
  ) as ChildProcessWithoutNullStreams;
  replier = child;
  const replies: ReplyLine[] = [];
  const errors: ErrorLine[] = [];
  let buffer = "";
  child.stdout.on("data", (d: Buffer) => {
    buffer += d.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      const parsed = JSON.parse(line) as ReplyLine | ErrorLine;
      if ("error" in parsed) errors.push(parsed);
      else replies.push(parsed);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    async stop() {
      child.stdin.end();
      const code = await exited;
      expect(code, "the replier exited cleanly").toBe(0);
      return { replies, errors };
    },
  };
}
