"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * The inbox's links are plain <a> elements: as next/link (a client component each, two per chat row) they
 * made every page's payload much bigger. This one listener gives them what next/link did — moving within
 * the inbox without a full reload; without JavaScript they are ordinary links.
 */
export function SoftLinks() {
  const router = useRouter();
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = e.target instanceof Element ? e.target.closest("a") : null;
      const href = link?.getAttribute("href");
      if (!link || !href?.startsWith("/inbox") || (link.target && link.target !== "_self") || link.hasAttribute("download")) return;
      e.preventDefault();
      router.push(href);
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [router]);
  return null;
}
