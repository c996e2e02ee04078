import http from "node:http";
import next from "next";
import { databaseFile, openDatabase } from "@/db/client";
import { answerFront, isFrontRoute } from "./routes";

// The production server `npm start` runs (built by scripts/build-front.mjs): Next's request handler, with
// the poll and the webhooks answered before it (see routes.ts). Next still runs instrumentation.ts on
// prepare (migrations, first admin, background jobs), so this file only listens.

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "0.0.0.0";
const dir = process.env.CHARLA_ROOT || process.cwd();

const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// Its own connection: a write from here and one from Next never overlap (both are synchronous on this
// one thread), and the poll's change counter sees Next's writes through SQLite's data_version.
const db = openDatabase(databaseFile());

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
server.listen(port, hostname, () => console.log(`  ▲ Ready on http://${hostname}:${port}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    db.$client.close();
    process.exit(0);
  });
}
