import { channelFields, channelKinds, type ChannelKind } from "@/server/domain/channel-config";
import { channelViews, createChannel } from "@/server/services/channels";
import { cliActor, cliBaseUrl, cliDb } from "../context";
import { parse, required, UsageError, type CliIo } from "../io";

const ADD_USAGE = `charla channel add --type whatsapp|instagram|zenvia|webchat --name N [fields] [--json]
  whatsapp:  --phone-number-id --access-token --app-secret [--verify-token] [--api-base-url]
  instagram: --account-id --access-token --app-secret [--verify-token] [--api-base-url]
  zenvia:    --sender-id --zenvia-channel whatsapp|instagram --api-token [--webhook-secret] [--api-base-url]
  webchat:   [--allowed-origins https://site.example,https://other.example]`;

const allFlags = Object.fromEntries(
  Object.values(channelFields)
    .flat()
    .map((f) => [f.flag, { type: "string" as const }]),
);

export function channelCommand(args: string[], io: CliIo): void {
  const [sub, ...rest] = args;
  if (sub === "list") {
    const { values } = parse(rest, { json: { type: "boolean" } }, "charla channel list [--json]");
    const views = channelViews(cliDb(), cliBaseUrl());
    if (values.json) return io.out(JSON.stringify(views));
    for (const c of views) io.out(`#${c.id}\t${c.type}\t${c.name}\t${c.webhookUrl}`);
    if (!views.length) io.out("No channels yet.");
    return;
  }
  if (sub !== "add") throw new UsageError(`Usage:\n  ${ADD_USAGE}\n  charla channel list [--json]`);
  const { values } = parse(rest, { type: { type: "string" }, name: { type: "string" }, json: { type: "boolean" }, ...allFlags }, ADD_USAGE);
  required(values, ["type", "name"], ADD_USAGE);
  const type = values.type as ChannelKind;
  if (!channelKinds.includes(type)) throw new UsageError(`--type must be one of ${channelKinds.join(", ")}; got “${values.type}”.`);
  const known = new Set(channelFields[type].map((f) => f.flag));
  const foreign = Object.keys(allFlags).filter((flag) => (values as Record<string, unknown>)[flag] !== undefined && !known.has(flag));
  if (foreign.length) throw new UsageError(`A ${type} channel does not take ${foreign.map((f) => "--" + f).join(", ")}.\nUsage: ${ADD_USAGE}`);
  const fields = Object.fromEntries(channelFields[type].map((f) => [f.key, (values as Record<string, string | undefined>)[f.flag]]));
  const view = createChannel(cliDb(), { type, name: values.name!, fields }, cliActor(), cliBaseUrl());
  if (values.json) return io.out(JSON.stringify(view));
  io.out(`Created ${view.type} channel “${view.name}” (#${view.id}).`);
  io.out(`Webhook URL: ${view.webhookUrl}`);
  if (view.config.verifyToken) io.out(`Verify token: ${view.config.verifyToken}`);
  for (const [k, v] of Object.entries(view.generatedSecrets ?? {})) io.out(`${k} (generated, shown once): ${v}`);
}
