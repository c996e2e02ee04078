import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The domain layer stays pure: it may import only its own modules, so it runs anywhere (tests, the
// CLI, jobs) without a database, a framework or the network.
const DOMAIN = path.resolve(import.meta.dirname, "../../../server/domain");
const files = readdirSync(DOMAIN).filter((f) => f.endsWith(".ts"));

describe("server/domain purity", () => {
  it("has modules to check", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)("%s imports only sibling domain modules", (file) => {
    const source = readFileSync(path.join(DOMAIN, file), "utf8");
    const specifiers = [...source.matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']/g)]
      .map((m) => m[1] ?? m[2] ?? "");
    for (const specifier of specifiers) {
      expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\/[a-z-]+$/);
    }
    expect(source).not.toMatch(/\brequire\(/);
    expect(source).not.toMatch(/Date\.now\(\)|new Date\(\)/);
    expect(source).not.toMatch(/process\.env/);
  });
});
