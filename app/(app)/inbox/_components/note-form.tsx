"use client";

import { useId, useMemo, useRef, useState } from "react";
import { KeepForm } from "@/app/_lib/keep-form";

export interface NoteFormLabels {
  title: string;
  label: string;
  hint: string;
  submit: string;
  suggestions: string;
}

const MAX_SUGGESTIONS = 6;

/** The "@name" being typed just before the caret, if any: where it starts and what follows the "@". */
function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at === -1 || (at > 0 && /[\p{L}\p{N}_]/u.test(before[at - 1]!))) return null;
  const query = before.slice(at + 1);
  // A name has at most a few words; a line break or a long run ends the mention.
  if (/\n/.test(query) || query.length > 40 || query.split(" ").length > 4) return null;
  return { start: at, query };
}

/**
 * A private note for the team, under the composer. Without JavaScript it is a plain form (the server finds
 * the "@Name" mentions in the text); with it, typing "@" offers the teammates (arrow keys, Enter or a click
 * inserts the full name).
 */
export function NoteForm(props: {
  action: (formData: FormData) => Promise<void>;
  chatId: number;
  returnTo: string;
  /** The form's KeepForm id, and what it held when the server refused it (then the panel opens with it). */
  kept: { id: string; body: string | undefined };
  team: { id: number; name: string }[];
  labels: NoteFormLabels;
}) {
  const { action, chatId, returnTo, kept, team, labels } = props;
  const [text, setText] = useState(kept.body ?? "");
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const listId = useId();

  const mention = dismissed ? null : mentionAt(text, caret);
  const options = useMemo(() => {
    if (!mention) return [];
    const q = mention.query.toLocaleLowerCase();
    // "@lu" and "@pé" both offer Luis Pérez: any of the name's words may start what is typed.
    return team.filter((u) => u.name.toLocaleLowerCase().split(/\s+/).some((_, i, words) => words.slice(i).join(" ").startsWith(q))).slice(0, MAX_SUGGESTIONS);
  }, [mention, team]);
  const open = options.length > 0;

  const choose = (name: string) => {
    if (!mention) return;
    const next = `${text.slice(0, mention.start)}@${name} ${text.slice(caret)}`;
    const position = mention.start + name.length + 2;
    setText(next);
    setCaret(position);
    setActive(0);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(position, position);
    });
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => (i + (e.key === "ArrowDown" ? 1 : options.length - 1)) % options.length);
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      choose(options[Math.min(active, options.length - 1)]!.name);
    } else if (e.key === "Escape") {
      e.preventDefault();
      setDismissed(true);
    }
  };

  return (
    <details open={kept.body !== undefined || undefined} className="border-t border-amber-200 bg-amber-50 px-3 py-2" data-testid="note-panel">
      <summary className="cursor-pointer text-sm font-medium text-amber-900">🔒 {labels.title}</summary>
      <form action={action} className="relative mt-2 space-y-2" data-testid="note-form">
        <KeepForm id={kept.id} />
        <input type="hidden" name="chatId" value={chatId} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <label htmlFor="note-body" className="block text-sm text-amber-950">{labels.label}</label>
        <textarea
          ref={area}
          id="note-body"
          name="body"
          rows={2}
          required
          value={text}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open ? `${listId}-${Math.min(active, options.length - 1)}` : undefined}
          aria-describedby="note-hint"
          onChange={(e) => {
            setText(e.target.value);
            setCaret(e.target.selectionStart);
            setDismissed(false);
            setActive(0);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          className="block w-full rounded-md border border-amber-300 bg-white px-2 py-1.5 text-sm"
        />
        <ul id={listId} role="listbox" aria-label={labels.suggestions} hidden={!open} className="absolute z-10 max-h-48 w-64 overflow-y-auto rounded-md border border-slate-200 bg-white text-sm shadow" data-testid="mention-suggestions">
          {options.map((u, i) => (
            <li
              key={u.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(u.name);
              }}
              className={`cursor-pointer px-3 py-1.5 ${i === active ? "bg-brand-50 text-brand-700" : ""}`}
            >
              {u.name}
            </li>
          ))}
        </ul>
        <p id="note-hint" className="text-xs text-amber-900">{labels.hint}</p>
        <button type="submit" className="rounded-md bg-amber-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-amber-900">{labels.submit}</button>
      </form>
    </details>
  );
}
