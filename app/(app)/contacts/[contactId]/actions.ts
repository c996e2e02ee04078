"use server";

import { z } from "zod";
import { performForm } from "../../inbox/perform";

// The contact page's edit form: name, e-mail, phone and notes. A refusal comes back as a translated message.

export async function updateContactAction(formData: FormData): Promise<void> {
  const field = (name: string) => String(formData.get(name) ?? "");
  await performForm(
    formData,
    (api) =>
      api.contacts.update({
        contactId: z.coerce.number().int().positive().parse(formData.get("contactId")),
        name: field("name"),
        email: field("email"),
        phone: field("phone"),
        notes: field("notes"),
      }),
    { ok: "contact" },
  );
}
