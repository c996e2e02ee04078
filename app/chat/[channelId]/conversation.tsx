"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import type { VisitorMessage } from "@/server/services/webchat";
import { sendChatAction } from "./actions";

// The conversation and the message form. Rendered on the server too, so without JavaScript it is a
// plain list and a form posting to a server action; with JavaScript it polls the web chat API and
// sends through it without reloading.

interface Labels {
  you: string;
  team: string;
  empty: string;
  message: string;
  send: string;
  rate: string;
  generic: string;
}

interface Props {
  channelId: number;
  initial: VisitorMessage[];
  clientMessageId: string;
  pollMs: number;
  labels: Labels;
}

const newId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

export function Conversation({ channelId, initial, clientMessageId, pollMs, labels }: Props) {
  const [messages, setMessages] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState("");
  const last = useRef(initial.at(-1)?.id ?? 0);
  const end = useRef<HTMLLIElement>(null);
  const api = `/api/webchat/${channelId}/messages`;

  async function poll(): Promise<void> {
    const visible = document.visibilityState === "visible" ? "&read=1" : "";
    const res = await fetch(`${api}?after=${last.current}${visible}`, { cache: "no-store" });
    if (!res.ok) return;
    const data = (await res.json()) as { messages: VisitorMessage[] };
    if (!data.messages.length) return;
    last.current = data.messages.at(-1)!.id;
    setMessages((current) => [...current, ...data.messages.filter((m) => !current.some((c) => c.id === m.id))]);
  }

  useEffect(() => {
    const timer = setInterval(() => void poll().catch(() => undefined), pollMs);
    // poll reads refs only, so the timer need not restart when it is re-created on render.
    return () => clearInterval(timer);
  }, [pollMs]);

  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [messages.length]);

  async function send(body: { text: string; choiceId?: string }): Promise<boolean> {
    setError(null);
    const res = await fetch(api, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ...body, clientMessageId: newId() }) }).catch(() => null);
    if (!res?.ok) {
      setError(res?.status === 429 ? labels.rate : labels.generic);
      return false;
    }
    await poll().catch(() => undefined);
    return true;
  }

  async function submit(e: FormEvent<HTMLFormElement>): Promise<void> {
    e.preventDefault();
    if (!text.trim()) return;
    if (await send({ text })) setText("");
  }

  // The latest message's choices (a bot menu, a survey) as buttons; each is its own small form, so it
  // works without JavaScript too.
  const latest = messages.at(-1);
  const offered = latest?.from === "agent" ? latest.choices : null;

  return (
    <>
      <ol className="flex-1 space-y-2 overflow-y-auto p-3" aria-live="polite">
        {messages.length === 0 && <li className="text-center text-sm text-slate-500">{labels.empty}</li>}
        {messages.map((m) => (
          <li key={m.id} className={m.from === "visitor" ? "ml-8 rounded-lg bg-blue-600 p-2 text-white" : "mr-8 rounded-lg bg-white p-2 ring-1 ring-slate-200"}>
            <span className="sr-only">{m.from === "visitor" ? labels.you : labels.team}: </span>
            {m.body && <p className="whitespace-pre-wrap break-words">{m.body}</p>}
            {m.link && (
              <a href={m.link.url} target="_blank" rel="noopener noreferrer" className="underline">
                {m.link.label}
              </a>
            )}
          </li>
        ))}
        <li ref={end} aria-hidden="true" />
      </ol>
      {offered && (
        <div className="flex flex-wrap gap-2 border-t border-slate-200 p-2" data-testid="chat-choices">
          {offered.map((c, i) => (
            <form
              key={c.id}
              action={sendChatAction}
              onSubmit={(e) => {
                e.preventDefault();
                void send({ text: c.title, choiceId: c.id });
              }}
            >
              <input type="hidden" name="channelId" value={channelId} />
              <input type="hidden" name="clientMessageId" value={`${clientMessageId.slice(0, 56)}-c${i}`} />
              <input type="hidden" name="text" value={c.title} />
              <input type="hidden" name="choiceId" value={c.id} />
              <button type="submit" className="rounded-full border border-blue-600 px-3 py-1 text-sm font-medium text-blue-700 hover:bg-blue-50">
                {c.title}
              </button>
            </form>
          ))}
        </div>
      )}
      {error && (
        <p role="alert" data-testid="chat-error" className="bg-red-50 p-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <form action={sendChatAction} onSubmit={submit} className="flex gap-2 border-t border-slate-200 p-2">
        <input type="hidden" name="channelId" value={channelId} />
        <input type="hidden" name="clientMessageId" value={clientMessageId} />
        <label className="sr-only" htmlFor="chat-text">
          {labels.message}
        </label>
        <textarea id="chat-text" name="text" required rows={2} maxLength={4096} value={text} onChange={(e) => setText(e.target.value)} className="flex-1 rounded-md border border-slate-300 p-2" />
        <button type="submit" className="rounded-md bg-blue-600 px-3 py-2 font-medium text-white">
          {labels.send}
        </button>
      </form>
    </>
  );
}
