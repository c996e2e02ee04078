// One contender in a race: a separate process with its own connection to the same SQLite file.
// It prints "ready", waits for "go" on stdin (so every contender starts at the same instant), runs its
// task and prints one JSON line with the outcomes. Run with `node --import tsx tests/support/race-worker.ts`.
import { openDatabase } from "@/db/client";
import { isDomainError } from "@/server/domain/errors";
import { findUserById } from "@/server/repositories/users";
import { assignChatAction, closeChatAction } from "@/server/services/chat-actions";
import { getChannelAdapter } from "@/server/channels/registry";
import { listChannels } from "@/server/repositories/channels";
import { ingestMessage } from "@/server/services/ingest";
import { runLifecycleJobs } from "@/server/jobs/lifecycle";
import { runRoutingJobs } from "@/server/jobs/routing";
import { fileAllDueInbound } from "@/server/services/inbound-queue";
import { receiveMetaWebhook } from "@/server/services/webhooks";
import { toPublicUser } from "@/server/services/users";

export type RaceTask =
  | { op: "webhooks"; file: string; bodies: { raw: string; signature: string }[] }
  | { op: "assign"; file: string; userId: number; chatIds: number[] }
  | { op: "close"; file: string; userId: number; chatIds: number[]; reasonId: number }
  /** Runs the background jobs once at `now`; the outcome's detail is what they did. */
  | { op: "jobs"; file: string; now: number }
  /** Runs routing's job (offer expiry, distribution) once at `now`. */
  | { op: "routing-jobs"; file: string; now: number }
  /** Keeps storing inbound messages from new contacts for `ms`; the one outcome's detail is how many. */
  | { op: "write-for"; file: string; ms: number };

type Outcome = { ok: true; detail?: unknown } | { ok: false; code: string; message: string };

function attempt(run: () => unknown): Outcome {
  try {
    return { ok: true, detail: run() };
  } catch (error) {
    if (isDomainError(error)) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: "CRASH", message: String((error as Error).stack ?? error) };
  }
}

const task = JSON.parse(process.argv[2]!) as RaceTask;
const db = openDatabase(task.file, { migrate: false });
// Warm up (parse without storing) so the first real call is not slowed by compiling the parser.
if (task.op === "webhooks") for (const b of task.bodies.slice(0, 3)) getChannelAdapter("whatsapp").parse(JSON.parse(b.raw));
process.stdout.write("ready\n");
process.stdin.once("data", () => {
  const outcomes: Outcome[] = [];
  if (task.op === "jobs") {
    outcomes.push(attempt(() => runLifecycleJobs(db, task.now)));
  } else if (task.op === "routing-jobs") {
    outcomes.push(attempt(() => runRoutingJobs(db, task.now)));
  } else if (task.op === "write-for") {
    const channel = listChannels(db)[0]!;
    const until = Date.now() + task.ms;
    let n = 0;
    while (Date.now() < until) {
      const at = Date.now();
      ingestMessage(db, channel, { type: "message", channelExternalId: "", contact: { externalId: `writer-${n}` }, providerMessageId: `writer.${n}`, timestamp: at, direction: "in", kind: "text", body: `message ${n}` }, at);
      n += 1;
    }
    outcomes.push({ ok: true, detail: n });
  } else if (task.op === "webhooks") {
    for (const b of task.bodies) {
      // Accept, then file, as the server does right after answering: ten processes filing one queue at once.
      outcomes.push(
        attempt(() => {
          const receipt = receiveMetaWebhook(db, "whatsapp", Buffer.from(b.raw), { "x-hub-signature-256": b.signature }, Date.now());
          fileAllDueInbound(db, Date.now());
          return receipt;
        }),
      );
    }
  } else {
    const viewer = toPublicUser(findUserById(db, task.userId)!);
    for (const chatId of task.chatIds) {
      const ctx = { viewer, now: Date.now() };
      outcomes.push(
        attempt(() =>
          task.op === "assign"
            ? assignChatAction(db, ctx, chatId, task.userId, null).type
            : closeChatAction(db, ctx, chatId, task.reasonId).status,
        ),
      );
    }
  }
  db.$client.close();
  process.stdout.write(JSON.stringify(outcomes) + "\n");
  process.exit(0);
});
