"use client";

import { createTRPCClient, httpLink } from "@trpc/client";
import { useEffect } from "react";
import type { AppRouter } from "@/server/api/root";
import { useLive } from "../_live/live-inbox";

const client = createTRPCClient<AppRouter>({ links: [httpLink({ url: "/api/trpc" })] });

/**
 * A chat the agent has open is read as it fills: when live updates mark its row unread (a message arrived for
 * its assignee) or mentioned while it is on screen, tell the server, as opening it would have.
 */
export function SeenWhileOpen({ chatId }: { chatId: number }) {
  const row = useLive((s) => s.list?.rows[chatId]);
  const unseen = Boolean(row && (row.unread > 0 || row.mentioned));
  useEffect(() => {
    if (!unseen || document.hidden) return;
    void client.chats.opened.mutate({ chatId }).catch(() => undefined);
  }, [unseen, chatId]);
  return null;
}
