"use client";

import { useEffect } from "react";

/**
 * A form's outcome ("Sent.", or the rule that refused it) arrives in the URL of the redirect after the post.
 * Once shown it leaves the address, so a reload or a copied link does not show it again (after every
 * render: each form's redirect brings a new one).
 */
export function FlashCleaner() {
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has("ok") && !url.searchParams.has("error")) return;
    url.searchParams.delete("ok");
    url.searchParams.delete("error");
    window.history.replaceState(window.history.state, "", url);
  });
  return null;
}
