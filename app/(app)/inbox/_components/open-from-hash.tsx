"use client";

import { useSearchParams } from "next/navigation";
import { useEffect } from "react";

/**
 * A link to "#close-reason" (the row's ⋯ menu) opens the collapsed actions panel holding that field and
 * focuses it. A full page load does this natively; a client-side navigation (SoftLinks) does not.
 */
export function OpenFromHash() {
  const params = useSearchParams();
  useEffect(() => {
    const open = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      const target = id ? document.getElementById(id) : null;
      if (!target) return;
      const details = target.closest("details");
      if (details && !details.open) details.open = true;
      target.focus();
    };
    open();
    window.addEventListener("hashchange", open);
    return () => window.removeEventListener("hashchange", open);
  }, [params]);
  return null;
}
