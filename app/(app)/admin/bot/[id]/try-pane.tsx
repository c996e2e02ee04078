import type { Translate } from "@/server/i18n/locale";
import type { TryResult } from "@/server/services/bot/try";
import { buttonClass, cardClass, inputClass, secondaryButtonClass } from "../../styles";

// "Try it": the admin writes as the contact to the draft. A GET form carrying the conversation so far in
// hidden fields; choices are buttons that send their id. Nothing is stored or sent to a provider.

export function TryPane({ t, flowId, said, result }: { t: Translate; flowId: number; said: Array<{ text: string; choiceId?: string }>; result: TryResult }) {
  const lastChoices = [...result.lines].reverse().find((l) => l.from === "bot")?.choices;
  const ended = result.outcome && result.outcome.type !== "wait";
  return (
    <section aria-labelledby="try-title" className={cardClass} data-testid="try-pane">
      <h2 id="try-title" className="mb-2 text-base font-semibold">{t("bot.try.title")}</h2>
      <p className="mb-3 text-sm text-slate-700">{t("bot.try.intro")}</p>
      <ol className="mb-3 space-y-2" aria-live="polite">
        {result.lines.map((line, i) => (
          <li key={i} className={line.from === "bot" ? "mr-12 rounded-lg bg-slate-100 p-2 text-sm" : "ml-12 rounded-lg bg-brand-50 p-2 text-right text-sm"}>
            <span className="sr-only">{line.from === "bot" ? t("bot.try.bot") : t("bot.try.contact")}: </span>
            <span className="whitespace-pre-wrap">{line.text}</span>
            {line.choices && (
              <ol className="mt-1 list-decimal pl-5 text-left">
                {line.choices.choices.map((c) => (
                  <li key={c.id}>{c.title}</li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ol>
      {ended && result.outcome && <p className="mb-3 text-sm font-medium" data-testid="try-outcome">{t(`bot.try.outcome.${result.outcome.type as "handoff" | "close"}`)}</p>}
      {!ended && (
        <form method="get" action={`/admin/bot/${flowId}#try-title`} className="space-y-2">
          {said.map((s, i) => (
            <input key={i} type="hidden" name="t" value={JSON.stringify(s)} />
          ))}
          {lastChoices && (
            <div className="flex flex-wrap gap-2">
              {lastChoices.choices.map((c) => (
                <button key={c.id} type="submit" name="pick" value={JSON.stringify({ text: c.title, choiceId: c.id })} className={secondaryButtonClass}>
                  {c.title}
                </button>
              ))}
            </div>
          )}
          <label htmlFor="try-say" className="sr-only">{t("bot.try.say")}</label>
          <input id="try-say" name="say" className={inputClass} placeholder={t("bot.try.say")} autoComplete="off" />
          <button type="submit" className={buttonClass}>{t("bot.try.send")}</button>
        </form>
      )}
      <p className="mt-2 text-sm">
        <a href={`/admin/bot/${flowId}#try-title`} className="text-brand-700 underline">{t("bot.try.restart")}</a>
      </p>
    </section>
  );
}
