// The inbox row's one-line preview of a chat's last message. It is stored language-neutral (an icon for
// the kind, then the caption, file name or place name) and put into words for each reader when shown, so
// a media-only row reads "🎤 Audio" rather than a lone emoji.

export const PREVIEW_ICONS = {
  audio: "🎤",
  image: "🖼",
  video: "🎬",
  file: "📎",
  location: "📍",
  payment_link: "💳",
  call: "📞",
  template: "📝",
  contacts: "👤",
  unsupported: "❔",
} as const;

export type PreviewKind = keyof typeof PREVIEW_ICONS;

export function previewLine(kind: string, detail: string): string {
  const icon = kind === "text" ? "" : (PREVIEW_ICONS as Record<string, string>)[kind] ?? "";
  return `${icon} ${detail}`.replace(/\s+/g, " ").trim().slice(0, 160);
}

/** A stored preview split back into its kind (null for plain text) and its detail. */
export function previewParts(preview: string): { kind: PreviewKind | null; detail: string } {
  for (const [kind, icon] of Object.entries(PREVIEW_ICONS) as [PreviewKind, string][]) {
    if (preview === icon || preview.startsWith(`${icon} `)) return { kind, detail: preview.slice(icon.length).trim() };
  }
  return { kind: null, detail: preview };
}
