import { KeepForm } from "@/app/_lib/keep-form";
import { keptForm } from "@/app/_lib/kept-form";
import { expandQuickReply, type QuickReplyPeople } from "@/server/domain/quick-reply-variables";
import type { Translate } from "@/server/i18n/locale";
import { sendFileAction, sendLocationAction, sendPaymentLinkAction, sendQuickReplyAction, sendTemplateAction } from "../actions";
import { AudioRecorder } from "./audio-recorder";
import { GeolocateButton } from "./geolocate-button";

// The composer's other ways to send: each is a form of its own (a form cannot hold another, so they sit in
// the composer's Attach and More panels, outside its text form), working without JavaScript. A refused one
// comes back filled in (KeepForm / keptForm).

const field = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm";
const button = "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700";
const heading = "text-sm font-medium text-slate-800";

export interface TemplateOption {
  name: string;
  language: string;
  body: string;
  variableCount: number;
}

export const templateFormId = (chatId: number, tpl: { name: string; language: string }) => `template:${chatId}:${tpl.name}|${tpl.language}`;

function Hidden({ chatId, returnTo, formId }: { chatId: number; returnTo: string; formId?: string }) {
  return (
    <>
      <input type="hidden" name="chatId" value={chatId} />
      <input type="hidden" name="returnTo" value={returnTo} />
      {formId && <KeepForm id={formId} />}
    </>
  );
}

/** One form per template, so each shows exactly its own variables, with or without JavaScript. */
export async function TemplateForms({ chatId, returnTo, templates, t }: { chatId: number; returnTo: string; templates: TemplateOption[]; t: Translate }) {
  if (!templates.length) return <p className="text-sm text-slate-600">{t("composer.noTemplates")}</p>;
  const kept = await Promise.all(templates.map((tpl) => keptForm(templateFormId(chatId, tpl))));
  return (
    <div className="space-y-2">
      {templates.map((tpl, n) => (
        <form key={`${tpl.name}|${tpl.language}`} action={sendTemplateAction} className="rounded border border-slate-200 p-2" data-testid="template-form">
          <Hidden chatId={chatId} returnTo={returnTo} formId={kept[n]!.id} />
          <input type="hidden" name="template" value={`${tpl.name}|${tpl.language}`} />
          <p className="text-sm font-medium">{tpl.name} <span className="text-slate-600">({tpl.language})</span></p>
          <p className="whitespace-pre-wrap text-sm text-slate-600">{tpl.body}</p>
          {Array.from({ length: tpl.variableCount }, (_, i) => (
            <label key={i} className="block text-sm">
              {t("composer.templateVariable", { n: i + 1 })}
              <input name="variable" required maxLength={1024} defaultValue={kept[n]!.values("variable")?.[i]} className={field} />
            </label>
          ))}
          <button type="submit" className={`${button} mt-2`}>{t("composer.templateSend")}</button>
        </form>
      ))}
    </div>
  );
}

/**
 * Quick replies picked from a list: each is a form that sends it, its variables filled in by the server
 * for this chat (no JavaScript needed). The list shows them as they will be sent.
 */
