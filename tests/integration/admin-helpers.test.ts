import { describe, expect, it } from "vitest";
import { channelFieldsFromForm, controlName, fieldLabels } from "@/app/(app)/admin/channels/form-fields";
import { FormInputError, checked, id, oneOf, text } from "@/app/(app)/admin/form-data";
import { formatTime } from "@/app/(app)/admin/format";
import { changedSettings, settingsFromForm } from "@/app/(app)/admin/settings/form";
import { readStatus, safeReturnTo, withStatus } from "@/app/(app)/admin/status";
import { channelFields, channelKinds } from "@/server/domain/channel-config";
import { DomainError } from "@/server/domain/errors";
import { defaultSettings } from "@/server/domain/settings-rules";
import { en, es, pt } from "@/server/i18n/messages";

// The pure helpers behind the admin forms: how posted values are read and how outcomes travel in the URL.

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.append(k, v);
  return f;
};

describe("form outcome in the URL", () => {
  it("replaces a previous outcome and keeps the rest of the query", () => {
    expect(withStatus("/admin/users", { ok: "user.created" })).toBe("/admin/users?ok=user.created");
    expect(withStatus("/inbox?chat=4&ok=chat.deleted", { error: "No such chat." })).toBe("/inbox?chat=4&error=No+such+chat.");
    expect(withStatus("/inbox?error=x", { formError: "confirm" })).toBe("/inbox?formError=confirm");
  });

  it("caps an error message so a crafted link can't fill the page", () => {
    const url = withStatus("/admin", { error: "x".repeat(1000) });
    expect(new URL(url, "http://x").searchParams.get("error")).toHaveLength(300);
  });

  it("reads known success codes as translation keys and ignores unknown ones", () => {
    expect(readStatus({ ok: "settings.saved" })).toEqual({ kind: "ok", key: "admin.ok.settings.saved" });
    expect(readStatus({ ok: "toString" })).toBeNull();
    expect(readStatus({ formError: "confirm" })).toEqual({ kind: "error", key: "admin.error.confirm" });
    expect(readStatus({ error: "Passwords need at least 8 characters." })).toEqual({ kind: "error", text: "Passwords need at least 8 characters." });
    expect(readStatus({})).toBeNull();
  });

  it("accepts only same-site return paths", () => {
    expect(safeReturnTo("/inbox?chat=3", "/inbox")).toBe("/inbox?chat=3");
    for (const bad of ["//evil.example/x", "/\\evil.example", "https://evil.example", "inbox", "", null, 7]) {
      expect(safeReturnTo(bad, "/inbox")).toBe("/inbox");
    }
  });
});

describe("form readers", () => {
  it("reads text, ids, choices and checkboxes, and rejects forged values", () => {
    const f = form({ name: " Ana ", userId: "12", role: "agent", confirm: "on", bad: "1.5" });
    expect(text(f, "name")).toBe(" Ana ");
    expect(text(f, "missing")).toBe("");
    expect(id(f, "userId")).toBe(12);
    expect(() => id(f, "bad")).toThrow(FormInputError);
    expect(() => id(f, "missing")).toThrow(FormInputError);
    expect(oneOf(f, "role", ["admin", "agent"] as const)).toBe("agent");
    expect(() => oneOf(form({ role: "owner" }), "role", ["admin", "agent"] as const)).toThrow(FormInputError);
    expect(checked(f, "confirm")).toBe(true);
    expect(checked(f, "other")).toBe(false);
  });
});

describe("channel forms", () => {
  it("has a label for every field of every channel type", () => {
    for (const kind of channelKinds) for (const spec of channelFields[kind]) expect(fieldLabels[spec.key], spec.key).toBeDefined();
  });

  it("reads the type's own fields; a blank box means not given", () => {
    const f = form({ [controlName("phoneNumberId")]: " 123456 ", [controlName("accessToken")]: "", [controlName("senderId")]: "zen" });
    const fields = channelFieldsFromForm("whatsapp", f);
    expect(fields.phoneNumberId).toBe("123456");
    expect(fields.accessToken).toBeUndefined();
    expect(Object.keys(fields).sort()).toEqual(channelFields.whatsapp.map((s) => s.key).sort());
  });
});

describe("settings form", () => {
  const valid = { sharedInbox: "off", inactivityMinutes: "60", pollIntervalSeconds: "10", paymentLinkPattern: "", currency: "brl" };

  it("parses with the CLI's rules; 'never' wins over a number", () => {
    expect(settingsFromForm(form(valid))).toEqual({ sharedInbox: false, inactivityMinutes: 60, pollIntervalSeconds: 10, paymentLinkPattern: "", currency: "BRL" });
    expect(settingsFromForm(form({ ...valid, inactivityNever: "on" })).inactivityMinutes).toBeNull();
    expect(() => settingsFromForm(form({ ...valid, pollIntervalSeconds: "1" }))).toThrow(DomainError);
    expect(() => settingsFromForm(form({ ...valid, paymentLinkPattern: "http://pay.example/{amount}" }))).toThrow(/https URL/);
    expect(() => settingsFromForm(form({ ...valid, currency: "XX1" }))).toThrow(/ISO 4217/);
  });

  it("lists only what changed", () => {
    expect(changedSettings(defaultSettings, { ...defaultSettings })).toEqual([]);
    expect(changedSettings(defaultSettings, { ...defaultSettings, sharedInbox: false, inactivityMinutes: null })).toEqual(["sharedInbox", "inactivityMinutes"]);
  });
});

describe("audit formatting", () => {
  it("shows times in the viewer's time zone, and survives an unknown zone", () => {
    const at = Date.UTC(2026, 0, 5, 12, 0, 0);
    expect(formatTime(at, "en", "America/Sao_Paulo")).toContain("9:00:00");
    expect(formatTime(at, "en", "UTC")).toContain("12:00:00");
    expect(formatTime(at, "en", "Not/AZone")).toContain("12:00:00");
  });
});

describe("admin translations", () => {
  it("has every admin key in Spanish and Portuguese, not left in English by mistake", () => {
    const keys = Object.keys(en).filter((k) => k.startsWith("admin."));
    expect(keys.length).toBeGreaterThan(100);
    for (const key of keys) {
      expect(es[key as keyof typeof es], key).toBeTruthy();
      expect(pt[key as keyof typeof pt], key).toBeTruthy();
    }
    const untranslated = keys.filter((k) => es[k as keyof typeof es] === en[k as keyof typeof en] && pt[k as keyof typeof pt] === en[k as keyof typeof en]);
    // Brand names read the same in every language, and so does "chat" (Spanish and Portuguese use the word).
    expect(untranslated.sort()).toEqual([
      "admin.audit.detail.chatId",
      "admin.audit.detail.chatIds",
      "admin.audit.target.chat",
      "admin.channels.type.instagram",
      "admin.channels.type.whatsapp",
      "admin.channels.type.zenvia",
    ]);
  });
});
