import { randomUUID } from "node:crypto";
import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { isDomainError } from "@/server/domain/errors";
import { requestLocale } from "@/server/i18n/request";
import { decodeSession, PAGE_COOKIE } from "@/server/http/webchat-session";
import { getSettings } from "@/server/services/settings";
import { visitorConversation, webchatChannelById } from "@/server/services/webchat";
import { startChatAction } from "./actions";
import { Conversation } from "./conversation";

// The web chat a site embeds (public/widget.js opens it in an iframe) or links to. Works without
// JavaScript: a name form, then the conversation and a message form posting to server actions.
export const dynamic = "force-dynamic";

const ERRORS = { name: "widget.error.name", message: "widget.error.message", rate: "widget.error.rate" } as const;

export default async function WebChatPage({ params, searchParams }: { params: Promise<{ channelId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { channelId } = await params;
  const query = await searchParams;
  const { locale, t } = await requestLocale();
  const db = getDb();
  let channel;
  try {
    channel = webchatChannelById(db, channelId);
  } catch (err) {
    if (!isDomainError(err)) throw err;
    return (
      <main lang={locale} className="p-6 text-center text-slate-600">
        {t("widget.unavailable")}
      </main>
    );
  }
  const session = decodeSession((await cookies()).get(PAGE_COOKIE)?.value);
  const errorKey = query.error ? ERRORS[query.error as keyof typeof ERRORS] : undefined;

  return (
    <main lang={locale} className="flex h-screen flex-col bg-slate-50">
      <header className="bg-blue-600 p-3 text-white">
        <h1 className="font-semibold">{t("widget.title")}</h1>
        {!session && <p className="text-sm opacity-90">{t("widget.intro")}</p>}
      </header>
      {errorKey && (
        <p role="alert" data-testid="chat-error" className="bg-red-50 p-2 text-sm text-red-800">
          {t(errorKey)}
        </p>
      )}
      {session ? (
        <Conversation
          channelId={channel.id}
          initial={visitorConversation(db, channel, session.visitorId, { markRead: true }, Date.now())}
          clientMessageId={randomUUID()}
          pollMs={Math.max(2, getSettings(db).pollIntervalSeconds) * 1000}
          labels={{
            you: t("widget.you"),
            team: t("widget.team"),
            empty: t("widget.empty"),
            message: t("widget.message"),
            send: t("widget.send"),
            rate: t("widget.error.rate"),
            generic: t("widget.error.generic"),
          }}
        />
      ) : (
        <form action={startChatAction} className="space-y-3 p-4">
          <input type="hidden" name="channelId" value={channel.id} />
          <label className="block text-sm font-medium">
            {t("widget.name")}
            <input name="name" required maxLength={80} autoComplete="name" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
          </label>
          <button type="submit" className="w-full rounded-md bg-blue-600 px-4 py-2 font-medium text-white">
            {t("widget.start")}
          </button>
        </form>
      )}
    </main>
  );
}
