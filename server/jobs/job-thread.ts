import { parentPort, workerData } from "node:worker_threads";
import { databaseFile, openDatabase } from "@/db/client";
import { fileInboundSoon } from "./inbound";
import { registerKick } from "./kick";
import { startPeriodicJobs } from "./periodic";
import type { JobThreadData, JobThreadMessage } from "./job-thread-host";

// The body of the job thread (job-thread-host.ts): filing accepted webhooks and, with CHARLA_JOBS=on, the
// periodic lifecycle and routing work, on a connection of its own, so the server's event loop that answers
// polls, webhooks and pages never waits for a filing batch. WAL lets this connection write while the
// server's read; the server's 304 path sees these commits through SQLite's data_version like any other
// connection's. Kicks this work causes (a bot's or an away message to send, media to download) are posted
// back to the server, whose dispatcher and downloads run there.

const port = parentPort;
if (!port) throw new Error("job-thread.ts runs as a worker thread");
const data = workerData as JobThreadData;

const db = openDatabase(databaseFile(), { migrate: false });
const post = (msg: JobThreadMessage) => port.postMessage(msg);
registerKick("dispatcher", () => post("dispatcher"));
registerKick("media", () => post("media"));

port.on("message", (msg: unknown) => {
  if (msg === "inbound") fileInboundSoon(db);
});
if (data.periodic) startPeriodicJobs(db);
// Whatever was accepted while the thread started.
fileInboundSoon(db);
post("ready");
