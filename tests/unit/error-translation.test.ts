import { describe, expect, it } from "vitest";
import { assertWithinLimit, scheduleChat, newChat, badRequest } from "@/server/domain";
import { transition } from "@/server/domain/chat-transitions";
import { translateError, translator } from "@/server/i18n/locale";

const caught = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err as Error & { text?: { key: string; params?: Record<string, string | number> } };
  }
  throw new Error("expected a refusal");
};

describe("rule refusals in the reader's language", () => {
  it("translates a keyed refusal with its parameters, numbers formatted for the locale", () => {
    const err = caught(() => assertWithinLimit("a".repeat(1001), { channelType: "instagram", purpose: "reply" }));
    expect(translateError(translator("es"), err)).toBe("Las respuestas de Instagram admiten 1000 caracteres; esta tiene 1001.");
    expect(translateError(translator("en"), err)).toBe("Instagram replies are limited to 1,000 characters; this one has 1,001.");
    expect(translateError(translator("pt"), err)).toBe("Respostas no Instagram aceitam 1.000 caracteres; esta tem 1.001.");
  });

  it("keys every refusal of the transition table", () => {
    const err = caught(() => transition("closed", "schedule"));
    expect(translateError(translator("pt"), err)).toBe("Este chat está fechado, então não pode ser agendado.");
    const past = caught(() => scheduleChat(newChat(0), { at: 10, now: 20 }));
    expect(translateError(translator("es"), past)).toBe("La hora del recordatorio debe estar en el futuro.");
  });

  it("falls back to the English message when a refusal's key has no text", () => {
    expect(translateError(translator("es"), badRequest("Something specific.", { key: "error.not.a.key" }))).toBe("Something specific.");
  });
});
