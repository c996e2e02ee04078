import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const consoleIo: CliIo = {
  out: (line) => process.stdout.write(line + "\n"),
  err: (line) => process.stderr.write(line + "\n"),
};

type Options = NonNullable<ParseArgsConfig["options"]>;

/** parseArgs with unknown flags and missing values turned into a usage message instead of a stack trace. */
export function parse<O extends Options>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nUsage: ${usage}`);
  }
}

export function required(values: Record<string, unknown>, names: string[], usage: string): void {
  const missing = names.filter((n) => typeof values[n] !== "string" || values[n] === "");
  if (missing.length) throw new UsageError(`Missing ${missing.map((m) => "--" + m).join(", ")}.\nUsage: ${usage}`);
}
