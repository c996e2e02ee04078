// Runs once when the Next server starts: migrate, make the rows the system relies on, start background jobs.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/server/jobs/server-start");
  await startServer();
}
