// Playwright cannot download its own browser here; the tests drive Debian's chromium instead.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = fs.existsSync("/usr/bin/apt-get");
  if (!isRoot || !hasApt) {
    console.error(
      `The browser tests need Chromium at ${CHROMIUM}.\n` +
        (hasApt ? "Install it with: sudo apt-get install -y chromium\n" : "Install Chromium with your package manager, ") +
        "or point CHROMIUM_PATH at an existing Chromium binary.",
    );
    process.exit(1);
  }
  console.log("Installing Debian's chromium for the browser tests (apt-get)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "--no-install-recommends", "chromium"]]) {
    const r = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(" ")} failed; install chromium by hand and run npm test again.`);
      process.exit(1);
    }
  }
}
