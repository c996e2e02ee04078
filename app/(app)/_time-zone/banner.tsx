"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { sameClock } from "@/server/domain/time-zone";
import { adoptBrowserTimeZoneAction } from "./actions";

// Only the browser knows its zone, so this banner needs JavaScript. It offers the browser's zone when it keeps
// a different clock from the profile's; "Keep" remembers the pair in this browser, so it does not nag.

const KEPT = "charla.timeZoneBanner.kept";

export function TimeZoneBanner(props: { profileZone: string; text: { label: string; message: string; use: string; keep: string } }) {
  const { profileZone, text } = props;
  const router = useRouter();
  const [browserZone, setBrowserZone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  useEffect(() => {
    let zone: string;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      return;
    }
    const differs = Boolean(zone) && !sameClock(zone, profileZone, Date.now());
    setBrowserZone(differs && localStorage.getItem(KEPT) !== `${zone}|${profileZone}` ? zone : null);
  }, [profileZone]);
  if (!browserZone) return null;
  const fill = (s: string) => s.replaceAll("{browser}", browserZone).replaceAll("{profile}", profileZone);
  const adopt = () =>
    startTransition(async () => {
      const form = new FormData();
      form.set("timeZone", browserZone);
      const outcome = await adoptBrowserTimeZoneAction(form);
      if (outcome.error) return setError(outcome.error);
      setBrowserZone(null);
      // Every time on the page was written in the old zone: render it again, layout included.
      router.refresh();
    });
  return (
    <section aria-label={text.label} data-testid="time-zone-banner" className="flex flex-wrap items-center gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
      <p>{fill(text.message)}</p>
      <button type="button" disabled={pending} onClick={adopt} className="rounded-md bg-amber-800 px-3 py-1 font-medium text-white hover:bg-amber-900 disabled:opacity-60">
        {text.use}
      </button>
      <button
        type="button"
        className="rounded-md px-2 py-1 text-amber-900 underline hover:bg-amber-100"
        onClick={() => {
          localStorage.setItem(KEPT, `${browserZone}|${profileZone}`);
          setBrowserZone(null);
        }}
      >
        {fill(text.keep)}
      </button>
      {error && <p role="alert" className="basis-full text-red-800">{error}</p>}
    </section>
  );
}
