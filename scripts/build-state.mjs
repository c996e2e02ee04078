// Decides whether `next build` output is current: a content hash of everything that goes into the build.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const INPUTS = ["app", "server", "scripts/build-front.mjs", "db", "public", "instrumentation.ts", "proxy.ts", "security-headers.mjs", "next.config.mjs", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const SKIP = new Set(["node_modules", ".next", "migrations"]);
// Build output folders (NEXT_DIST_DIR) start with ".next" and are skipped by the walk below.

function walk(root, rel, files) {
  const full = path.join(root, rel);
  let stat;
  try {
    stat = fs.statSync(full);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(full).sort()) if (!SKIP.has(name)) walk(root, path.join(rel, name), files);
  } else files.push(rel);
}

export function sourceHash(root, extra = "") {
  const files = [];
  for (const input of INPUTS) walk(root, input, files);
  const hash = crypto.createHash("sha256").update(extra);
  for (const rel of files) hash.update(rel).update("\0").update(fs.readFileSync(path.join(root, rel))).update("\0");
  return hash.digest("hex");
}

const distDir = () => process.env.NEXT_DIST_DIR || ".next";
const stampFile = (root) => path.join(root, distDir(), "charla-source-hash");

export function buildIsCurrent(root, hash) {
  try {
    return fs.existsSync(path.join(root, distDir(), "BUILD_ID")) && fs.readFileSync(stampFile(root), "utf8") === hash;
  } catch {
    return false;
  }
}

export function markBuilt(root, hash) {
  fs.writeFileSync(stampFile(root), hash);
}
