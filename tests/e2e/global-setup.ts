import { execFileSync } from "node:child_process";
import { E2E_DATA_DIR } from "../../playwright.config";
import { AGENT } from "./users";

/** Adds the test agent through the real CLI (the server started on a fresh DATA_DIR made the admin). */
export default function globalSetup(): void {
  const env = { ...process.env, DATA_DIR: E2E_DATA_DIR };
  const users = execFileSync(process.execPath, ["bin/charla.mjs", "user", "list", "--json"], { env }).toString();
  if (!users.includes(AGENT.email)) {
    execFileSync(
      process.execPath,
      ["bin/charla.mjs", "user", "add", "--email", AGENT.email, "--name", AGENT.name, "--role", "agent", "--password", AGENT.password],
      { env, stdio: "inherit" },
    );
  }
}
