import fs from "node:fs";
import path from "node:path";
import { cliDb } from "../context";
import { UsageError, type CliIo } from "../io";

/** SQLite's online backup API: a consistent copy even while the server keeps writing. */
export async function backupCommand(args: string[], io: CliIo): Promise<void> {
  if (args.length !== 1 || !args[0] || args[0].startsWith("-")) throw new UsageError("Usage: charla backup FILE");
  const target = path.resolve(args[0]);
  if (fs.existsSync(target)) throw new UsageError(`${target} already exists; choose a new file name.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  await cliDb().$client.backup(target);
  io.out(`Backed up to ${target} (${fs.statSync(target).size} bytes).`);
}
