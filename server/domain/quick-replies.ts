import { badRequest } from "./errors";
import { assertWithinLimit } from "./message-limits";

// Quick replies are canned texts an agent inserts by typing "/" and the shortcut.

const SHORTCUT = /^[a-z0-9_-]{1,32}$/;

/** Lower-cases and checks a shortcut; a leading "/" is accepted and dropped. */
export function normalizeShortcut(raw: string): string {
  const shortcut = raw.trim().replace(/^\//, "").toLowerCase();
  if (!SHORTCUT.test(shortcut)) {
    throw badRequest(
      `Shortcuts are 1 to 32 letters, digits, "-" or "_", without spaces; “${raw.trim()}” isn't valid.`,
      { key: "error.quickReply.shortcut", params: { shortcut: raw.trim() } },
    );
  }
  return shortcut;
}

export function validateQuickReply(input: { shortcut: string; body: string }): {
  shortcut: string;
  body: string;
} {
  const shortcut = normalizeShortcut(input.shortcut);
  const body = input.body.trim();
  assertWithinLimit(body, { channelType: "webchat", purpose: "quick_reply" });
  return { shortcut, body };
}

/**
 * The quick replies offered while the composer holds `typed`: only while it is a single "/word",
 * matching shortcuts that start with the word — an exact match first, then alphabetically.
 */
export function matchQuickReplies<T extends { shortcut: string }>(
  list: readonly T[],
  typed: string,
): T[] {
  const match = /^\/([^\s/]*)$/.exec(typed);
  if (!match) return [];
  const prefix = (match[1] ?? "").toLowerCase();
  return list
    .filter((item) => item.shortcut.startsWith(prefix))
    .sort((a, b) => {
      if (a.shortcut === prefix) return -1;
      if (b.shortcut === prefix) return 1;
      return a.shortcut < b.shortcut ? -1 : a.shortcut > b.shortcut ? 1 : 0;
    });
}
