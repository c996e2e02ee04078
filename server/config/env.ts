import path from "node:path";
import { z } from "zod";

// Every setting has a default so that `npm start` needs no configuration on a fresh machine.
const schema = z.object({
  DATA_DIR: z.string().min(1).default("./data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  PUBLIC_URL: z.url().optional(),
  AUTH_SECRET: z.string().min(16).optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  CHARLA_JOBS: z.enum(["on", "off"]).default("on"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    // An empty variable means "not set", as shells and .env files commonly write it.
    const given = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
    const parsed = schema.safeParse(given);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid environment:\n${lines.join("\n")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || "./data");
}

export function publicUrl(): string {
  const e = env();
  if (e.PUBLIC_URL) return e.PUBLIC_URL.replace(/\/$/, "");
  const host = e.HOST === "0.0.0.0" || e.HOST === "::" ? "localhost" : e.HOST;
  return `http://${host}:${e.PORT}`;
}
