import { badRequest } from "./errors";

/**
 * Turns what a person typed into a safe FTS5 query: each word becomes a quoted prefix term, so
 * operators and quotes in the input are plain text, and "entreg" finds "entregam". Words are ANDed.
 */
export function toFtsQuery(input: string): string {
  const words = input
    .normalize("NFC")
    // Control characters split words too: FTS5 reads a NUL inside a quoted term as its end.
    .split(/[\s\p{Cc}"'`()*:^+\-{}[\],.;!?¿¡]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  if (!words.length) throw badRequest("Type at least one word or number to search.", { key: "error.search.empty" });
  return words.map((w) => `"${w}"*`).join(" ");
}
