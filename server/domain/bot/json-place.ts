// Where an imported flow stops being JSON, for a refusal worded in the reader's language: the engine's own
// message is English (and names the text around the fault), so only its offset is taken from it. Engines
// that give no offset ("Unexpected end of JSON input", or an unexpected token) leave just "not JSON".

/** Line and column (from 1) of the offset JSON.parse's error names in `text`; null when it names none. */
export function jsonErrorPlace(text: string, error: unknown): { line: number; column: number } | null {
  const message = error instanceof Error ? error.message : "";
  const match = /\bat position (\d+)\b/.exec(message);
  if (!match) return null;
  const offset = Math.min(Number(match[1]), text.length);
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}
