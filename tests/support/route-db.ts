import { afterEach, beforeEach } from "vitest";
import { setDb } from "@/db/client";
import { tempDb } from "./db";

/**
 * For route-handler tests: a fresh migrated database installed as the process-wide one (what getDb()
 * returns inside the handlers) and DATA_DIR pointing at its temporary folder (media, secrets).
 */
export function useRouteDb(): { readonly current: ReturnType<typeof tempDb> } {
  const holder = {} as { current: ReturnType<typeof tempDb> };
  let previousDataDir: string | undefined;
  beforeEach(() => {
    holder.current = tempDb();
    previousDataDir = process.env.DATA_DIR;
    process.env.DATA_DIR = holder.current.dir;
    setDb(holder.current.db);
  });
  afterEach(() => {
    setDb(undefined);
    if (previousDataDir === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = previousDataDir;
    holder.current.close();
  });
  return holder;
}
