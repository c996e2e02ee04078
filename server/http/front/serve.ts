import http from "node:http";
import { fileURLToPath } from "node:url";
import { databaseFile, openDatabase } from "@/db/client";
import { delegateInboundFiling, fileInboundSoon } from "@/server/jobs/inbound";
import { startJobThread } from "@/server/jobs/job-thread-host";
import { kickDispatcher, kickMediaDownloads, registerKick } from "@/server/jobs/kick";
import { isRelay, type Relay, type WorkerRole } from "./cluster";
import { answerFront, isFrontRoute } from "./routes";

// One server: Next's request handler, with the poll and the webhooks answered before it (see routes.ts).
// Next runs instrumentation.ts on prepare (migrations, first admin, background jobs). In a cluster
// (cluster.ts) the "filer" worker does that work for all; a "peer" hands it the kicks its requests cause.

function relayTo(role: WorkerRole | null, db: ReturnType<typeof openDatabase>): void {
  if (role === "peer" && process.send) {
    // A burst of webhooks becomes one message per turn of the event loop, not one per webhook.
    const queued = new Set<Relay["job"]>();
    const send = (job: Relay["job"]) => {
      if (queued.has(job)) return;
      queued.add(job);
      setImmediate(() => {
        queued.delete(job);
        // Once the primary is gone this worker is exiting (cluster.ts): a failed send is not an error then.
        if (process.connected) process.send?.({ charla: "relay", job } satisfies Relay, undefined, undefined, () => undefined);
      });
    };
    delegateInboundFiling(() => send("inbound"));
    registerKick("dispatcher", () => send("dispatcher"));
    registerKick("media", () => send("media"));
  }
  if (role === "filer") {
    process.on("message", (msg: unknown) => {
      if (!isRelay(msg)) return;
      if (msg.job === "inbound") fileInboundSoon(db);
      else if (msg.job === "dispatcher") kickDispatcher();
      else kickMediaDownloads();
    });
  }
}

export async function serve(role: WorkerRole | null): Promise<void> {
  const port = Number(process.env.PORT || 3000);
  const hostname = process.env.HOST || "0.0.0.0";
  const dir = process.env.CHARLA_ROOT || process.cwd();

  // Loaded here, not at the top: a cluster's primary process never needs Next.
  const { default: next } = await import("next");
  const app = next({ dev: false, dir, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  // Its own connection: a write from here and one from Next never overlap (both are synchronous on this
  // one thread), and the poll's change counter sees Next's writes through SQLite's data_version.
  const db = openDatabase(databaseFile());
  relayTo(role, db);
  // The process that files does it in a thread (job-thread-host.ts), bundled beside this file.
  if (role !== "peer") startJobThread(fileURLToPath(new URL("./charla-jobs.mjs", import.meta.url)), db);

  const server = http.createServer((req, res) => {
    if (!isFrontRoute(req)) {
      void handle(req, res);
      return;
    }
    void answerFront(db, req, res).then((answered) => {
      if (!answered) return handle(req, res);
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => {
    if (role !== "peer") console.log(`  ▲ Ready on http://${hostname}:${port}`);
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      server.close();
      db.$client.close();
      process.exit(0);
    });
  }
}
