"use client";

import { useMemo, useRef, useState } from "react";

export interface ComposerLabels {
  label: string;
  send: string;
  counter: string;
  overLimit: string;
  quickReplies: string;
  hint: string;
}

const segmenter = typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

/** Characters as people see them, the way the server counts (grapheme clusters). */
function count(text: string): number {
  if (!segmenter) return [...text].length;
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

const fill = (template: string, vars: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (m, k: string) => String(vars[k] ?? m));

/**
 * The text composer. Without JavaScript it is a plain form the server action handles (and the server
 * refuses over-long text); with it, a live counter, a disabled Send over the limit, and "/" quick replies.
 */
export function Composer(props: {
  action: (formData: FormData) => Promise<void>;
  chatId: number;
  returnTo: string;
  limit: number;
  channelName: string;
  quickReplies: { shortcut: string; body: string }[];
  labels: ComposerLabels;
}) {
  const { action, chatId, returnTo, limit, channelName, quickReplies, labels } = props;
  const [text, setText] = useState("");
  const ref = useRef<HTMLTextAreaElement>(null);
  const length = useMemo(() => count(text), [text]);
  const over = length > limit;
  const slash = /(?:^|\s)\/([a-z0-9_-]*)$/i.exec(text);
  const matches = slash ? quickReplies.filter((q) => q.shortcut.startsWith(slash[1]!.toLowerCase())).slice(0, 6) : [];

  const insert = (body: string) => {
    setText((current) => current.replace(/\/([a-z0-9_-]*)$/i, body));
    ref.current?.focus();
  };

  return (
    <form action={action} className="border-t border-slate-200 bg-white p-3" data-testid="composer">
      <input type="hidden" name="chatId" value={chatId} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <label htmlFor="composer-body" className="sr-only">{labels.label}</label>
      {matches.length > 0 && (
        <ul role="listbox" aria-label={labels.quickReplies} className="mb-2 max-h-40 overflow-auto rounded border border-slate-200 text-sm">
          {matches.map((q) => (
            <li key={q.shortcut} role="option" aria-selected="false">
              <button type="button" onClick={() => insert(q.body)} className="block w-full truncate px-3 py-1 text-left hover:bg-slate-100">
                <span className="font-mono text-brand-700">/{q.shortcut}</span> {q.body}
              </button>
            </li>
          ))}
        </ul>
      )}
      <textarea
        id="composer-body"
        ref={ref}
        name="body"
        rows={3}
        required
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !over && text.trim()) e.currentTarget.form?.requestSubmit();
          if (e.key === "Tab" && matches[0]) {
            e.preventDefault();
            insert(matches[0].body);
          }
        }}
        aria-describedby="composer-counter composer-hint"
        aria-invalid={over}
        className="block w-full resize-y rounded-md border border-slate-300 px-3 py-2"
      />
      <div className="mt-2 flex items-center gap-3 text-xs">
        <span id="composer-hint" className="text-slate-500">{labels.hint}</span>
        <span id="composer-counter" data-testid="composer-counter" aria-live="polite" className={`ml-auto ${over ? "font-semibold text-red-700" : "text-slate-500"}`}>
          {over ? fill(labels.overLimit, { count: length, limit, channel: channelName }) : fill(labels.counter, { count: length, limit })}
        </span>
        <button type="submit" disabled={over} className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50">
          {labels.send}
        </button>
      </div>
    </form>
  );
}
