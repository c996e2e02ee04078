import { parentPort } from "node:worker_threads";
import { databaseFile, openDatabase } from "@/db/client";
import { fileInboundSoon, pauseBetweenBatches } from "./inbound";
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
// lock while a batch holds it: SQLite's busy handler sleeps on the server's thread and retries, up to every
// 100 ms. Batches back to back through a backlog leave the lock free a few percent of the time, and a
// retry can miss it for the whole busy_timeout (a bench's warm-up of 1,122 webhooks got SQLITE_BUSY on one).
// Before a batch that follows another at once (more was due, or webhooks kept coming), the lock stays free
// a quarter as long as the previous batch held it: a retry finds it free a fifth of the time (missing it
// for 5 s of retries: under one in 10^5), and a backlog still files at four fifths of a core (with half, a
// bench's burst of 650 webhooks/s outran filing).
pauseBetweenBatches(0.25);
const post = (msg: JobThreadMessage) => port.postMessage(msg);
registerKick("dispatcher", () => post("dispatcher"));
registerKick("media", () => post("media"));

port.on("message", (msg: unknown) => {
  if (msg === "inbound") fileInboundSoon(db);
});
// Whatever was accepted while the thread started.
fileInboundSoon(db);
post("ready");
