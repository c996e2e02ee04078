"use client";

import { useCallback, useSyncExternalStore } from "react";

// Which of the composer's panels (Attach, More) is open. A send re-renders the page and mounts a new
// composer; the panel stays as the agent left it, for this tab, because the choice lives in sessionStorage.

export type ComposerPanel = "attach" | "more";

const KEY = "charla.composer.panel";
const listeners = new Set<() => void>();
/** The same choice in memory, for a browser that refuses storage: the panel then works, unremembered. */
let memory: ComposerPanel | null = null;

function read(): ComposerPanel | null {
  try {
    const value = sessionStorage.getItem(KEY);
    return value === "attach" || value === "more" ? value : null;
  } catch {
    return memory;
  }
}

function write(panel: ComposerPanel | null): void {
  memory = panel;
  try {
    if (panel) sessionStorage.setItem(KEY, panel);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Refused: read() falls back to memory.
  }
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The open panel, and a setter. The server renders `initial` open (a refused form's panel), or none. */
export function useComposerPanel(initial: ComposerPanel | null = null): [ComposerPanel | null, (panel: ComposerPanel | null) => void] {
  const panel = useSyncExternalStore(subscribe, read, () => initial);
  return [panel, useCallback(write, [])];
}
