"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { Suspense, useEffect } from "react";
import { OUTCOME_KEYS } from "@/app/_lib/flash-outcome";

/**
 * A form's outcome ("Sent.", or the rule that refused it) arrives in the URL of the redirect after a post made
 * with JavaScript. Once shown it leaves the address, so a reload or a copied link does not show it again. The
 * layout stays mounted across navigations, so this runs again whenever the address changes (each form's
 * redirect brings a new outcome).
 */
function RemoveOutcome() {
  const pathname = usePathname();
  const params = useSearchParams();
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!OUTCOME_KEYS.some((key) => url.searchParams.has(key))) return;
    for (const key of OUTCOME_KEYS) url.searchParams.delete(key);
    window.history.replaceState(window.history.state, "", url);
  }, [pathname, params]);
  return null;
}

/** For the app's layout. useSearchParams needs a Suspense boundary, or it would hold the whole page back. */
export function FlashCleaner() {
  return (
    <Suspense fallback={null}>
      <RemoveOutcome />
    </Suspense>
  );
}
