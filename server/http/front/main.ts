import cluster from "node:cluster";
import { runPrimary, workerCount, workerRole } from "./cluster";

// The production server `npm start` runs (built by scripts/build-front.mjs): one process, or with
// CHARLA_WORKERS several worker processes sharing the port and the database (cluster.ts).

const workers = workerCount(process.env.CHARLA_WORKERS);
if (workers > 1 && cluster.isPrimary) runPrimary(workers);
else {
  // Imported only here: a cluster's primary process loads neither Next nor the app.
  const { serve } = await import("./serve");
  await serve(cluster.isWorker ? workerRole() : null);
}
