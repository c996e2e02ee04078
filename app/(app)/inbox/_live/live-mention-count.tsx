"use client";

import { useLive } from "./live-inbox";

/** How many chats mention the viewer and wait to be opened, patched by live updates. `label` has a {count} placeholder. */
export function LiveMentionCount({ label }: { label: string }) {
  const count = useLive((s) => s.counts.mentions);
  return (
    <span
      data-testid="mentions-count"
      aria-label={label.replace("{count}", String(count))}
      className={`min-w-6 rounded-full px-2 text-center text-xs font-semibold ${count > 0 ? "bg-sky-700 text-white" : "bg-slate-200 text-slate-600"}`}
    >
      {count}
    </span>
  );
}
