import type { Translate } from "@/server/i18n/locale";
import type { ContactRow } from "@/server/repositories/contacts";
import { CONTACT_NAME_MAX, CONTACT_NOTES_MAX } from "@/server/domain/contact-rules";
import { KeepForm } from "@/app/_lib/keep-form";
import { keptForm } from "@/app/_lib/kept-form";
import { updateContactAction } from "./actions";

const field = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/** Name, e-mail, phone and notes about the contact, editable by every agent who may see one of their chats. */
export async function ContactForm({ contact, t }: { contact: ContactRow; t: Translate }) {
  const kept = await keptForm(`contact:${contact.id}`);
  return (
    <section aria-labelledby="contact-details" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="contact-details" className="mb-3 font-medium">{t("contact.details")}</h2>
      <form action={updateContactAction} className="grid gap-3 sm:grid-cols-2" data-testid="contact-form">
        <KeepForm id={kept.id} />
        <input type="hidden" name="contactId" value={contact.id} />
        <input type="hidden" name="returnTo" value={`/contacts/${contact.id}`} />
        <label className="block text-sm font-medium">
          {t("contact.field.name")}
          <input name="name" required maxLength={CONTACT_NAME_MAX} defaultValue={kept.value("name") ?? contact.name} className={field} autoComplete="off" />
        </label>
        <label className="block text-sm font-medium">
          {t("contact.field.email")}
          <input name="email" type="email" defaultValue={kept.value("email") ?? contact.email ?? ""} className={field} autoComplete="off" />
        </label>
        <label className="block text-sm font-medium">
          {t("contact.field.phone")}
          <input name="phone" type="tel" defaultValue={kept.value("phone") ?? (contact.phone ? `+${contact.phone}` : "")} className={field} aria-describedby="contact-phone-hint" autoComplete="off" />
          <span id="contact-phone-hint" className="mt-1 block text-xs font-normal text-slate-600">{t("contact.field.phoneHint")}</span>
        </label>
        <label className="block text-sm font-medium sm:col-span-2">
          {t("contact.field.notes")}
          <textarea name="notes" rows={3} maxLength={CONTACT_NOTES_MAX} defaultValue={kept.value("notes") ?? contact.notes ?? ""} className={field} />
        </label>
        <div className="sm:col-span-2">
          <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">{t("contact.save")}</button>
        </div>
      </form>
    </section>
  );
}
