import type { MessageKey } from "@/server/i18n/messages";

/** The admin screens, in menu order; the overview page lists the same entries with a description. */
export const adminSections = [
  { id: "users", href: "/admin/users", label: "admin.nav.users", description: "admin.overview.users" },
  { id: "channels", href: "/admin/channels", label: "admin.nav.channels", description: "admin.overview.channels" },
  { id: "teams", href: "/admin/teams", label: "admin.nav.teams", description: "admin.overview.teams" },
  { id: "close-reasons", href: "/admin/close-reasons", label: "admin.nav.closeReasons", description: "admin.overview.closeReasons" },
  { id: "quick-replies", href: "/admin/quick-replies", label: "admin.nav.quickReplies", description: "admin.overview.quickReplies" },
  { id: "templates", href: "/admin/templates", label: "admin.nav.templates", description: "admin.overview.templates" },
  { id: "bot", href: "/admin/bot", label: "bot.nav", description: "bot.overview" },
  { id: "settings", href: "/admin/settings", label: "admin.nav.settings", description: "admin.overview.settings" },
  { id: "audit", href: "/admin/audit", label: "admin.nav.audit", description: "admin.overview.audit" },
] as const satisfies ReadonlyArray<{ id: string; href: string; label: MessageKey; description: MessageKey }>;

export type AdminSectionId = (typeof adminSections)[number]["id"] | "overview";
