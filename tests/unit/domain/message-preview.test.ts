import { describe, expect, it } from "vitest";
import { previewLine, previewParts } from "@/server/domain/message-preview";
import { translator } from "@/server/i18n/locale";
import type { InboxRow } from "@/server/repositories/inbox";
import { chatRowItem } from "@/server/services/inbox-items";

const row = (preview: string | null): InboxRow => ({
  id: 1, status: "open", contactId: 1, contactName: "Ana", channelId: 1, channelType: "whatsapp", assigneeId: null, assigneeName: null,
  sortAt: 0, awaitingReply: false, waitingSince: null, remindAt: null, remindNote: null, reminderDue: false, closedAt: null,
  closeReason: null, closeReasonKey: null, lastMessageAt: null, lastMessagePreview: preview, lastActivityAt: 0, unreadCount: 0, mentioned: false, withBot: false,
  teamId: null, teamName: null, offeredToId: null, offeredToName: null, offerExpiresAt: null,
});

describe("message previews", () => {
  it("store an icon for media and plain text for text, and split back", () => {
    expect(previewLine("audio", "")).toBe("🎤");
    expect(previewLine("image", "Esse  aqui")).toBe("🖼 Esse aqui");
    expect(previewLine("text", "🎤 not audio")).toBe("🎤 not audio");
    expect(previewParts("🖼 Esse aqui")).toEqual({ kind: "image", detail: "Esse aqui" });
    expect(previewParts("Hola")).toEqual({ kind: null, detail: "Hola" });
  });

  it("put media-only rows into the reader's words", () => {
    const es = translator("es");
    expect(chatRowItem(row("🎤"), 0, "es", "UTC", es).preview).toBe("🎤 Audio");
    expect(chatRowItem(row("💳"), 0, "es", "UTC", es).preview).toBe("💳 Enlace de pago");
    expect(chatRowItem(row("🖼 Esse aqui"), 0, "pt", "UTC", translator("pt")).preview).toBe("🖼 Imagem: Esse aqui");
    expect(chatRowItem(row("Hola"), 0, "es", "UTC", es).preview).toBe("Hola");
  });
});

describe("row wait and money formatting", () => {
  it("says 'ahora' rather than 0 min for a contact who just wrote", () => {
    const waiting = { ...row("Hola"), awaitingReply: true, waitingSince: 1_000_000 };
    expect(chatRowItem(waiting, 1_000_000 + 30_000, "es", "UTC", translator("es")).meta).toBe("Sin asignar · esperando desde ahora");
    expect(chatRowItem(waiting, 1_000_000 + 5 * 60_000, "es", "UTC", translator("es")).meta).toMatch(/esperando 5\s?min/);
  });
});
