"use client";

import { useEffect } from "react";
import type { Section } from "@/server/domain/visibility";
import { useLive } from "./live-inbox";

/** A section's pending counter, patched by live updates. `label` has a {count} placeholder. */
export function LiveCount({ section, label }: { section: Section; label: string }) {
  const count = useLive((s) => s.counts.pending[section] ?? 0);
  return (
    <span
      data-testid={`pending-${section}`}
      aria-label={label.replace("{count}", String(count))}
      className={`min-w-6 rounded-full px-2 text-center text-xs font-semibold ${count > 0 ? "bg-amber-700 text-white" : "bg-slate-200 text-slate-600"}`}
    >
      {count}
    </span>
  );
}

/** The tab title follows the pending total (the server renders the first one, so it holds without JavaScript). */
export function LiveTitle() {
  const total = useLive((s) => s.counts.total);
  useEffect(() => {
    document.title = total > 0 ? `(${total}) Charla` : "Charla";
  }, [total]);
  return null;
}
