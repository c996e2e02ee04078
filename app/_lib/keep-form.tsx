import { FORM_ID_FIELD } from "@/server/domain/form-draft";

/** Inside a <form>: asks that a refusal bring it back filled in (app/_lib/kept-form.ts). */
export function KeepForm({ id }: { id: string }) {
  return <input type="hidden" name={FORM_ID_FIELD} value={id} />;
}
