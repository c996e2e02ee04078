import { describe, expect, it } from "vitest";
import { CHAT_TRANSITIONS, transition, type DomainError } from "@/server/domain";
import { channelFields } from "@/server/domain/channel-config";
import { validateMedia, type MediaKind } from "@/server/domain/media-limits";
import { translateError, translator } from "@/server/i18n/locale";
import { en, es, pt, type MessageKey } from "@/server/i18n/messages";

// The dictionaries as a whole: every key reads in every language, with the same parameters, and the
// refusals built from parts (transition table, media kinds, channel fields) all land on a key with a text.

const keys = Object.keys(en) as MessageKey[];
const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** Words of two letters or more, outside the {parameters}: a text with a few of them is a sentence to translate. */
const words = (text: string) => text.replace(/\{\w+\}/g, " ").match(/\p{L}{2,}/gu) ?? [];

describe("dictionaries", () => {
  it.each([["es", es], ["pt", pt]] as const)("%s has every key, with the parameters the English text has", (_, dict) => {
    const wrong = keys.filter((k) => !dict[k]?.trim() || names(dict[k]).join() !== names(en[k]).join());
    expect(wrong).toEqual([]);
  });

  it.each([["es", es], ["pt", pt]] as const)("%s does not leave an English sentence untranslated", (_, dict) => {
    expect(keys.filter((k) => words(en[k]).length >= 3 && dict[k] === en[k])).toEqual([]);
  });
});

const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (err) {
    return err as DomainError;
  }
  throw new Error("expected a refusal");
};

describe("refusals assembled from parts have a text in every language", () => {
  it("each refusal of the chat transition table", () => {
    const missing: string[] = [];
    for (const [status, events] of Object.entries(CHAT_TRANSITIONS)) {
      for (const [event, outcome] of Object.entries(events)) {
        if (typeof outcome !== "object") continue;
        const err = refusal(() => transition(status as never, event as never));
        if (!(err.text.key in en)) missing.push(err.text.key);
      }
    }
    expect(missing).toEqual([]);
  });

  it("a refused attachment of each kind", () => {
    for (const kind of ["file", "image", "audio", "video"] as MediaKind[]) {
      const err = refusal(() => validateMedia({ kind, fileName: "a.bin", mimeType: "application/octet-stream", size: 10 }, { type: "instagram", zenviaChannel: null } as never));
      expect(err.text.key in en, `${kind}: ${err.message}`).toBe(true);
      expect(translateError(translator("es"), err)).not.toBe(err.message);
    }
  });

  it("each channel field with a pattern says in words what it expects", () => {
    const unexplained = Object.entries(channelFields).flatMap(([type, specs]) => specs.filter((s) => s.pattern && !(`error.channel.invalid.${s.invalid}` in en)).map((s) => `${type}.${s.key}`));
    expect(unexplained).toEqual([]);
  });
});
