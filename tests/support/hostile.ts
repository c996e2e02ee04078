import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";

// Arbitraries for hostile-input property tests. Pure noise is rejected at the door; the interesting
// inputs are real provider payloads with a few values replaced by anything, which get past the
// envelope checks and reach the lenient inner parsing and the database.

/** How many generated inputs each property gets; stated here so reports can quote one number. */
export const RUNS = Number(process.env.HOSTILE_RUNS ?? 300);

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/providers");

/** Every recorded provider payload that is a webhook (not a send request/response or error answer). */
export function webhookFixtures(provider: "whatsapp" | "instagram" | "zenvia"): unknown[] {
  return fs
    .readdirSync(path.join(FIXTURES, provider))
    .filter((f) => f.endsWith(".json") && !/^(send|error|media-url)/.test(f))
    .map((f) => JSON.parse(fs.readFileSync(path.join(FIXTURES, provider, f), "utf8")) as unknown);
}

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setAt(root: unknown, at: Path, replacement: unknown): unknown {
  if (at.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[at.at(-1)!] = replacement;
  return copy;
}

/** Values that break careless code: odd numbers, huge strings, prototype keys, wrong types. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, "", 0, -1, 1e308, -1e308, 2 ** 53 + 1, "NaN", "1e999", "__proto__", "constructor", "\u0000", "\ud800", "<script>alert(1)</script>"),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ minLength: 5000, maxLength: 20000 }).map((s) => s.padEnd(5000, "x")),
  fc.constant({ __proto__: { polluted: true } }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 5 }),
);

/** A recorded payload with up to four values (anywhere, the root included) replaced by nasty ones. */
export function mutatedPayload(fixtures: unknown[]): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.nat({ max: fixtures.length - 1 }), fc.array(fc.tuple(fc.nat(), nastyValue), { minLength: 1, maxLength: 4 }))
    .map(([which, edits]) => {
      let value = fixtures[which];
      for (const [pick, replacement] of edits) {
        const all = paths(value);
        value = setAt(value, all[pick % all.length]!, replacement);
      }
      return value;
    });
}

/** Any JSON at all, a recorded payload mutated, or the bare nasty values. */
export function hostileJson(fixtures: unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: mutatedPayload(fixtures), weight: 3 }, { arbitrary: fc.jsonValue(), weight: 1 }, { arbitrary: nastyValue, weight: 1 });
}

/** Raw request bodies: JSON text of the above, arbitrary text, or arbitrary bytes (not UTF-8 at all). */
export function hostileBody(fixtures: unknown[]): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  const enc = new TextEncoder();
  return fc.oneof(
    { arbitrary: hostileJson(fixtures).map((v) => enc.encode(JSON.stringify(v) ?? "null")), weight: 4 },
    { arbitrary: fc.string({ unit: "grapheme", maxLength: 200 }).map((s) => enc.encode(s)), weight: 1 },
    { arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => new Uint8Array(b)), weight: 1 },
  );
}
