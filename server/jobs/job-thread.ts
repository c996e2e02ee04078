import { parentPort } from "node:worker_threads";
import { databaseFile, openDatabase } from "@/db/client";
import { fileInboundSoon } from "./inbound";
import { registerKick } from "./kick";
import type { JobThreadMessage } from "./job-thread-host";

// The body of the job thread (job-thread-host.ts): filing accepted webhooks on a connection of its own, so
// the server's event loop that answers polls, webhooks and pages never waits for a filing batch. WAL lets
// this connection write while the server's read; the server's 304 path sees these commits through SQLite's
// data_version like any other connection's. Kicks filing causes (a bot's or an away message to send, media
// to download) are posted back to the server, whose dispatcher and downloads run there.

const port = parentPort;
if (!port) throw new Error("job-thread.ts runs as a worker thread");

const db = openDatabase(databaseFile(), { migrate: false });
// The server's own writes (a webhook's accept, a reply, the poll's presence heartbeat) wait for the write
// lock while a batch holds it (SQLite's busy handler sleeps and retries on the server's thread): batches
// stay short (FILING_BUDGET_MS) and each is a separate turn of this thread's loop, so they get it.
const post = (msg: JobThreadMessage) => port.postMessage(msg);
registerKick("dispatcher", () => post("dispatcher"));
registerKick("media", () => post("media"));

port.on("message", (msg: unknown) => {
  if (msg === "inbound") fileInboundSoon(db);
});
// Whatever was accepted while the thread started.
fileInboundSoon(db);
post("ready");
