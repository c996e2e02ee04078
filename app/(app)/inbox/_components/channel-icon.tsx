const styles: Record<string, { label: string; className: string; glyph: string }> = {
  whatsapp: { label: "WhatsApp", className: "bg-green-600", glyph: "W" },
  instagram: { label: "Instagram", className: "bg-pink-600", glyph: "I" },
  zenvia: { label: "Zenvia", className: "bg-indigo-600", glyph: "Z" },
  webchat: { label: "Web chat", className: "bg-sky-600", glyph: "C" },
};

/** A small coloured badge with the channel's initial; the name is there for screen readers and on hover. */
export function ChannelIcon({ type }: { type: string }) {
  const style = styles[type] ?? { label: type, className: "bg-slate-500", glyph: "?" };
  return (
    <span title={style.label} className={`inline-flex size-5 shrink-0 items-center justify-center rounded text-[10px] font-bold text-white ${style.className}`}>
      <span aria-hidden="true">{style.glyph}</span>
      <span className="sr-only">{style.label}</span>
    </span>
  );
}
