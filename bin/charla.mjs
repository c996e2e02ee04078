#!/usr/bin/env node
// The CLI is TypeScript sharing the app's services; tsx compiles it on the fly so there is no separate build.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.CHARLA_ROOT ??= root;
register({ tsconfig: path.join(root, "tsconfig.json") });
const { main } = await import(pathToFileURL(path.join(root, "server/cli/main.ts")).href);
process.exitCode = await main(process.argv.slice(2));
