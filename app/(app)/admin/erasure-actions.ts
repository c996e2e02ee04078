"use server";

import { eraseContact } from "@/server/services/erasure";
import { checked, id, text } from "./form-data";
import { adminUser, runAdminAction } from "./run-action";
import { safeReturnTo, withStatus } from "./status";
import { redirectAfterForm } from "@/app/_lib/redirect-after-form";

// Erasing a contact (LGPD/GDPR) from the contact page: a `contactId`, a `confirm` checkbox and `returnTo`.
// A refusal or error goes back to `returnTo`; success goes to the inbox, since the contact page is gone.

export async function eraseContactAction(form: FormData): Promise<void> {
  const back = safeReturnTo(text(form, "returnTo"), "/inbox");
  await adminUser("eraseContacts");
  if (!checked(form, "confirm")) await redirectAfterForm(withStatus(back, { formError: "confirm" }));
  await runAdminAction("eraseContacts", back, "contact.erased", ({ db, user, actor }) => {
    eraseContact(db, user, id(form, "contactId"), actor.now);
    return { to: "/inbox" };
  });
}
