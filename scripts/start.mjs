#!/usr/bin/env node
// `npm start`: build if the sources changed, migrate and bootstrap, then serve. No configuration needed.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildIsCurrent, markBuilt, sourceHash } from "./build-state.mjs";
import { buildFrontServer, frontServerFile, jobThreadFile } from "./build-front.mjs";
import { serverNodeArgs } from "./server-args.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const demo = process.argv.includes("--demo");
const buildOnly = process.argv.includes("--build-only");

process.env.DATA_DIR = path.resolve(process.env.DATA_DIR || (demo ? "./data-demo" : "./data"));
process.env.PORT ||= "3000";
process.env.HOST ||= "0.0.0.0";
fs.mkdirSync(process.env.DATA_DIR, { recursive: true });

// Server action ids must survive rebuilds, or a page rendered before a redeploy posts a dead id.
// The key lives beside the build (not in DATA_DIR) because it is baked into the build.
const keyFile = path.join(root, ".next-actions-key");
if (!process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) {
  if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, crypto.randomBytes(32).toString("base64"), { mode: 0o600 });
  process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY = fs.readFileSync(keyFile, "utf8").trim();
}

const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const run = (args, opts = {}) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: process.env, ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const hash = sourceHash(root, process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY);
if (!buildIsCurrent(root, hash)) {
  console.log("Building Charla (first start or sources changed)…");
  // `next build` with another NEXT_DIST_DIR adds that folder's types to tsconfig.json, an input of the hash:
  // left in place, the build would be stale at once (and the tree dirty). Put the file back as it was.
  const tsconfig = path.join(root, "tsconfig.json");
  const tsconfigBefore = fs.readFileSync(tsconfig, "utf8");
  try {
    run([nextBin, "build"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  } finally {
    if (fs.readFileSync(tsconfig, "utf8") !== tsconfigBefore) fs.writeFileSync(tsconfig, tsconfigBefore);
  }
  await buildFrontServer();
  markBuilt(root, hash);
}
// A build made before the front server (or its job thread) existed has Next's half only.
if (!fs.existsSync(frontServerFile()) || !fs.existsSync(jobThreadFile())) await buildFrontServer();
if (buildOnly) process.exit(0);

run([path.join(root, "bin", "charla.mjs"), "init"]);
if (demo) run([path.join(root, "bin", "charla.mjs"), "demo", "seed"]);

console.log(`Charla on http://${process.env.HOST === "0.0.0.0" ? "localhost" : process.env.HOST}:${process.env.PORT} (data in ${process.env.DATA_DIR})`);
// Next's request handler behind the front server, which answers the poll and the webhooks itself.
const server = spawn(process.execPath, [...serverNodeArgs(), frontServerFile()], {
  cwd: root,
  stdio: "inherit",
  env: { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...process.env },
});
// The demo's channels point at the provider simulator (http://127.0.0.1:3900); it runs beside the server.
const simulator = demo
  ? spawn(process.execPath, [path.join(root, "bin", "charla.mjs"), "simulate", "--port", "3900", "--charla", `http://127.0.0.1:${process.env.PORT}`], { cwd: root, stdio: "inherit", env: process.env })
  : null;
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => { server.kill(signal); simulator?.kill(signal); });
server.on("exit", (code, signal) => { simulator?.kill("SIGTERM"); process.exit(code ?? (signal ? 1 : 0)); });
