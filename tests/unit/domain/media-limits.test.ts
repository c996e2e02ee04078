import { describe, expect, it } from "vitest";
import { MB, baseMimeType, validateMedia, type MediaInput } from "@/server/domain/media-limits";
import type { ChannelRef } from "@/server/domain/types";
import { expectDomainError } from "./fixtures";

const whatsapp: ChannelRef = { type: "whatsapp" };
const instagram: ChannelRef = { type: "instagram" };
const webchat: ChannelRef = { type: "webchat" };

const file = (kind: MediaInput["kind"], mimeType: string, size: number, fileName = "f.bin"): MediaInput => ({
  kind,
  mimeType,
  size,
  fileName,
});

describe("WhatsApp media", () => {
  it.each<[MediaInput["kind"], string, number]>([
    ["file", "application/pdf", 100 * MB],
    ["image", "image/jpeg", 5 * MB],
    ["image", "image/png", 5 * MB],
    ["audio", "audio/ogg; codecs=opus", 16 * MB],
    ["audio", "audio/aac", 1],
    ["audio", "audio/mp4", 1],
    ["audio", "audio/mpeg", 1],
    ["audio", "audio/amr", 1],
    ["video", "video/mp4", 16 * MB],
    ["video", "video/3gpp", 1],
  ])("accepts %s %s at %i bytes", (kind, mimeType, size) => {
    expect(validateMedia(file(kind, mimeType, size), whatsapp).mimeType).toBe(baseMimeType(mimeType));
  });

  it("refuses one byte over each limit", () => {
    expectDomainError(
      () => validateMedia(file("image", "image/jpeg", 5 * MB + 1, "p.jpg"), whatsapp),
      "BAD_REQUEST",
      "WhatsApp images are limited to 5 MB; “p.jpg” is 5.1 MB.",
    );
    expectDomainError(() => validateMedia(file("file", "application/pdf", 100 * MB + 1), whatsapp), "BAD_REQUEST", /100 MB/);
    expectDomainError(() => validateMedia(file("audio", "audio/mpeg", 16 * MB + 1), whatsapp), "BAD_REQUEST", /16 MB/);
    expectDomainError(() => validateMedia(file("video", "video/mp4", 16 * MB + 1), whatsapp), "BAD_REQUEST", /16 MB/);
  });

  it("refuses types WhatsApp doesn't take", () => {
    expectDomainError(
      () => validateMedia(file("image", "image/gif", 10, "a.gif"), whatsapp),
      "BAD_REQUEST",
      "WhatsApp images must be image/jpeg, image/png; “a.gif” is image/gif.",
    );
    expectDomainError(() => validateMedia(file("video", "video/quicktime", 10), whatsapp), "BAD_REQUEST");
    expectDomainError(() => validateMedia(file("audio", "audio/wav", 10), whatsapp), "BAD_REQUEST");
  });
});

describe("Instagram media", () => {
  it("accepts images up to 8 MB and audio/video up to 25 MB", () => {
    expect(() => validateMedia(file("image", "image/gif", 8 * MB), instagram)).not.toThrow();
    expect(() => validateMedia(file("audio", "audio/wav", 25 * MB), instagram)).not.toThrow();
    expect(() => validateMedia(file("video", "video/quicktime", 25 * MB), instagram)).not.toThrow();
    expectDomainError(() => validateMedia(file("image", "image/png", 8 * MB + 1), instagram), "BAD_REQUEST", /Instagram images are limited to 8 MB/);
    expectDomainError(() => validateMedia(file("video", "video/mp4", 25 * MB + 1), instagram), "BAD_REQUEST", /25 MB/);
  });

  it("has no documents and checks the type family", () => {
    expectDomainError(() => validateMedia(file("file", "application/pdf", 10), instagram), "BAD_REQUEST", "Instagram can't send documents.");
    expectDomainError(() => validateMedia(file("image", "video/mp4", 10, "v.mp4"), instagram), "BAD_REQUEST", /isn't one of the images Instagram accepts/);
  });
});

describe("Zenvia media", () => {
  it("follows the sub-channel", () => {
    expect(() => validateMedia(file("image", "image/gif", 7 * MB), { type: "zenvia", zenviaChannel: "instagram" })).not.toThrow();
    expectDomainError(
      () => validateMedia(file("image", "image/gif", 10), { type: "zenvia", zenviaChannel: "whatsapp" }),
      "BAD_REQUEST",
      /^Zenvia \(WhatsApp\) images must be/,
    );
  });

  it("must satisfy both networks when the sub-channel is unknown", () => {
    expectDomainError(() => validateMedia(file("image", "image/png", 6 * MB), { type: "zenvia" }), "BAD_REQUEST", /5 MB/);
    expectDomainError(() => validateMedia(file("file", "application/pdf", 10), { type: "zenvia" }), "BAD_REQUEST", /Instagram\) can't send documents/);
    expect(() => validateMedia(file("image", "image/png", 5 * MB), { type: "zenvia" })).not.toThrow();
  });
});

describe("web chat media", () => {
  it("accepts any non-executable type up to 10 MB", () => {
    expect(() => validateMedia(file("file", "application/zip", 10 * MB, "a.zip"), webchat)).not.toThrow();
    expectDomainError(() => validateMedia(file("file", "application/zip", 10 * MB + 1), webchat), "BAD_REQUEST", /Web chat documents are limited to 10 MB/);
  });

  it.each([
    ["setup.exe", "application/octet-stream"],
    ["SCRIPT.PS1", "text/plain"],
    ["run.sh", "text/plain"],
    ["app.apk", "application/octet-stream"],
    ["innocent.pdf", "application/x-msdownload"],
    ["a", "application/x-sh"],
  ])("refuses the executable %s (%s)", (fileName, mimeType) => {
    expectDomainError(() => validateMedia(file("file", mimeType, 10, fileName), webchat), "BAD_REQUEST", /program or script/);
  });

  it("refuses executables on every channel", () => {
    expectDomainError(() => validateMedia(file("file", "application/octet-stream", 10, "x.exe"), whatsapp), "BAD_REQUEST", /program/);
  });
});

describe("file checks", () => {
  it("keeps only the last path segment of the name", () => {
    expect(validateMedia(file("file", "application/pdf", 1, "../../etc/report.pdf"), webchat).fileName).toBe("report.pdf");
    expect(validateMedia(file("file", "application/pdf", 1, "C:\\Users\\a\\cv.pdf"), webchat).fileName).toBe("cv.pdf");
  });

  it("refuses empty names and sizes, bad types and control characters", () => {
    expectDomainError(() => validateMedia(file("file", "application/pdf", 1, "  "), webchat), "BAD_REQUEST", /no name/);
    expectDomainError(() => validateMedia(file("file", "application/pdf", 0, "a.pdf"), webchat), "BAD_REQUEST", /empty/);
    expectDomainError(() => validateMedia(file("file", "application/pdf", 1.5, "a.pdf"), webchat), "BAD_REQUEST", /empty/);
    expectDomainError(() => validateMedia(file("file", "pdf", 1, "a.pdf"), webchat), "BAD_REQUEST", /valid file type/);
    expectDomainError(() => validateMedia(file("file", "application/pdf", 1, "a\u0000.pdf"), webchat), "BAD_REQUEST", /control/);
    expectDomainError(() => validateMedia(file("file", "application/pdf", 1, `${"a".repeat(252)}.pdf`), webchat), "BAD_REQUEST", /255/);
  });

  it("normalizes the MIME type", () => {
    expect(baseMimeType(" Audio/OGG; codecs=opus")).toBe("audio/ogg");
  });
});
