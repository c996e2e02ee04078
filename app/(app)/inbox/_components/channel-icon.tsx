const styles: Record<string, { label: string; className: string; glyph: string }> = {
  whatsapp: { label: "WhatsApp", className: "ch-icon bg-green-600", glyph: "W" },
  instagram: { label: "Instagram", className: "ch-icon bg-pink-600", glyph: "I" },
  zenvia: { label: "Zenvia", className: "ch-icon bg-indigo-600", glyph: "Z" },
  webchat: { label: "Web chat", className: "ch-icon bg-sky-600", glyph: "C" },
};

/**
 * A small coloured badge with the channel's initial; screen readers hear the channel's name (an image
 * with a label), and it shows on hover. One element: every chat row has one.
 */
export function ChannelIcon({ type }: { type: string }) {
  const style = styles[type] ?? { label: type, className: "ch-icon bg-slate-500", glyph: "?" };
  return (
    <span role="img" aria-label={style.label} title={style.label} className={style.className}>
      {style.glyph}
    </span>
  );
}
