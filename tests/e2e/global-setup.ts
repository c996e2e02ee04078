import { execFileSync } from "node:child_process";
import { E2E_DATA_DIR } from "../../playwright.config";
import { startSimulator } from "@/server/simulator/server";
import { E2E_PORT } from "../../playwright.config";
import { AGENT, AGENT2, SIMULATOR_PORT, WHATSAPP } from "./users";

/** Adds the test agents and a WhatsApp channel through the real CLI (the server made the admin on a fresh DATA_DIR). */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const env = { ...process.env, DATA_DIR: E2E_DATA_DIR };
  const charla = (...args: string[]) => execFileSync(process.execPath, ["bin/charla.mjs", ...args], { env }).toString();
  const users = charla("user", "list", "--json");
  for (const agent of [AGENT, AGENT2]) {
    if (!users.includes(agent.email)) charla("user", "add", "--email", agent.email, "--name", agent.name, "--role", "agent", "--password", agent.password);
  }
  if (!charla("channel", "list", "--json").includes(WHATSAPP.phoneNumberId)) {
    charla(
      "channel", "add", "--type", "whatsapp", "--name", "WhatsApp Loja",
      "--phone-number-id", WHATSAPP.phoneNumberId, "--access-token", WHATSAPP.accessToken, "--app-secret", WHATSAPP.appSecret,
      "--verify-token", WHATSAPP.verifyToken, "--api-base-url", `http://127.0.0.1:${SIMULATOR_PORT}/v23.0`,
    );
  }
  if (!charla("channel", "list", "--json").includes('"webchat"')) charla("channel", "add", "--type", "webchat", "--name", "Chat do site");
  // Live updates every 2 s instead of 5: the browser tests wait for them often.
  charla("settings", "set", "pollIntervalSeconds", "2");
  // The provider simulator answers the dispatcher's sends like the Cloud API and records them.
  const simulator = await startSimulator({
    port: SIMULATOR_PORT,
    host: "127.0.0.1",
    charlaUrl: `http://127.0.0.1:${E2E_PORT}`,
    channels: [{ type: "whatsapp", phoneNumberId: WHATSAPP.phoneNumberId, accessToken: WHATSAPP.accessToken, appSecret: WHATSAPP.appSecret }],
  });
  return () => simulator.close();
}
