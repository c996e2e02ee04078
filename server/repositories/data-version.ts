import type { Db } from "@/db/client";

/**
 * Changes whenever anything is written to the database, by this connection (total_changes) or by any
 * other process (data_version). Costs two tiny statements and no table reads: the polling endpoint answers
 * "no change" from it.
 */
export function dataVersion(db: Db): string {
  const client = db.$client;
  const external = client.pragma("data_version", { simple: true }) as number;
  const own = (client.prepare("SELECT total_changes() AS n").get() as { n: number }).n;
  return `${external}.${own}`;
}
