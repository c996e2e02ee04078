import { simChannelsFromDb } from "@/server/simulator/channels";
import { startSimulator } from "@/server/simulator/server";
import { cliBaseUrl, cliDb } from "../context";
import { parse, UsageError, type CliIo } from "../io";

const USAGE = "charla simulate [--port 3900] [--host 127.0.0.1] [--charla http://localhost:3000] [--receipts on|off]";

/** Runs the provider simulator until interrupted (Ctrl-C). */
export async function simulateCommand(args: string[], io: CliIo): Promise<void> {
  const { values } = parse(args, { port: { type: "string" }, host: { type: "string" }, charla: { type: "string" }, receipts: { type: "string" } }, USAGE);
  const port = Number(values.port ?? 3900);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number.\nUsage: ${USAGE}`);
  if (values.receipts && !["on", "off"].includes(values.receipts)) throw new UsageError(`--receipts is on or off.\nUsage: ${USAGE}`);
  const channels = simChannelsFromDb(cliDb());
  const sim = await startSimulator({
    port,
    host: values.host ?? "127.0.0.1",
    charlaUrl: values.charla ?? cliBaseUrl(),
    channels,
    autoReceipts: values.receipts !== "off",
    log: (line) => io.out(`[simulator] ${line}`),
  });
  io.out(`Provider simulator on ${sim.url} for ${channels.length} channel(s); posting to ${values.charla ?? cliBaseUrl()}.`);
  io.out(`  WhatsApp/Instagram: POST ${sim.url}/v23.0/{id}/messages   Zenvia: POST ${sim.url}/v2/channels/{whatsapp|instagram}/messages`);
  io.out(`  A customer writes: curl -X POST ${sim.url}/_sim/inbound -d '{"provider":"whatsapp","from":"5511999990000","text":"Oi"}'`);
  await new Promise<void>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
  });
  await sim.close();
}
