import { forbidden } from "./errors";
import type { Viewer } from "./types";

// Who sees which chats. Admins see everything. With the shared inbox on (a company setting),
// agents see everything too; with it off, an agent sees only their own chats and the unassigned
// ones they could pick up.

export const SECTIONS = ["mine", "unassigned", "teammates", "all"] as const;
export type Section = (typeof SECTIONS)[number];

export function visibleSections(viewer: Viewer, sharedInbox: boolean): Section[] {
  if (viewer.role === "admin" || sharedInbox) return [...SECTIONS];
  return ["mine", "unassigned"];
}

export function assertSectionVisible(section: Section, viewer: Viewer, sharedInbox: boolean): void {
  if (!visibleSections(viewer, sharedInbox).includes(section)) {
    throw forbidden(
      `Only administrators can see the “${section}” section while the inbox isn't shared.`,
      { key: "error.visibility.section" },
    );
  }
}

export function canSeeChat(
  viewer: Viewer,
  chat: { assigneeId: number | null },
  sharedInbox: boolean,
): boolean {
  if (viewer.role === "admin" || sharedInbox) return true;
  return chat.assigneeId === null || chat.assigneeId === viewer.id;
}

/**
 * FORBIDDEN rather than NOT_FOUND: chat ids are sequential, so hiding existence buys nothing, and
 * an agent following a stale link (the chat was just transferred away) deserves to know why.
 */
export function assertCanSeeChat(
  viewer: Viewer,
  chat: { assigneeId: number | null },
  sharedInbox: boolean,
): void {
  if (!canSeeChat(viewer, chat, sharedInbox)) {
    throw forbidden("This chat is assigned to another agent, and the inbox isn't shared.", { key: "error.visibility.chat" });
  }
}

/** Which assignees a section lists, for the repository to turn into a WHERE clause. */
export type AssigneeFilter =
  | { assignee: "is"; userId: number }
  | { assignee: "null" }
  /** Assigned, to someone other than userId. */
  | { assignee: "not-null-not"; userId: number }
  | { assignee: "any" };

/** Call assertSectionVisible first: this describes the section, it does not check access to it. */
export function sectionFilter(section: Section, viewer: Viewer): AssigneeFilter {
  switch (section) {
    case "mine":
      return { assignee: "is", userId: viewer.id };
    case "unassigned":
      return { assignee: "null" };
    case "teammates":
      return { assignee: "not-null-not", userId: viewer.id };
    case "all":
      return { assignee: "any" };
  }
}
