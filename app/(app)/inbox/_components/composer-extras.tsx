import type { Translate } from "@/server/i18n/locale";
import { sendLocationAction, sendPaymentLinkAction, sendTemplateAction } from "../actions";

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

export function ComposerExtras(props: { chatId: number; returnTo: string; paymentEnabled: boolean; t: Translate }) {
  const { chatId, returnTo, paymentEnabled, t } = props;
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <details className="rounded border border-slate-200 p-2">
        <summary className="cursor-pointer text-sm font-medium">{t("composer.location")}</summary>
        <form action={sendLocationAction} className="mt-2 grid grid-cols-2 gap-2" data-testid="location-form">
          <Hidden chatId={chatId} returnTo={returnTo} />
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
