import { seedDemo } from "@/server/demo/seed";
import { cliBaseUrl, cliDb } from "../context";
import { UsageError, type CliIo } from "../io";

/** `charla demo seed`: demo users, channels (pointing at the simulator) and chats; idempotent. */
export async function demoCommand(args: string[], io: CliIo): Promise<void> {
  if (args[0] !== "seed" || args.length > 1) throw new UsageError("Usage: charla demo seed");
  const result = await seedDemo(cliDb(), Date.now());
  if (result.skipped) {
    io.out("Demo data not added: this database already has users besides the first administrator.");
    return;
  }
  io.out(`Demo data added: ${result.chats} chats on ${result.channels.length} channels.`);
  for (const u of result.users) io.out(`  ${u.role.padEnd(5)}  ${u.email}  password: ${u.password}`);
  for (const c of result.channels) io.out(`  channel #${c.id} ${c.type}: ${c.name}`);
  const webchat = result.channels.find((c) => c.type === "webchat");
  if (webchat) io.out(`  Web chat: ${cliBaseUrl()}/chat/${webchat.id}   (widget: <script src="${cliBaseUrl()}/widget.js" data-channel="${webchat.id}"></script>)`);
  io.out("  Start the provider simulator with `npx charla simulate` (npm run demo does it for you).");
}
