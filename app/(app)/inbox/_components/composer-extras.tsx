import type { Translate } from "@/server/i18n/locale";
import { sendFileAction, sendTextAction, sendLocationAction, sendPaymentLinkAction, sendTemplateAction } from "../actions";
import { AudioRecorder } from "./audio-recorder";
import { GeolocateButton } from "./geolocate-button";

const field = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm";
const button = "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700";

export interface TemplateOption {
  name: string;
  language: string;
  body: string;
  variableCount: number;
}

function Hidden({ chatId, returnTo }: { chatId: number; returnTo: string }) {
  return (
    <>
      <input type="hidden" name="chatId" value={chatId} />
      <input type="hidden" name="returnTo" value={returnTo} />
    </>
  );
}

/** One form per template, so each shows exactly its own variables, with or without JavaScript. */
export function TemplateForms({ chatId, returnTo, templates, t }: { chatId: number; returnTo: string; templates: TemplateOption[]; t: Translate }) {
  if (!templates.length) return <p className="text-sm text-slate-500">{t("composer.noTemplates")}</p>;
  return (
    <div className="space-y-2">
      {templates.map((tpl) => (
        <form key={`${tpl.name}|${tpl.language}`} action={sendTemplateAction} className="rounded border border-slate-200 p-2" data-testid="template-form">
          <Hidden chatId={chatId} returnTo={returnTo} />
          <input type="hidden" name="template" value={`${tpl.name}|${tpl.language}`} />
          <p className="text-sm font-medium">{tpl.name} <span className="text-slate-500">({tpl.language})</span></p>
          <p className="whitespace-pre-wrap text-sm text-slate-600">{tpl.body}</p>
          {Array.from({ length: tpl.variableCount }, (_, i) => (
            <label key={i} className="block text-sm">
              {t("composer.templateVariable", { n: i + 1 })}
              <input name="variable" required maxLength={1024} className={field} />
            </label>
          ))}
          <button type="submit" className={`${button} mt-2`}>{t("composer.templateSend")}</button>
        </form>
      ))}
    </div>
  );
}

/** Quick replies picked from a list: each one is a form that sends it as it is (no JavaScript needed). */
export function QuickReplyList({ chatId, returnTo, quickReplies, t }: { chatId: number; returnTo: string; quickReplies: { shortcut: string; body: string }[]; t: Translate }) {
  if (!quickReplies.length) return null;
  return (
    <details className="rounded border border-slate-200 p-2">
      <summary className="cursor-pointer text-sm font-medium">{t("composer.quickReplies")}</summary>
      <ul className="mt-2 max-h-64 space-y-1 overflow-y-auto">
        {quickReplies.map((q) => (
          <li key={q.shortcut}>
            <form action={sendTextAction} className="flex items-start gap-2 text-sm">
              <Hidden chatId={chatId} returnTo={returnTo} />
              <input type="hidden" name="body" value={q.body} />
              <span className="font-mono text-brand-700">/{q.shortcut}</span>
              <span className="line-clamp-2 flex-1 text-slate-700">{q.body}</span>
              <button type="submit" className="shrink-0 text-brand-700 underline">{t("composer.send")}</button>
            </form>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function ComposerExtras(props: { chatId: number; returnTo: string; paymentEnabled: boolean; t: Translate }) {
  const { chatId, returnTo, paymentEnabled, t } = props;
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <details className="rounded border border-slate-200 p-2">
        <summary className="cursor-pointer text-sm font-medium">{t("composer.attach")}</summary>
        <form id="file-form" action={sendFileAction} className="mt-2 space-y-2" data-testid="file-form">
          <Hidden chatId={chatId} returnTo={returnTo} />
          <label className="block text-sm">{t("composer.file")}<input type="file" name="file" required className={field} /></label>
          <label className="block text-sm">{t("composer.caption")}<input name="caption" maxLength={1024} className={field} /></label>
          <div className="flex flex-wrap gap-2">
            <button type="submit" className={button}>{t("composer.fileSend")}</button>
            <AudioRecorder formId="file-form" labels={{ record: t("composer.record"), stop: t("composer.stop"), recording: t("composer.recording") }} />
          </div>
        </form>
      </details>
      <details className="rounded border border-slate-200 p-2">
        <summary className="cursor-pointer text-sm font-medium">{t("composer.location")}</summary>
        <form id="location-form" action={sendLocationAction} className="mt-2 grid grid-cols-2 gap-2" data-testid="location-form">
          <Hidden chatId={chatId} returnTo={returnTo} />
          <GeolocateButton formId="location-form" label={t("composer.useMyLocation")} />
          <label className="text-sm">{t("composer.latitude")}<input name="latitude" required inputMode="decimal" className={field} /></label>
          <label className="text-sm">{t("composer.longitude")}<input name="longitude" required inputMode="decimal" className={field} /></label>
          <label className="col-span-2 text-sm">{t("composer.locationName")}<input name="name" maxLength={200} className={field} /></label>
          <label className="col-span-2 text-sm">{t("composer.locationAddress")}<input name="address" maxLength={500} className={field} /></label>
          <button type="submit" className={`${button} col-span-2`}>{t("composer.locationSend")}</button>
        </form>
      </details>
      {paymentEnabled && (
        <details className="rounded border border-slate-200 p-2">
          <summary className="cursor-pointer text-sm font-medium">{t("composer.payment")}</summary>
          <form action={sendPaymentLinkAction} className="mt-2 grid grid-cols-2 gap-2" data-testid="payment-form">
            <Hidden chatId={chatId} returnTo={returnTo} />
            <label className="text-sm">{t("composer.amount")}<input name="amount" required inputMode="decimal" className={field} /></label>
            <label className="text-sm">{t("composer.currency")}<input name="currency" required maxLength={3} defaultValue="BRL" className={field} /></label>
            <label className="col-span-2 text-sm">{t("composer.description")}<input name="description" required maxLength={200} className={field} /></label>
            <button type="submit" className={`${button} col-span-2`}>{t("composer.paymentSend")}</button>
          </form>
        </details>
      )}
    </div>
  );
}
