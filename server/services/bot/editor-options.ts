import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channels, closeReasons, teams, users } from "@/db/schema";
import { assertAdmin, type Viewer } from "@/server/domain";
import { channelFlows } from "@/server/repositories/bot";

// What the editor's selects offer: routing's teams, the active people a hand-off may go to, the channels.

export interface EditorOptions {
  teams: Array<{ id: number; name: string }>;
  agents: Array<{ id: number; name: string }>;
  channels: Array<{ id: number; name: string; type: string }>;
  /** Reasons a close step may give (the company's and the built-in ones; never the system's). */
  reasons: Array<{ id: number; label: string; builtinKey: string | null }>;
  /** Which flow each channel runs, and after how many hours a returning contact meets it again. */
  assignments: Array<{ channelId: number; flowId: number; returningAfterHours: number | null }>;
}

export function botEditorOptions(db: Db, viewer: Viewer): EditorOptions {
  assertAdmin(viewer, "manageBotFlows");
  return {
    teams: db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)).all(),
    agents: db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)).orderBy(asc(users.name)).all(),
    channels: db.select({ id: channels.id, name: channels.name, type: channels.type }).from(channels).where(eq(channels.active, true)).orderBy(asc(channels.id)).all(),
    reasons: db
      .select({ id: closeReasons.id, label: closeReasons.label, builtinKey: closeReasons.builtinKey })
      .from(closeReasons)
      .where(and(eq(closeReasons.active, true), isNull(closeReasons.systemKey)))
      .orderBy(asc(closeReasons.id))
      .all(),
    assignments: channelFlows(db).map((a) => ({ channelId: a.channelId, flowId: a.flowId, returningAfterHours: a.returningAfterHours })),
  };
}
