"use client";

import { useEffect, useState } from "react";
import { formatDuration } from "@/server/i18n/format";
import type { Locale } from "@/server/i18n/locale";
import { useLive } from "../inbox/_live/live-inbox";
import { COUNT_MARK, TIME_MARK } from "./live-marks";

/**
 * A queue's waiting count and how long its oldest chat has waited (issue 13), from the counters live updates
 * carry (server/services/live-delta.ts): they change without navigating. The wait grows on the browser's
 * clock between updates; until hydrated it reads as the server rendered it (`serverNow`).
 */
export function LiveQueue({ teamId, row, state, oldest, locale, serverNow }: { teamId: number; row: string; state: string; oldest: string; locale: Locale; serverNow: number }) {
  const queue = useLive((s) => s.counts.queues.find((q) => q.teamId === teamId));
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const waiting = queue?.waiting ?? 0;
  const since = queue?.oldestQueuedAt ?? null;
  return (
    <>
      <span data-testid={`queue-count-${teamId}`} data-waiting={waiting}>{row.replace(COUNT_MARK, new Intl.NumberFormat(locale).format(waiting))}</span>
      <span className="block text-xs text-slate-600">
        {state}
        {since !== null && ` · ${oldest.replace(TIME_MARK, formatDuration(Math.max(0, now - since), locale))}`}
      </span>
    </>
  );
}
