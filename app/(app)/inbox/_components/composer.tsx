"use client";

import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { FORM_ID_FIELD } from "@/server/domain/form-draft";
import { matchQuickReplies } from "@/server/domain/quick-replies";
import { expandQuickReply, type QuickReplyPeople } from "@/server/domain/quick-reply-variables";
import { useComposerPanel, type ComposerPanel } from "./composer-panel";

export interface ComposerLabels {
  label: string;
  send: string;
  counter: string;
  overLimit: string;
  quickReplies: string;
  hint: string;
  attach: string;
  more: string;
  /** "{name} is handling this chat — reply anyway", when the chat is a teammate's. */
  teammate: string;
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

/** The "/word" being typed just before the caret, if any. */
const SLASH = /(?:^|\s)(\/[a-z0-9_-]*)$/i;
const MAX_SUGGESTIONS = 8;

const toolButton =
  "flex cursor-pointer list-none items-center gap-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 [&::-webkit-details-marker]:hidden";
/** Above the whole composer, at its right edge: on a phone it spans the width instead of leaving the screen. */
const popover =
  "absolute bottom-full right-3 z-20 mb-1 max-h-[60dvh] w-[min(28rem,calc(100%-1.5rem))] overflow-y-auto rounded-lg border border-slate-200 bg-white p-3 text-left text-sm shadow-lg";

function PaperclipIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" className="h-4 w-4">
      <path d="M13.5 6.5 7.8 12.2a1.6 1.6 0 0 0 2.3 2.3l6-6a3.2 3.2 0 0 0-4.5-4.5l-6 6a4.8 4.8 0 0 0 6.8 6.8l5-5" />
    </svg>
  );
}

/**
 * The text composer. Without JavaScript it is a plain form the server action handles (the server refuses
 * over-long text and the page comes back with it filled in); with it, a live counter, a disabled Send over
 * the limit, Ctrl/⌘+Enter to send, and "/" quick replies as an ARIA 1.2 combobox: the list of matches is a
 * listbox, arrows move through it (aria-activedescendant), Enter or Tab inserts the chosen one with its
 * variables filled in, Escape closes it. Attach and More open panels beside Send (forms of their own,
 * rendered by the server), which stay as the agent left them across sends.
 */
