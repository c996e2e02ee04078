"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { DeltaInput } from "@/server/api/routers/inbox-delta.schema";
import type { PollIntervals } from "@/server/services/live-delta";
import { fetchDelta } from "./live-client";
import type { LiveState } from "./live-state";
import { LiveStore } from "./live-store";
import { announce, alertsOn } from "./alerts";

const LiveContext = createContext<LiveStore | null>(null);

/** Part of the live state, re-rendering only when that part changes. */
export function useLive<T>(select: (s: LiveState) => T): T {
  const store = useContext(LiveContext);
  if (!store) throw new Error("useLive outside <LiveInbox>");
  return useSyncExternalStore(store.subscribe, () => select(store.get()), () => select(store.get()));
}

interface Broadcast {
  seq: number;
  counts: LiveState["counts"];
}

const LOCK = "charla-live-poll";

/**
 * Keeps an open inbox current without re-rendering it: polls the per-viewer delta and patches the counters,
 * the list and the open chat in place, so what the agent is typing, where they scrolled and what menu is
 * open survive. Tabs of one browser poll once between them: the leader (a Web Lock; a tab coming into view
 * takes it) polls and tells the others the counters and the newest sequence over a BroadcastChannel; a
 * visible follower then polls for its own view, a hidden one only takes the counters (its title). Hidden
 * leaders poll at the slower interval the server sets. The server asks for a re-render (router.refresh)
 * only when a delta cannot describe the change (who may see what, the open chat's header).
 */
export function LiveInbox(props: { initial: LiveState; view: Omit<DeltaInput, "since" | "counts" | "chat"> & { windowOpen: boolean }; intervals: PollIntervals; alertTexts: { pending: string; reminder: string }; children: React.ReactNode }) {
  const { initial, view, alertTexts } = props;
  const router = useRouter();
  const [store] = useState(() => new LiveStore(initial));
  const intervals = useRef(props.intervals);
  const viewKey = JSON.stringify(view);

  // A new server render (navigation, a form's redirect, a refresh) brings data newer than any delta.
  useEffect(() => store.reset(initial), [initial, store]);

  useEffect(() => {
    const requestView = JSON.parse(viewKey) as typeof view;
    let stopped = false;
    let leader = typeof navigator === "undefined" || !("locks" in navigator);
    let lastHeard = 0;
    let busy = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let release: (() => void) | undefined;
    const abort = new AbortController();
    const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("charla-live");

    const claim = (mode: "steal" | "ifAvailable") => {
      if (leader || !("locks" in navigator)) return;
      void navigator.locks
        .request(LOCK, mode === "steal" ? { steal: true } : { ifAvailable: true }, (lock) => {
          if (!lock || stopped) return;
          leader = true;
          return new Promise<void>((resolve) => (release = resolve));
        })
        .catch(() => undefined)
        .finally(() => {
          leader = false;
        });
    };

    const poll = async () => {
      if (busy || stopped) return;
      busy = true;
      try {
        let full = false;
        for (let round = 0; round < 2; round++) {
          const before = store.get();
          const answer = await fetchDelta(
            {
              since: before.seq,
              locale: requestView.locale,
              list: requestView.list ? { ...requestView.list, full: full || undefined } : undefined,
              chat: before.chat ? { id: before.chat.id, windowOpen: requestView.windowOpen } : undefined,
              counts: before.counts.fingerprint,
            },
            abort.signal,
          );
          if (stopped) return;
          intervals.current = "intervals" in answer ? answer.intervals : intervals.current;
          const followups = store.apply(answer);
          const after = store.get();
          if (leader) {
            channel?.postMessage({ seq: after.seq, counts: after.counts } satisfies Broadcast);
            if (alertsOn() && after.counts.total > before.counts.total) announce(alertTexts.pending.replace("{count}", String(after.counts.total)));
            if (alertsOn() && after.counts.remindersDue > before.counts.remindersDue) announce(alertTexts.reminder);
          }
          if (followups.refresh) router.refresh();
          if (!followups.fetchList) break;
          full = true;
        }
      } catch {
        // Offline for a moment, or the server restarting: the next tick tries again.
      } finally {
        busy = false;
      }
    };

    const schedule = () => {
      clearTimeout(timer);
      const every = document.hidden ? intervals.current.hiddenMs : intervals.current.visibleMs;
      timer = setTimeout(async () => {
        // Nobody has spoken for a while: the leader tab closed (its lock is free) or locks are missing.
        const silent = Date.now() - lastHeard > 2 * every;
        if (!leader && silent) claim("ifAvailable");
        if (leader || (silent && !document.hidden)) await poll();
        if (!stopped) schedule();
      }, every);
    };

    if (channel) {
      channel.onmessage = (e: MessageEvent<Broadcast>) => {
        lastHeard = Date.now();
        store.setCounts(e.data.counts);
        if (!document.hidden && e.data.seq > store.get().seq) void poll();
      };
    }
    const onVisibility = () => {
      if (document.hidden) return schedule();
      claim("steal");
      void poll();
      schedule();
    };
    document.addEventListener("visibilitychange", onVisibility);
    if (!document.hidden) claim("steal");
    else claim("ifAvailable");
    void poll();
    schedule();

    return () => {
      stopped = true;
      clearTimeout(timer);
      abort.abort();
      release?.();
      channel?.close();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [viewKey, store, router, alertTexts.pending, alertTexts.reminder]);

  return <LiveContext.Provider value={store}>{props.children}</LiveContext.Provider>;
}
