import { keptForm } from "@/app/_lib/kept-form";
import type { QuickReplyPeople } from "@/server/domain/quick-reply-variables";
import type { Translate } from "@/server/i18n/locale";
import { sendTextAction } from "../actions";
import { Composer } from "./composer";
import { AttachForm, MoreMenu, templateFormId, type TemplateOption } from "./composer-extras";

/**
 * The composer with its Attach and More panels, filled in again after a refusal. `resetKey` (the chat's
 * newest message) mounts a fresh, empty composer once a send went through.
 */
export async function ComposerArea(props: {
  resetKey: number;
  chatId: number;
  returnTo: string;
  limit: number;
  channelName: string;
  quickReplies: { id: number; shortcut: string; body: string }[];
  people: QuickReplyPeople;
  paymentEnabled: boolean;
  currency: string;
  templates: TemplateOption[];
  handlerName: string | null;
  t: Translate;
}) {
  const { resetKey, chatId, returnTo, limit, channelName, quickReplies, people, paymentEnabled, currency, templates, handlerName, t } = props;
  const [text, file, ...more] = await Promise.all([
    keptForm(`composer:${chatId}`),
    keptForm(`file:${chatId}`),
    keptForm(`location:${chatId}`),
    keptForm(`payment:${chatId}`),
    ...templates.map((tpl) => keptForm(templateFormId(chatId, tpl))),
  ]);
  return (
    <Composer
      key={resetKey}
      action={sendTextAction}
      chatId={chatId}
      returnTo={returnTo}
      limit={limit}
      channelName={channelName}
      quickReplies={quickReplies.map(({ shortcut, body }) => ({ shortcut, body }))}
      people={people}
      formId={text.id}
      initialText={text.value("body")}
      // A refused form in a panel comes back with its panel open, even without JavaScript.
      keptPanel={file.held ? "attach" : more.some((k) => k.held) ? "more" : null}
      handlerName={handlerName}
      labels={{
        label: t("composer.label"),
        send: t("composer.send"),
        counter: t("composer.counter"),
        overLimit: t("composer.overLimit"),
        quickReplies: t("composer.quickReplies"),
        hint: t("composer.quickReplyHint"),
        attach: t("composer.attachButton"),
        more: t("composer.more"),
        teammate: t("composer.teammate"),
      }}
      attach={<AttachForm chatId={chatId} returnTo={returnTo} t={t} />}
      more={<MoreMenu chatId={chatId} returnTo={returnTo} paymentEnabled={paymentEnabled} currency={currency} quickReplies={quickReplies} people={people} templates={templates} t={t} />}
    />
  );
}
