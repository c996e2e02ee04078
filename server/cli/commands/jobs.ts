import { runLifecycleJobs } from "@/server/jobs/lifecycle";
import { cliDb } from "../context";
import { UsageError, type CliIo } from "../io";

export function jobsCommand(args: string[], io: CliIo): void {
  if (args[0] !== "run-once" || args.length > 1) throw new UsageError("Usage: charla jobs run-once");
  const result = runLifecycleJobs(cliDb(), Date.now());
  io.out(`Reminders due: ${result.remindersFired}. Closed for inactivity: ${result.closedInactive}.`);
}
