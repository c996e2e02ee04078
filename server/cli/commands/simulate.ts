import readline from "node:readline";
import { tryDraft, type TryLine } from "@/server/services/bot/try";
import { simChannelsFromDb } from "@/server/simulator/channels";
import { startSimulator } from "@/server/simulator/server";
import { cliBaseUrl, cliDb } from "../context";
import { parse, UsageError, type CliIo } from "../io";

const USAGE =
  "charla simulate [--port 3900] [--host 127.0.0.1] [--charla http://localhost:3000] [--receipts on|off]\n" +
  "       charla simulate --flow ID [--channel whatsapp|instagram|zenvia|webchat] [--say TEXT]...   (a contact talks to a bot flow's draft; nothing is sent)";

/** Runs the provider simulator until interrupted (Ctrl-C), or plays a contact through a bot flow (--flow). */
export async function simulateCommand(args: string[], io: CliIo): Promise<void> {
  const { values } = parse(
    args,
    { port: { type: "string" }, host: { type: "string" }, charla: { type: "string" }, receipts: { type: "string" }, flow: { type: "string" }, channel: { type: "string" }, say: { type: "string", multiple: true } },
    USAGE,
  );
  if (values.flow !== undefined) return playFlow(values, io);
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

type Played = { flow?: string; channel?: string; say?: string[] };
const CHANNEL_TYPES = ["whatsapp", "instagram", "zenvia", "webchat"] as const;

/** The conversation with the flow's draft, as the engine plays it; with no --say, one line of stdin per answer. */
async function playFlow(values: Played, io: CliIo): Promise<void> {
  const flowId = Number(values.flow);
  if (!Number.isInteger(flowId) || flowId <= 0) throw new UsageError(`--flow is a flow id.\nUsage: ${USAGE}`);
  const channelType = values.channel ?? "whatsapp";
  if (!(CHANNEL_TYPES as readonly string[]).includes(channelType)) throw new UsageError(`--channel is one of ${CHANNEL_TYPES.join(", ")}.\nUsage: ${USAGE}`);
  const db = cliDb();
  // The command line acts as an administrator, as it does for every other command.
  const play = (said: string[]) => tryDraft(db, { id: 0, role: "admin" }, flowId, said.map((text) => ({ text })), { channelType: channelType as (typeof CHANNEL_TYPES)[number], now: Date.now() });
  const show = (line: TryLine) => {
    io.out(`${line.from === "bot" ? "bot" : "contact"}> ${line.text}`);
    line.choices?.choices.forEach((c, i) => io.out(`       ${i + 1}. ${c.title}${c.description ? ` — ${c.description}` : ""}`));
  };
  const ending = (result: ReturnType<typeof play>) => (result.outcome && result.outcome.type !== "wait" ? `[${result.outcome.type}${"reason" in result.outcome ? `: ${result.outcome.reason}` : ""}]` : null);

  if (values.say?.length) {
    const result = play(values.say);
    if (result.invalid) throw new UsageError(`Flow ${flowId} does not exist or its draft has problems; open it in the editor.`);
    result.lines.forEach(show);
    const end = ending(result);
    if (end) io.out(end);
    return;
  }
  const said: string[] = [];
  const input = readline.createInterface({ input: process.stdin });
  io.out("Write as the contact; an empty line or Ctrl-D ends.");
  for await (const text of input) {
    if (!text.trim()) break;
    const before = play(said).lines.length;
    said.push(text);
    const result = play(said);
    if (result.invalid) throw new UsageError(`Flow ${flowId} does not exist or its draft has problems; open it in the editor.`);
    result.lines.slice(before + 1).forEach(show);
    const end = ending(result);
    if (end) {
      io.out(end);
      break;
    }
  }
  input.close();
}
