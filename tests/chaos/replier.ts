// The agents of the chaos test: a separate process, with its own connection to the server's DATA_DIR,
// that keeps replying in random open chats through the real sendMessage service (stored as queued; the
// dispatcher inside the server, killed and restarted meanwhile, delivers them). Each reply carries a unique
// token so the provider simulator's log can be matched to it. Prints one JSON line per reply or error and
// stops when its stdin closes (or after `maxMs`, so it can never outlive a crashed test for long).
// Run with `node --import tsx tests/chaos/replier.ts '{"email":...,"token":...,"everyMs":60,"maxMs":300000}'`.
import path from "node:path";
import { openDatabase } from "@/db/client";
import { isDomainError } from "@/server/domain/errors";
import { findUserByEmail } from "@/server/repositories/users";
import { sendMessage } from "@/server/services/send-message";
import { toPublicUser } from "@/server/services/users";

const opts = JSON.parse(process.argv[2]!) as { email: string; token: string; everyMs: number; maxMs: number };
const db = openDatabase(path.join(process.env.DATA_DIR!, "charla.db"), { migrate: false });
const viewer = toPublicUser(findUserByEmail(db, opts.email)!);
const pick = db.$client.prepare("SELECT id FROM chats WHERE status <> 'closed' AND last_inbound_at IS NOT NULL ORDER BY random() LIMIT 1");

let n = 0;
let stopping = false;
const deadline = Date.now() + opts.maxMs;

function replyOnce(): void {
  const chat = pick.get() as { id: number } | undefined;
  if (!chat) return;
  n += 1;
  const token = `${opts.token}-${n}`;
  try {
    const message = sendMessage(db, { viewer, now: Date.now() }, chat.id, { kind: "text", body: `Obrigado pelo contato [${token}]` });
    process.stdout.write(JSON.stringify({ id: message.id, token, status: message.status }) + "\n");
  } catch (err) {
    const code = isDomainError(err) ? err.code : "CRASH";
    process.stdout.write(JSON.stringify({ error: code, message: (err as Error).message, token }) + "\n");
  }
}

function stop(): void {
  if (stopping) return;
  stopping = true;
  db.$client.close();
  process.exit(0);
}

const timer = setInterval(() => {
  if (Date.now() > deadline) return stop();
  replyOnce();
}, opts.everyMs);
process.stdin.on("data", () => undefined);
process.stdin.on("end", () => {
  clearInterval(timer);
  stop();
});
process.stdout.write("ready\n");
