import { z } from "zod";

// The inbox's whole state lives in the URL, so reload, back and shared links all work.

export const inboxStateSchema = z.object({
  section: z.enum(["mine", "unassigned", "teammates", "all"]).catch("mine"),
  status: z.enum(["open", "scheduled", "closed"]).catch("open"),
  pending: z.enum(["1"]).optional().catch(undefined),
  order: z.enum(["asc", "desc"]).optional().catch(undefined),
  chat: z.coerce.number().int().positive().optional().catch(undefined),
  cursor: z.string().max(40).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  /** The list shows the chats whose notes mention the viewer instead of a section. */
  mentions: z.enum(["1"]).optional().catch(undefined),
  /** How many of the open chat's newest messages to show, when more than the first page's. */
  messages: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
  /** The team filter (issue 13). */
  team: z.coerce.number().int().positive().optional().catch(undefined),
});

export type InboxState = z.infer<typeof inboxStateSchema>;

export function parseInboxState(params: Record<string, string | string[] | undefined>): InboxState {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return inboxStateSchema.parse(flat);
}

export function inboxHref(state: Partial<InboxState>, change: Partial<InboxState> = {}): string {
  const next = { ...state, ...change };
  // How far back one chat was scrolled means nothing for another.
  if ("chat" in change && change.chat !== state.chat && !("messages" in change)) next.messages = undefined;
  const params = new URLSearchParams();
  for (const key of ["section", "status", "pending", "order", "chat", "cursor", "q", "mentions", "messages", "team"] as const) {
    const value = next[key];
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `/inbox?${query}` : "/inbox";
}
