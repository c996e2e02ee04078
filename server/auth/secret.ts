import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { dataDir } from "@/server/config/env";

/**
 * Reads a secret from the environment, else from DATA_DIR, else makes one and keeps it there,
 * so a first run needs no configuration and restarts keep sessions valid.
 */
export function persistentSecret(envName: string, fileName: string, bytes = 32): string {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir(), fileName);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const value = randomBytes(bytes).toString("base64");
    try {
      fs.writeFileSync(file, value + "\n", { mode: 0o600, flag: "wx" });
      return value;
    } catch {
      // Another process created it first: use theirs.
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

export function authSecret(): string {
  return persistentSecret("AUTH_SECRET", "auth-secret");
}
