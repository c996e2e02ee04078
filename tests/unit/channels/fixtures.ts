import { readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../../fixtures/providers");

/** Parsed JSON of tests/fixtures/providers/<provider>/<name>.json */
export function fixture(provider: "whatsapp" | "instagram" | "zenvia", name: string): unknown {
  return JSON.parse(fixtureText(provider, name)) as unknown;
}

export function fixtureText(provider: "whatsapp" | "instagram" | "zenvia", name: string): string {
  return readFileSync(path.join(ROOT, provider, `${name}.json`), "utf8");
}

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** A fetch double that records each request and answers with the given status and body. */
export function fakeFetch(status: number, body: string) {
  const calls: RecordedRequest[] = [];
  const impl = async (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => {
    calls.push({ url, ...init });
    return { status, text: async () => body };
  };
  return { impl, calls };
}

export function throwingFetch(error: Error) {
  return async () => {
    throw error;
  };
}
