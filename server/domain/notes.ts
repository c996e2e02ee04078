import { badRequest } from "./errors";
import { graphemeCount } from "./text";

// Private notes: what the team writes to itself inside a chat. A note is never sent to the contact and
// answers nothing (the chat's pending state, reply window and assignee stay as they were); @name mentions
// point teammates at the chat.

export const NOTE_MAX_CHARS = 4000;

export function validateNoteBody(body: string): string {
  const text = body.trim();
  if (!text) throw badRequest("Write something in the note first.", { key: "error.note.empty" });
  const count = graphemeCount(text);
  if (count > NOTE_MAX_CHARS) {
    throw badRequest(`A note may hold up to ${NOTE_MAX_CHARS} characters; this one has ${count}.`, {
      key: "error.note.tooLong",
      params: { max: NOTE_MAX_CHARS, count },
    });
  }
  return text;
}

export interface Mentionable {
  id: number;
  name: string;
  active: boolean;
}

const WORD = /[\p{L}\p{N}_]/u;
const fold = (s: string) => s.toLocaleLowerCase();

/**
 * Whom a note names: "@" then a teammate's full name, or their first name when no other active teammate
 * has it, in any case ("@ana lima", "@Ana"). The longest name that fits wins ("@Ana Lima" over "@Ana"). An
 * "@" inside a word (an e-mail address) names nobody; nor do inactive people or the author.
 */
export function mentionedUserIds(body: string, team: readonly Mentionable[], authorId: number): number[] {
  const active = team.filter((u) => u.active && u.name.trim());
  const firstNames = new Map<string, number[]>();
  for (const u of active) {
    const first = fold(u.name.trim().split(/\s+/)[0]!);
    firstNames.set(first, [...(firstNames.get(first) ?? []), u.id]);
  }
  const candidates = [
    ...active.map((u) => ({ id: u.id, text: fold(u.name.trim()) })),
    ...[...firstNames].filter(([, ids]) => ids.length === 1).map(([text, ids]) => ({ id: ids[0]!, text })),
  ].sort((a, b) => b.text.length - a.text.length);

  const folded = fold(body);
  const found = new Set<number>();
  for (let at = folded.indexOf("@"); at !== -1; at = folded.indexOf("@", at + 1)) {
    if (at > 0 && WORD.test(folded[at - 1]!)) continue;
    const rest = folded.slice(at + 1);
    const match = candidates.find((c) => rest.startsWith(c.text) && !WORD.test(rest[c.text.length] ?? " "));
    if (match && match.id !== authorId) found.add(match.id);
  }
  return [...found].sort((a, b) => a - b);
}
