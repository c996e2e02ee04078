import { getDb } from "@/db/client";
import type { Translate } from "@/server/i18n/locale";
import { chatBotView } from "@/server/services/bot/with-bot";

/** Under the chat's header while the bot answers it: which flow, where it waits, and how to take over. */
export function ChatBot({ chatId, t }: { chatId: number; t: Translate }) {
  const bot = chatBotView(getDb(), chatId);
  if (!bot) return null;
  return (
    <p className="border-b border-sky-200 bg-sky-50 px-4 py-1 text-sm text-sky-900" data-testid="chat-with-bot">
      <strong>{t("bot.chat.with")}</strong> {t("bot.chat.detail", { flow: bot.flowName, version: bot.version, step: bot.stepId ?? "—" })}
    </p>
  );
}
