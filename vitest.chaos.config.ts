import path from "node:path";
import { defineConfig } from "vitest/config";

// `npm run test:chaos`: crash safety against the real production server, SIGKILLed mid-load. One file at a
// time in one fork (each test owns a server, a simulator and ports), with timeouts for minutes, not seconds.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/chaos/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    globalSetup: ["tests/chaos/global-setup.ts"],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
