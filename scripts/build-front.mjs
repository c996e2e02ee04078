// Bundles the front server (server/http/front/main.ts) beside Next's build: `npm start` runs it instead
// of `next start`. Packages stay in node_modules; only our own TypeScript is bundled.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function frontServerFile(distDir = process.env.NEXT_DIST_DIR || ".next") {
  return path.join(root, distDir, "charla-server.mjs");
}

/** The front server's job thread (server/jobs/job-thread.ts), which it looks for beside itself. */
export function jobThreadFile(distDir = process.env.NEXT_DIST_DIR || ".next") {
  return path.join(root, distDir, "charla-jobs.mjs");
}

export async function buildFrontServer(distDir) {
  await bundle("server/jobs/job-thread.ts", jobThreadFile(distDir));
  await bundle("server/http/front/main.ts", frontServerFile(distDir));
}

async function bundle(entry, outfile) {
  await build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
    // Some packages are CommonJS and expect require().
    banner: { js: "import { createRequire as __charlaRequire } from 'node:module'; const require = __charlaRequire(import.meta.url);" },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildFrontServer();
