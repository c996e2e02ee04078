// Wake-ups for background jobs, with no dependencies so services may call them after committing.
// Until the server registers a runner (CHARLA_JOBS=on), a kick does nothing: the CLI and tests never
// send anything behind their own back.

type JobName = "dispatcher" | "media";

const globalForKicks = globalThis as unknown as { charlaKicks?: Partial<Record<JobName, () => void>> };
const runners = (globalForKicks.charlaKicks ??= {});

export function registerKick(name: JobName, run: (() => void) | undefined): void {
  runners[name] = run;
}

function kick(name: JobName): void {
  const run = runners[name];
  // After the current call stack, so the caller's transaction has committed first.
  if (run) setImmediate(run);
}

/** Deliver queued messages now instead of at the next tick. */
export const kickDispatcher = (): void => kick("dispatcher");
/** Download attachments now that a webhook has been acknowledged. */
export const kickMediaDownloads = (): void => kick("media");
