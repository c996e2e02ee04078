import { cliDatabaseFile, cliDb } from "../context";
import { UsageError, type CliIo } from "../io";

export function dbCommand(args: string[], io: CliIo): void {
  if (args[0] !== "migrate" || args.length > 1) throw new UsageError("Usage: charla db migrate");
  const db = cliDb(); // opening migrates
  const row = db.$client.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number };
  io.out(`Database ${cliDatabaseFile()} is up to date (${row.n} migrations applied).`);
}
