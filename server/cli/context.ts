import { databaseFile, getDb, type Db } from "@/db/client";
import { publicUrl } from "@/server/config/env";

export function cliDb(): Db {
  return getDb();
}

export function cliDatabaseFile(): string {
  return databaseFile();
}

export function cliBaseUrl(): string {
  return publicUrl();
}

/** The CLI acts as the machine's operator, not as a signed-in user: audit entries carry no actor. */
export function cliActor() {
  return { actorId: null, now: Date.now() };
}
