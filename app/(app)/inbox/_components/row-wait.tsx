"use client";

import { useEffect, useState } from "react";
import { DURATION_MARK, formatDuration } from "@/server/i18n/format";
import type { ChatRowItem } from "@/server/services/inbox-items";

/** How often a row's wait is written again: it is shown in whole minutes. */
const TICK_MS = 30_000;

/**
 * "waiting 12 min", growing on the browser's clock between live updates: an untouched row's wait would
 * otherwise stay as the server rendered it (`initial`, also what shows until hydration and without
 * JavaScript).
 */
export function RowWait({ aging, initial }: { aging: NonNullable<ChatRowItem["aging"]>; initial: string }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [aging.since]);
  if (now === null) return <>{initial}</>;
  const waited = now - aging.since;
  return <>{waited < 60_000 ? aging.fresh : aging.text.replace(DURATION_MARK, formatDuration(waited, aging.locale))}</>;
}
