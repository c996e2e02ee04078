"use client";

import { useEffect, useRef } from "react";

// The login form reports the browser's time zone, which a new account adopts at its first sign-in. The inline
// script fills the field while the page is parsed, before anyone can press Sign in (a freshly loaded page may
// not be hydrated yet); the effect covers a login page React renders itself, whose scripts never run.
// Without JavaScript the field stays empty and the account keeps UTC until the profile says otherwise.

const FILL = "try{document.currentScript.previousElementSibling.value=Intl.DateTimeFormat().resolvedOptions().timeZone}catch(e){}";

export function BrowserTimeZoneField() {
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    try {
      if (field.current) field.current.value = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      // An engine without time zone support: the server keeps UTC.
    }
  }, []);
  return (
    <>
      <input ref={field} type="hidden" name="timeZone" data-testid="browser-time-zone" />
      <script dangerouslySetInnerHTML={{ __html: FILL }} />
    </>
  );
}
