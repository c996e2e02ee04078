"use client";

import { useEffect, useState } from "react";
import { alertsOn, setAlerts } from "../_live/alerts";

/** Opt-in desktop alerts and a tone for newly waiting contacts (the live poller fires them). */
export function AlertsToggle({ label }: { label: string }) {
  const [on, setOn] = useState(false);
  useEffect(() => setOn(alertsOn()), []);
  const toggle = async () => {
    const next = !on;
    if (next && "Notification" in window && Notification.permission === "default") await Notification.requestPermission();
    setAlerts(next);
    setOn(next);
  };
  return (
    <label className="flex items-center gap-2 px-3 py-2 text-xs text-slate-600">
      <input type="checkbox" checked={on} onChange={toggle} />
      {label}
    </label>
  );
}
