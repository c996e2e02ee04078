"use server";

import { roles } from "@/server/domain/user-rules";
import { createUser, setPassword, updateUserAccess } from "@/server/services/users";
import { id, oneOf, text } from "../form-data";
import { requireConfirmation, runAdminAction } from "../run-action";

const BACK = "/admin/users";

export async function createUserAction(form: FormData): Promise<void> {
  await runAdminAction("manageUsers", BACK, "user.created", async ({ db, actor }) => {
    await createUser(
      db,
      { name: text(form, "name"), email: text(form, "email"), role: oneOf(form, "role", roles), password: text(form, "password") },
      actor,
    );
  }, form);
}

export async function changeRoleAction(form: FormData): Promise<void> {
  await runAdminAction("manageUsers", BACK, "user.roleChanged", ({ db, actor }) => {
    updateUserAccess(db, id(form, "userId"), { role: oneOf(form, "role", roles) }, actor);
  });
}

/** Reactivating is one click; deactivating signs the person out at once, so the form's box must be ticked. */
export async function setActiveAction(form: FormData): Promise<void> {
  const active = text(form, "active") === "true";
  if (!active) await requireConfirmation(form, "manageUsers", BACK);
  await runAdminAction("manageUsers", BACK, active ? "user.reactivated" : "user.deactivated", ({ db, actor }) => {
    updateUserAccess(db, id(form, "userId"), { active }, actor);
  });
}

export async function resetPasswordAction(form: FormData): Promise<void> {
  await runAdminAction("manageUsers", BACK, "user.passwordReset", async ({ db, actor }) => {
    await setPassword(db, id(form, "userId"), text(form, "password"), actor);
  });
}
