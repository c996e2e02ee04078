import type { DeltaAnswer } from "@/server/services/live-delta";
import { applyDelta, type Followups, type LiveState } from "./live-state";

/** The live state of one tab, for components to subscribe to (useSyncExternalStore). */
export class LiveStore {
  private state: LiveState;
  private listeners = new Set<() => void>();

  constructor(initial: LiveState) {
    this.state = initial;
  }

  get = (): LiveState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A new server render of the page: its data replaces whatever the deltas built. */
  reset(initial: LiveState): void {
    this.set(initial);
  }

  apply(answer: DeltaAnswer): Followups {
    const { state, followups } = applyDelta(this.state, answer);
    this.set(state);
    return followups;
  }

  /** Counters another tab of this browser polled (the same user: the same counters). */
  setCounts(counts: LiveState["counts"]): void {
    if (counts.fingerprint !== this.state.counts.fingerprint) this.set({ ...this.state, counts });
  }

  private set(next: LiveState): void {
    if (next === this.state) return;
    this.state = next;
    for (const l of this.listeners) l();
  }
}
