"use client";

import { useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";

export interface ShortcutLabels {
  title: string;
  open: string;
  dismiss: string;
  rows: [string, string][];
}

/** j/k move between chats, c/s/a jump to Close/Schedule/Assign, r to the composer, / to search, ? for help. */
export function Shortcuts({ labels }: { labels: ShortcutLabels }) {
  const dialog = useRef<HTMLDialogElement>(null);
  // The help only exists once asked for: it is on every inbox page, and nobody reads it on most.
  const [asked, setAsked] = useState(false);
  const showHelp = () => {
    flushSync(() => setAsked(true));
    dialog.current?.showModal();
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable) return;
      const focus = (selector: string) => {
        // The chat's actions live in a collapsed <details>; open it so the field can take focus.
        const el = document.querySelector<HTMLElement>(selector);
        const details = el?.closest("details");
        if (details) details.open = true;
        if (el) {
          e.preventDefault();
          el.focus();
        }
      };
      const move = (step: number) => {
        const links = [...document.querySelectorAll<HTMLAnchorElement>("[data-chat-link]")];
        if (!links.length) return;
        const current = links.findIndex((l) => l.getAttribute("aria-current") === "true");
        const next = links[Math.min(links.length - 1, Math.max(0, current + step))];
        e.preventDefault();
        next?.click();
      };
      switch (e.key) {
        case "j":
          return move(1);
        case "k":
          return move(-1);
        case "c":
          return focus("#close-reason");
        case "s":
          return focus("#schedule-at");
        case "a":
          return focus("#assign-user");
        case "r":
          return focus("#composer-body");
        case "/":
          return focus("#inbox-search");
        case "?":
          e.preventDefault();
          showHelp();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <button type="button" onClick={showHelp} className="px-3 py-2 text-left text-xs text-slate-600 underline">
        {labels.open} (?)
      </button>
      <dialog ref={dialog} aria-labelledby="shortcuts-title" className="rounded-lg p-6 shadow-xl backdrop:bg-black/30">
        <h2 id="shortcuts-title" className="mb-3 text-lg font-semibold">{labels.title}</h2>
        {asked && (
          <>
            <table className="text-sm">
              <tbody>
                {labels.rows.map(([key, what]) => (
                  <tr key={key}>
                    <th scope="row" className="pr-4 text-left font-mono">{key}</th>
                    <td>{what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <form method="dialog" className="mt-4 text-right">
              <button className="rounded-md bg-slate-800 px-3 py-1 text-sm text-white">{labels.dismiss}</button>
            </form>
          </>
        )}
      </dialog>
    </>
  );
}
