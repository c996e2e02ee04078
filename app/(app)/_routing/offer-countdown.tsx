"use client";

import { useEffect, useState } from "react";
import { offerTimeLeft, TIME_LEFT_MARK } from "@/server/domain/routing";

/**
 * An offer's time left (issue 13), counting down on the browser's clock from the offer's deadline: no
 * request per second. `initial` is what the server rendered (so hydration matches and it reads the same
 * without JavaScript); `text` holds TIME_LEFT_MARK where the time goes. Live updates replace the row or
 * re-render the pane when the offer is accepted, let pass or expires.
 */
export function OfferCountdown({ text, until, initial }: { text: string; until: number; initial: string }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  if (now === null) return <>{initial}</>;
  return <>{text.replace(TIME_LEFT_MARK, offerTimeLeft(until, now))}</>;
}
