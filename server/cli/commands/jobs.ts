import { runLifecycleJobs } from "@/server/jobs/lifecycle";
import { runRoutingJobs } from "@/server/jobs/routing";
import { fileAllDueInbound, inboundQueueHealth } from "@/server/services/inbound-queue";
import { cliDb } from "../context";
import { UsageError, type CliIo } from "../io";

export function jobsCommand(args: string[], io: CliIo): void {
  if (args[0] !== "run-once" || args.length > 1) throw new UsageError("Usage: charla jobs run-once");
  const db = cliDb();
  const now = Date.now();
  // Accepted webhooks first, so the lifecycle jobs see the messages they carry.
  const filed = fileAllDueInbound(db, now);
  const { waiting } = inboundQueueHealth(db);
  io.out(`Webhook deliveries filed: ${filed.deliveries}${filed.failed ? ` (${filed.failed} failed, kept for a retry)` : ""}; waiting: ${waiting}.`);
  const result = runLifecycleJobs(db, now);
  io.out(`Reminders due: ${result.remindersFired}. Closed for inactivity: ${result.closedInactive}.`);
  const routing = runRoutingJobs(db, now);
  io.out(`Offers expired: ${routing.expired}; withdrawn: ${routing.withdrawn}. Chats distributed: ${routing.placed}.`);
}