export function Composer(props: {
  action: (formData: FormData) => Promise<void>;
  chatId: number;
  returnTo: string;
  limit: number;
  channelName: string;
  quickReplies: { shortcut: string; body: string }[];
  people: QuickReplyPeople;
  /** The form's id for a kept form (app/_lib/kept-form.ts), and what it held when it was refused. */
  formId: string;
  initialText?: string;
  /** The panel holding a refused form, open from the start. */
  keptPanel?: ComposerPanel | null;
  /** The teammate the chat is assigned to, when it is not the viewer: replying needs a tick first. */
  handlerName?: string | null;
  labels: ComposerLabels;
  attach: ReactNode;
  more: ReactNode;
}) {
  const { action, chatId, returnTo, limit, channelName, quickReplies, people, formId, labels } = props;
  const [text, setText] = useState(props.initialText ?? "");
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(-1);
  const [dismissed, setDismissed] = useState(false);
  const [panel, setPanel] = useComposerPanel(props.keptPanel);
  const ref = useRef<HTMLTextAreaElement>(null);
  const placeCaret = useRef<number | null>(null);
  const length = useMemo(() => count(text), [text]);
  const over = length > limit;
  const before = text.slice(0, caret ?? text.length);
  const slash = SLASH.exec(before);
  const matches = slash && !dismissed ? matchQuickReplies(quickReplies, slash[1]!.toLowerCase()).slice(0, MAX_SUGGESTIONS) : [];
  const open = matches.length > 0;
  const current = open && active >= 0 && active < matches.length ? active : -1;
  const formDomId = `composer-form-${chatId}`;
  const optionId = (i: number) => `composer-suggestion-${i}`;

  useLayoutEffect(() => {
    if (placeCaret.current === null || !ref.current) return;
    ref.current.setSelectionRange(placeCaret.current, placeCaret.current);
    placeCaret.current = null;
  });

  const edit = (value: string, at: number | null) => {
    setText(value);
    setCaret(at);
    setActive(-1);
    setDismissed(false);
  };

  const insert = (body: string) => {
    if (!slash) return;
    const head = before.slice(0, before.length - slash[1]!.length) + expandQuickReply(body, people);
    placeCaret.current = head.length;
    edit(head + text.slice(before.length), head.length);
    ref.current?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter that ends an input method's composition (accents, CJK) is not ours.
    if (e.nativeEvent.isComposing) return;
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (!over && text.trim()) e.currentTarget.form?.requestSubmit();
      return;
    }
    if (!open) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive(current === -1 ? (step === 1 ? 0 : matches.length - 1) : (current + step + matches.length) % matches.length);
    } else if ((e.key === "Enter" && current >= 0) || (e.key === "Tab" && !e.shiftKey)) {
      e.preventDefault();
      insert(matches[Math.max(current, 0)]!.body);
    } else if (e.key === "Escape") {
      e.preventDefault();
      setDismissed(true);
    }
  };

  const togglePanel = (which: ComposerPanel) => (e: React.SyntheticEvent<HTMLDetailsElement>) => {
    if (e.currentTarget.open) setPanel(which);
    // Opening the other panel closes this one (they share a name): that toggle must not undo the choice.
    else if (panel === which) setPanel(null);
  };
  const closeOnEscape = (e: React.KeyboardEvent<HTMLDetailsElement>) => {
    if (e.key !== "Escape") return;
    setPanel(null);
    e.currentTarget.querySelector("summary")?.focus();
  };

  return (
    <div className="relative border-t border-slate-200 bg-white p-3" data-testid="composer">
      <form id={formDomId} action={action}>
        <input type="hidden" name="chatId" value={chatId} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <input type="hidden" name={FORM_ID_FIELD} value={formId} />
        {props.handlerName && (
          // A required box: the browser holds the send until it is ticked, with or without JavaScript.
          <label className="mb-2 flex items-center gap-2 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900" data-testid="teammate-confirm">
            <input type="checkbox" name="takeover" required />
            {fill(labels.teammate, { name: props.handlerName })}
          </label>
        )}
        <label htmlFor="composer-body" className="sr-only">{labels.label}</label>
        {open && (
          <ul id="composer-suggestions" role="listbox" aria-label={labels.quickReplies} className="mb-2 rounded border border-slate-200 text-sm" data-testid="quick-reply-suggestions">
            {matches.map((q, i) => (
              <li
                key={q.shortcut}
                id={optionId(i)}
                role="option"
                aria-selected={i === current}
                // The textarea keeps the focus (and the caret) while a suggestion is clicked.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => insert(q.body)}
                className={`block cursor-pointer truncate px-3 py-1 ${i === current ? "bg-brand-100 text-slate-900" : "hover:bg-slate-100"}`}
              >
                <span className="font-mono text-brand-700">/{q.shortcut}</span> {expandQuickReply(q.body, people)}
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
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={open ? "composer-suggestions" : undefined}
          aria-activedescendant={current >= 0 ? optionId(current) : undefined}
          onChange={(e) => edit(e.target.value, e.target.selectionStart)}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          aria-describedby="composer-counter composer-hint"
          aria-invalid={over}
          className="block w-full resize-y rounded-md border border-slate-300 px-3 py-2"
        />
      </form>
      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2 text-xs">
        <span id="composer-hint" className="min-w-[16rem] flex-1 text-slate-600">{labels.hint}</span>
        <span id="composer-counter" data-testid="composer-counter" aria-live="polite" className={over ? "font-semibold text-red-700" : "text-slate-600"}>
          {over ? fill(labels.overLimit, { count: length, limit, channel: channelName }) : fill(labels.counter, { count: length, limit })}
        </span>
        <div className="ml-auto flex items-center gap-2">
          {/* Native disclosures sharing one name: without JavaScript they open and close all the same. */}
          <details name="composer-panel" open={panel === "attach"} onToggle={togglePanel("attach")} onKeyDown={closeOnEscape} data-testid="composer-attach">
            <summary className={toolButton}>
              <PaperclipIcon /> {labels.attach}
            </summary>
            <div className={popover}>{props.attach}</div>
          </details>
          <details name="composer-panel" open={panel === "more"} onToggle={togglePanel("more")} onKeyDown={closeOnEscape} data-testid="composer-more">
            <summary className={toolButton}>
              {labels.more} <span aria-hidden="true">▾</span>
            </summary>
            <div className={popover}>{props.more}</div>
          </details>
          <button type="submit" form={formDomId} disabled={over} className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50">
            {labels.send}
          </button>
        </div>
      </div>
    </div>
  );
}
