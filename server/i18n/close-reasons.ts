import type { Translate } from "./locale";

// Close reasons the system uses (transferred, inactivity) and the everyday ones Charla ships (resolved,
// no_reply, spam) carry a key and read in each reader's language; a company's own reason reads as written.

export type ReasonKey = "transferred" | "inactivity" | "resolved" | "no_reply" | "spam";

export function closeReasonLabel(
  t: Translate,
  reason: { label: string; systemKey?: ReasonKey | null; builtinKey?: ReasonKey | null },
): string {
  const key = reason.systemKey ?? reason.builtinKey;
  return key ? t(`reason.${key}`) : reason.label;
}
