#!/usr/bin/env node
// `npm test`: typecheck, lint, unit + integration (Vitest on real SQLite files), then Playwright in Chromium
// against the production build. Stops at the first failing step and says which.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureChromium } from "./chromium.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const only = process.argv.slice(2);

const steps = [
  { name: "typecheck", cmd: bin("tsc"), args: ["--noEmit", "-p", "."] },
  { name: "lint", cmd: bin("eslint"), args: ["--max-warnings=0", "."] },
  { name: "unit+integration", cmd: bin("vitest"), args: ["run"] },
  {
    name: "browser",
    before: () => {
      ensureChromium();
      fs.rmSync(path.join(root, ".tmp", "e2e-data"), { recursive: true, force: true });
    },
    cmd: bin("playwright"),
    args: ["test"],
  },
];

const results = [];
for (const step of steps) {
  if (only.length && !only.includes(step.name)) continue;
  const started = Date.now();
  console.log(`\n▶ ${step.name}`);
  step.before?.();
  const r = spawnSync(step.cmd, step.args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push(`${r.status === 0 ? "✔" : "✘"} ${step.name} (${seconds}s)`);
  if (r.status !== 0) {
    console.error(`\n${results.join("\n")}\n\nnpm test failed at: ${step.name}`);
    process.exit(r.status ?? 1);
  }
}
console.log(`\n${results.join("\n")}\n\nnpm test: all steps passed.`);
