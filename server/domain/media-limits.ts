import { channelLabel, networksOf } from "./channel-names";
import { badRequest } from "./errors";
import type { ChannelRef } from "./types";

// What each network accepts as attachments. Sizes are in MiB, the unit Meta's limits are stated in.

export type MediaKind = "file" | "image" | "audio" | "video";

export const MB = 1024 * 1024;

interface MediaRule {
  maxBytes: number;
  /** Exact types, or "image/*"-style families, or "*\/*" for anything not executable. */
  accept: readonly string[];
}

export const MEDIA_RULES: Record<
  "whatsapp" | "instagram" | "webchat",
  Partial<Record<MediaKind, MediaRule>>
> = {
  whatsapp: {
    file: { maxBytes: 100 * MB, accept: ["*/*"] },
    image: { maxBytes: 5 * MB, accept: ["image/jpeg", "image/png"] },
    audio: {
      maxBytes: 16 * MB,
      accept: ["audio/aac", "audio/mp4", "audio/mpeg", "audio/amr", "audio/ogg"],
    },
    video: { maxBytes: 16 * MB, accept: ["video/mp4", "video/3gpp"] },
  },
  // Instagram has no documents.
  instagram: {
    image: { maxBytes: 8 * MB, accept: ["image/*"] },
    audio: { maxBytes: 25 * MB, accept: ["audio/*"] },
    video: { maxBytes: 25 * MB, accept: ["video/*"] },
  },
  webchat: {
    file: { maxBytes: 10 * MB, accept: ["*/*"] },
    image: { maxBytes: 10 * MB, accept: ["image/*"] },
    audio: { maxBytes: 10 * MB, accept: ["audio/*"] },
    video: { maxBytes: 10 * MB, accept: ["video/*"] },
  },
};

// Refused on every channel: a file a customer could run is not something an inbox should deliver.
const EXECUTABLE_EXTENSIONS = new Set([
  "exe", "msi", "bat", "cmd", "com", "scr", "pif", "cpl", "dll", "sys", "ps1", "psm1", "vbs", "vbe",
  "js", "jse", "wsf", "wsh", "hta", "jar", "sh", "bash", "csh", "app", "apk", "msc", "lnk", "reg",
  "deb", "rpm", "dmg", "pkg", "run", "elf",
]);
const EXECUTABLE_TYPES = new Set([
  "application/x-msdownload",
  "application/x-msdos-program",
  "application/x-dosexec",
  "application/x-executable",
  "application/x-elf",
  "application/x-sharedlib",
  "application/vnd.microsoft.portable-executable",
  "application/x-msi",
  "application/x-ms-installer",
  "application/x-bat",
  "application/x-sh",
  "application/x-shellscript",
  "text/x-shellscript",
  "text/x-sh",
  "application/java-archive",
  "application/x-java-archive",
  "application/vnd.android.package-archive",
  "application/x-apple-diskimage",
]);

/** A program or script by its name or type: never delivered, in either direction. */
export function isExecutable(fileName: string, mimeType: string): boolean {
  const extension = fileName.includes(".") ? (fileName.split(".").pop() ?? "").toLowerCase() : "";
  return EXECUTABLE_EXTENSIONS.has(extension) || EXECUTABLE_TYPES.has(baseMimeType(mimeType));
}

/** The message kind a file of this type is shown as. */
export function mediaKindOf(mimeType: string): MediaKind {
  const major = baseMimeType(mimeType).split("/")[0];
  return major === "image" || major === "audio" || major === "video" ? major : "file";
}

// English, for the message logs and the CLI show; screens use error.media.* in the reader's language.
const NOUNS: Record<MediaKind, string> = {
  file: "documents",
  image: "images",
  audio: "audio files",
  video: "videos",
};

export interface MediaInput {
  kind: MediaKind;
  fileName: string;
  mimeType: string;
  size: number;
}

// Rounded up, so a file just over a limit never reads as exactly the limit ("5 MB; this one is 5.1 MB").
function formatMb(bytes: number): string {
  const tenths = Math.ceil((bytes / MB) * 10) / 10;
  return `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)} MB`;
}

function accepts(rule: MediaRule, mimeType: string): boolean {
  return rule.accept.some(
    (pattern) =>
      pattern === "*/*" ||
      pattern === mimeType ||
      (pattern.endsWith("/*") && mimeType.startsWith(pattern.slice(0, -1))),
  );
}

/** "audio/ogg; codecs=opus" → "audio/ogg". */
export function baseMimeType(mimeType: string): string {
  return (mimeType.split(";")[0] ?? "").trim().toLowerCase();
}

export function validateMedia(input: MediaInput, channel: ChannelRef): MediaInput {
  // Keep only the last path segment: a name is for display and download, never a path.
  const fileName = (input.fileName.split(/[/\\]/).pop() ?? "").trim();
  if (fileName === "") throw badRequest("The file has no name.", { key: "error.media.noName" });
  if (fileName.length > 255) throw badRequest("The file name is longer than 255 characters.", { key: "error.media.nameLength" });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(fileName)) {
    throw badRequest("The file name contains control characters.", { key: "error.media.nameControl" });
  }
  const mimeType = baseMimeType(input.mimeType);
  if (!/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(mimeType)) {
    throw badRequest(`“${input.mimeType}” isn't a valid file type.`, { key: "error.media.type", params: { type: input.mimeType } });
  }
  if (!Number.isSafeInteger(input.size) || input.size <= 0) {
    throw badRequest("The file is empty.", { key: "error.media.empty" });
  }
  const extension = fileName.includes(".") ? (fileName.split(".").pop() ?? "").toLowerCase() : "";
  if (EXECUTABLE_EXTENSIONS.has(extension) || EXECUTABLE_TYPES.has(mimeType)) {
    throw badRequest(`“${fileName}” is a program or script, and those can't be sent.`, { key: "error.media.executable", params: { file: fileName } });
  }

  for (const network of networksOf(channel)) {
    const label =
      channel.type === "zenvia" && network !== "webchat"
        ? channelLabel({ type: "zenvia", zenviaChannel: network })
        : channelLabel(channel);
    const rule = MEDIA_RULES[network][input.kind];
    if (!rule) throw badRequest(`${label} can't send ${NOUNS[input.kind]}.`, { key: `error.media.unsupported.${input.kind}`, params: { channel: label } });
    if (!accepts(rule, mimeType)) {
      const families = rule.accept.every((a) => a.endsWith("/*"));
      const types = rule.accept.join(", ");
      throw badRequest(
        families
          ? `“${fileName}” (${mimeType}) isn't one of the ${NOUNS[input.kind]} ${label} accepts.`
          : `${label} ${NOUNS[input.kind]} must be ${types}; “${fileName}” is ${mimeType}.`,
        families
          ? { key: "error.media.family", params: { file: fileName, type: mimeType, channel: label } }
          : { key: "error.media.types", params: { channel: label, types, file: fileName, type: mimeType } },
      );
    }
    if (input.size > rule.maxBytes) {
      throw badRequest(
        `${label} ${NOUNS[input.kind]} are limited to ${formatMb(rule.maxBytes)}; “${fileName}” is ${formatMb(input.size)}.`,
        { key: "error.media.size", params: { channel: label, max: formatMb(rule.maxBytes), file: fileName, size: formatMb(input.size) } },
      );
    }
  }
  return { kind: input.kind, fileName, mimeType, size: input.size };
}
