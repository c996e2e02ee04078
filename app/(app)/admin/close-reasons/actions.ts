"use server";

import { closeReasons } from "@/server/services/catalog";
import { id, text } from "../form-data";
import { requireConfirmation, runAdminAction } from "../run-action";

const BACK = "/admin/close-reasons";

export async function createReasonAction(form: FormData): Promise<void> {
  await runAdminAction("manageCloseReasons", BACK, "reason.created", ({ db, actor }) => {
    closeReasons.create(db, text(form, "label"), actor);
  }, form);
}

export async function renameReasonAction(form: FormData): Promise<void> {
  await runAdminAction("manageCloseReasons", BACK, "reason.renamed", ({ db, actor }) => {
    closeReasons.update(db, id(form, "reasonId"), { label: text(form, "label") }, actor);
  }, form);
}

export async function setReasonActiveAction(form: FormData): Promise<void> {
  const active = text(form, "active") === "true";
  await runAdminAction("manageCloseReasons", BACK, active ? "reason.activated" : "reason.archived", ({ db, actor }) => {
    closeReasons.update(db, id(form, "reasonId"), { active }, actor);
  });
}

export async function deleteReasonAction(form: FormData): Promise<void> {
  await requireConfirmation(form, "manageCloseReasons", BACK);
  await runAdminAction("manageCloseReasons", BACK, "reason.deleted", ({ db, actor }) => {
    // A reason that closed chats is archived instead (the service decides), so those chats keep their reason.
    const { archived } = closeReasons.remove(db, id(form, "reasonId"), actor);
    return archived ? { ok: "reason.archived" } : undefined;
  });
}
