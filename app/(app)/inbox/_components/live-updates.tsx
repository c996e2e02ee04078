"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/**
 * Polls /api/poll with the last version it saw; a 304 costs nothing. When something changed, the server
 * components re-render in place (router.refresh, which also brings the tab title with the pending total), and — if the agent
 * opted in — a desktop notification and a short tone announce newly waiting contacts.
 */
export function LiveUpdates(props: {
  intervalSeconds: number;
  version: string;
  total: number;
  remindersDue: number;
  labels: { toggle: string; pending: string; reminder: string };
}) {
  const router = useRouter();
  // The version the page was rendered at: anything newer, even before the first tick, triggers a refresh.
  const version = useRef<string>(props.version);
  const lastTotal = useRef(props.total);
  const lastReminders = useRef(props.remindersDue);
  const [alerts, setAlerts] = useState(false);

  useEffect(() => {
    setAlerts(localStorage.getItem("charla.alerts") === "on");
  }, []);

  useEffect(() => {
    version.current = props.version;
  }, [props.version]);

  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      if (document.hidden && !alerts) return;
      try {
        const res = await fetch("/api/poll", { headers: { "If-None-Match": `"${version.current}"` }, cache: "no-store" });
        if (res.status === 401) return window.location.assign("/login");
        if (res.status !== 200) return;
        const body = (await res.json()) as { version: string; total: number; remindersDue: number };
        version.current = body.version;
        if (body.total > lastTotal.current && alerts) announce(props.labels.pending.replace("{count}", String(body.total)));
        if (body.remindersDue > lastReminders.current && alerts) announce(props.labels.reminder);
        lastTotal.current = body.total;
        lastReminders.current = body.remindersDue;
        if (!stopped) router.refresh();
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    };
    void tick();
    const timer = setInterval(tick, Math.max(2, props.intervalSeconds) * 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [router, props.intervalSeconds, props.labels.pending, props.labels.reminder, alerts]);

  const toggle = async () => {
    const next = !alerts;
    if (next && "Notification" in window && Notification.permission === "default") await Notification.requestPermission();
    localStorage.setItem("charla.alerts", next ? "on" : "off");
    setAlerts(next);
  };

  return (
    <label className="flex items-center gap-2 px-3 py-2 text-xs text-slate-600">
      <input type="checkbox" checked={alerts} onChange={toggle} />
      {props.labels.toggle}
    </label>
  );
}

function announce(text: string): void {
  if ("Notification" in window && Notification.permission === "granted") new Notification("Charla", { body: text });
  try {
    const audio = new AudioContext();
    const osc = audio.createOscillator();
    osc.frequency.value = 880;
    osc.connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.15);
  } catch {
    // Some browsers refuse audio without a prior gesture; the notification is enough.
  }
}
