import { forbidden } from "./errors";
import type { Role, Viewer } from "./types";

// What each role may do, as one table. Administration is admin-only; everyday inbox tools
// (quick replies and templates, when answering) are for everyone.

export const POLICY = {
  deleteMessages: ["admin"],
  manageSettings: ["admin"],
  manageUsers: ["admin"],
  manageChannels: ["admin"],
  manageCloseReasons: ["admin"],
  manageQuickReplies: ["admin"],
  manageTemplates: ["admin"],
  readAuditLog: ["admin"],
  eraseContacts: ["admin"],
  manageBotFlows: ["admin"],
  useQuickReplies: ["admin", "agent"],
  useTemplates: ["admin", "agent"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof POLICY;

/** How each action reads in "Only administrators may …". */
const PHRASES: Record<Action, string> = {
  deleteMessages: "delete messages",
  manageSettings: "change settings",
  manageUsers: "manage users",
  manageChannels: "manage channels",
  manageCloseReasons: "manage close reasons",
  manageQuickReplies: "manage quick replies",
  manageTemplates: "manage templates",
  readAuditLog: "read the audit log",
  eraseContacts: "erase contacts",
  manageBotFlows: "manage bot flows",
  useQuickReplies: "use quick replies",
  useTemplates: "use templates",
};

export function can(role: Role, action: Action): boolean {
  return (POLICY[action] as readonly Role[]).includes(role);
}

export function assertCan(viewer: Pick<Viewer, "role">, action: Action): void {
  if (!can(viewer.role, action)) {
    throw forbidden(`Only administrators may ${PHRASES[action]}.`, { key: `error.permission.${action}` });
  }
}

/** For admin-only actions; `action` is either a policy action or a free phrase ("restore a backup"). */
export function assertAdmin(viewer: Pick<Viewer, "role">, action: Action | string): void {
  if (viewer.role !== "admin") {
    const known = Object.hasOwn(PHRASES, action);
    const phrase = known ? PHRASES[action as Action] : action;
    throw forbidden(`Only administrators may ${phrase}.`, { key: known ? `error.permission.${action}` : "error.permission.other" });
  }
}

export const canDeleteMessages = (role: Role) => can(role, "deleteMessages");
export const canManageSettings = (role: Role) => can(role, "manageSettings");
export const canManageUsers = (role: Role) => can(role, "manageUsers");
export const canManageChannels = (role: Role) => can(role, "manageChannels");
export const canManageCloseReasons = (role: Role) => can(role, "manageCloseReasons");
export const canManageQuickReplies = (role: Role) => can(role, "manageQuickReplies");
export const canManageTemplates = (role: Role) => can(role, "manageTemplates");
export const canReadAuditLog = (role: Role) => can(role, "readAuditLog");
export const canUseQuickReplies = (role: Role) => can(role, "useQuickReplies");
export const canUseTemplates = (role: Role) => can(role, "useTemplates");
