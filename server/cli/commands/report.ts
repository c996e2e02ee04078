import { isDay } from "@/server/domain/report-stats";
import { reportCsvLines } from "@/server/services/report-export";
import { buildReport, type ReportQuery } from "@/server/services/reports";
import { cliDb } from "../context";
import { parse, required, UsageError, type CliIo } from "../io";

const USAGE = "charla report --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|json] [--time-zone ZONE] [--channel ID] [--agent ID] [--reason ID] [--team ID] [--business-hours]";

const idOption = (value: string | undefined, name: string) => {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) <= 0) throw new UsageError(`--${name} must be an id (a positive number).\nUsage: ${USAGE}`);
  return Number(value);
};

/**
 * The reports for scripts, as the machine's operator (everyone's figures): csv prints the per-chat rows one
 * line at a time as the database yields them, json the page's figures. Days are in --time-zone (default UTC).
 */
export function reportCommand(args: string[], io: CliIo): void {
  const { values } = parse(
    args,
    { from: { type: "string" }, to: { type: "string" }, format: { type: "string" }, "time-zone": { type: "string" }, channel: { type: "string" }, agent: { type: "string" }, reason: { type: "string" }, team: { type: "string" }, "business-hours": { type: "boolean" } },
    USAGE,
  );
  required(values, ["from", "to"], USAGE);
  const format = values.format ?? "csv";
  if (format !== "csv" && format !== "json") throw new UsageError(`--format must be csv or json.\nUsage: ${USAGE}`);
  for (const name of ["from", "to"] as const) if (!isDay(values[name]!)) throw new UsageError(`--${name} must be a date, YYYY-MM-DD.\nUsage: ${USAGE}`);
  const timeZone = values["time-zone"] ?? "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    throw new UsageError(`--time-zone “${timeZone}” is not a time zone (e.g. America/Sao_Paulo).`);
  }
  const query: ReportQuery = {
    range: "custom",
    from: values.from,
    to: values.to,
    channelId: idOption(values.channel, "channel"),
    agentId: idOption(values.agent, "agent"),
    closeReasonId: idOption(values.reason, "reason"),
    teamId: idOption(values.team, "team"),
    ...(values["business-hours"] ? { business: true } : {}),
  };
  const operator = { id: 0, role: "admin" as const, timeZone };
  if (format === "json") {
    const { options: _options, ...report } = buildReport(cliDb(), operator, query, Date.now());
    io.out(JSON.stringify(report, null, 2));
    return;
  }
  for (const line of reportCsvLines(cliDb(), operator, query, Date.now())) io.out(line.replace(/\r\n$/, ""));
}
