#!/usr/bin/env node
// `npm test`: typecheck, lint, unit + integration (Vitest on real SQLite files), then Playwright in Chromium
// against the production build. Stops at the first failing step and says which.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureChromium } from "./chromium.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const only = process.argv.slice(2);

// typecheck and lint each keep one core busy for a minute or more: they run side by side (output buffered,
// printed whole when each ends, so the two never interleave).
const checks = [
  { name: "typecheck", cmd: bin("tsc"), args: ["--noEmit", "-p", "."] },
  { name: "lint", cmd: bin("eslint"), args: ["--max-warnings=0", "."] },
];

const steps = [
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

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const results = [];

function fail(name, status) {
  console.error(`\n${results.join("\n")}\n\nnpm test failed at: ${name}`);
  process.exit(status ?? 1);
}

const wanted = checks.filter((c) => !only.length || only.includes(c.name));
if (wanted.length) {
  console.log(`\n▶ ${wanted.map((c) => c.name).join(" + ")}`);
  const outcomes = await Promise.all(
    wanted.map(
      (check) =>
        new Promise((resolve) => {
          const started = Date.now();
          const child = spawn(check.cmd, check.args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
          let output = "";
          child.stdout.on("data", (d) => (output += d));
          child.stderr.on("data", (d) => (output += d));
          child.on("close", (status) => {
            if (output.trim()) console.log(`[${check.name}]\n${output.trimEnd()}`);
            resolve({ check, status, seconds: ((Date.now() - started) / 1000).toFixed(1) });
          });
        }),
    ),
  );
  for (const { check, status, seconds } of outcomes) results.push(`${status === 0 ? "✔" : "✘"} ${check.name} (${seconds}s)`);
  const failed = outcomes.find((o) => o.status !== 0);
  if (failed) fail(failed.check.name, failed.status);
}

for (const step of steps) {
  if (only.length && !only.includes(step.name)) continue;
  const started = Date.now();
  console.log(`\n▶ ${step.name}`);
  step.before?.();
  const r = spawnSync(step.cmd, step.args, { cwd: root, stdio: "inherit", env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push(`${r.status === 0 ? "✔" : "✘"} ${step.name} (${seconds}s)`);
  if (r.status !== 0) fail(step.name, r.status);
}
console.log(`\n${results.join("\n")}\n\nnpm test: all steps passed.`);
