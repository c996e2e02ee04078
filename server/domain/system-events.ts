import type { SystemCloseKey } from "./types";

// What happened to a chat, recorded as a 'system' message. Kept as data: the UI renders it in the
// reader's language, and user ids / reason ids resolve to current names at display time.

export interface CloseReasonRef {
  id: number;
  /** Set for the reasons the system closes with itself; null for the company's own reasons. */
  systemKey: SystemCloseKey | null;
}

export type SystemEvent =
  /** `rule`: the distribution mode that chose, when nobody did (issue 13). */
  | { type: "assigned"; to: number; by: number | null; rule?: string }
  /** Sent back to a team's queue (Assign → a team). */
  | { type: "queued"; teamId: number; teamName: string; by: number | null }
  | { type: "transferred"; from: number; to: number; by: number | null }
  | { type: "closed"; reason: CloseReasonRef; by: number | null }
  | { type: "scheduled"; at: number }
  /** The reminder went away before it came due: an agent cancelled it, or the customer wrote. */
  | { type: "unscheduled"; cause: "cancelled" | "inbound" }
  | { type: "reminder_due" };

export type SystemEventParams = Record<string, string | number | null>;

export interface SystemEventText {
  /** A translation key, e.g. "system.transferred". */
  key: `system.${SystemEvent["type"]}`;
  params: SystemEventParams;
}

/** The translation key and flat parameters a system message is rendered from. */
export function systemEventText(event: SystemEvent): SystemEventText {
  switch (event.type) {
    case "assigned":
      return { key: "system.assigned", params: { to: event.to, by: event.by, ...(event.rule ? { rule: event.rule } : {}) } };
    case "queued":
      return { key: "system.queued", params: { teamId: event.teamId, team: event.teamName, by: event.by } };
    case "transferred":
      return {
        key: "system.transferred",
        params: { from: event.from, to: event.to, by: event.by },
      };
    case "closed":
      return {
        key: "system.closed",
        params: { reasonId: event.reason.id, systemKey: event.reason.systemKey, by: event.by },
      };
    case "scheduled":
      return { key: "system.scheduled", params: { at: event.at } };
    case "unscheduled":
      return { key: "system.unscheduled", params: { cause: event.cause } };
    case "reminder_due":
      return { key: "system.reminder_due", params: {} };
  }
}