export function QuickReplyList(props: { chatId: number; returnTo: string; quickReplies: { id: number; shortcut: string; body: string }[]; people: QuickReplyPeople; t: Translate }) {
  const { chatId, returnTo, quickReplies, people, t } = props;
  if (!quickReplies.length) return null;
  return (
    <details className="rounded border border-slate-200 p-2" data-testid="quick-reply-list">
      <summary className={`cursor-pointer ${heading}`}>{t("composer.quickReplies")}</summary>
      <ul className="mt-2 max-h-64 space-y-1 overflow-y-auto">
        {quickReplies.map((q) => (
          <li key={q.id}>
            <form action={sendQuickReplyAction} className="flex items-start gap-2 text-sm">
              <Hidden chatId={chatId} returnTo={returnTo} />
              <input type="hidden" name="quickReplyId" value={q.id} />
              <span className="font-mono text-brand-700">/{q.shortcut}</span>
              <span className="line-clamp-2 flex-1 text-slate-700">{expandQuickReply(q.body, people)}</span>
              <button type="submit" className="shrink-0 text-brand-700 underline">
                {t("composer.send")}
                <span className="sr-only"> /{q.shortcut}</span>
              </button>
            </form>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The Attach panel: a file (or a recorded voice note) with an optional caption. */
export async function AttachForm({ chatId, returnTo, t }: { chatId: number; returnTo: string; t: Translate }) {
  const kept = await keptForm(`file:${chatId}`);
  return (
    <form id="file-form" action={sendFileAction} className="space-y-2" data-testid="file-form">
      <Hidden chatId={chatId} returnTo={returnTo} formId={kept.id} />
      <p className={heading}>{t("composer.attach")}</p>
      <label className="block text-sm">{t("composer.file")}<input type="file" name="file" required className={field} /></label>
      <label className="block text-sm">{t("composer.caption")}<input name="caption" maxLength={1024} defaultValue={kept.value("caption")} className={field} /></label>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={button}>{t("composer.fileSend")}</button>
        <AudioRecorder formId="file-form" labels={{ record: t("composer.record"), stop: t("composer.stop"), recording: t("composer.recording") }} />
      </div>
    </form>
  );
}

/** The More panel: a location and a payment link right there, then the quick replies and templates lists. */
export async function MoreMenu(props: {
  chatId: number;
  returnTo: string;
  paymentEnabled: boolean;
  currency: string;
  quickReplies: { id: number; shortcut: string; body: string }[];
  people: QuickReplyPeople;
  templates: TemplateOption[];
  t: Translate;
}) {
  const { chatId, returnTo, paymentEnabled, currency, quickReplies, people, templates, t } = props;
  const [location, payment, ...kept] = await Promise.all([keptForm(`location:${chatId}`), keptForm(`payment:${chatId}`), ...templates.map((tpl) => keptForm(templateFormId(chatId, tpl)))]);
  return (
    <div className="space-y-3">
      <form id="location-form" action={sendLocationAction} className="grid grid-cols-2 gap-2" data-testid="location-form">
        <Hidden chatId={chatId} returnTo={returnTo} formId={location.id} />
        <p className={`col-span-2 ${heading}`}>{t("composer.location")}</p>
        <GeolocateButton formId="location-form" label={t("composer.useMyLocation")} />
        <label className="text-sm">{t("composer.latitude")}<input name="latitude" required inputMode="decimal" defaultValue={location.value("latitude")} className={field} /></label>
        <label className="text-sm">{t("composer.longitude")}<input name="longitude" required inputMode="decimal" defaultValue={location.value("longitude")} className={field} /></label>
        <label className="col-span-2 text-sm">{t("composer.locationName")}<input name="name" maxLength={200} defaultValue={location.value("name")} className={field} /></label>
        <label className="col-span-2 text-sm">{t("composer.locationAddress")}<input name="address" maxLength={500} defaultValue={location.value("address")} className={field} /></label>
        <button type="submit" className={`${button} col-span-2`}>{t("composer.locationSend")}</button>
      </form>
      {paymentEnabled && (
        <form action={sendPaymentLinkAction} className="grid grid-cols-2 gap-2 border-t border-slate-200 pt-3" data-testid="payment-form">
          <Hidden chatId={chatId} returnTo={returnTo} formId={payment.id} />
          <p className={`col-span-2 ${heading}`}>{t("composer.payment")}</p>
          <label className="text-sm">{t("composer.amount")}<input name="amount" required inputMode="decimal" defaultValue={payment.value("amount")} className={field} /></label>
          <label className="text-sm">{t("composer.currency")}<input name="currency" required maxLength={3} defaultValue={payment.value("currency") ?? currency} className={field} /></label>
          <label className="col-span-2 text-sm">{t("composer.description")}<input name="description" required maxLength={200} defaultValue={payment.value("description")} className={field} /></label>
          <button type="submit" className={`${button} col-span-2`}>{t("composer.paymentSend")}</button>
        </form>
      )}
      <QuickReplyList chatId={chatId} returnTo={returnTo} quickReplies={quickReplies} people={people} t={t} />
      {templates.length > 0 && (
        <details className="rounded border border-slate-200 p-2" open={kept.some((k) => k.held)}>
          <summary className={`cursor-pointer ${heading}`}>{t("composer.template")}</summary>
          <div className="mt-2">
            <TemplateForms chatId={chatId} returnTo={returnTo} templates={templates} t={t} />
          </div>
        </details>
      )}
    </div>
  );
}
