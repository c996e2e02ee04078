import { MIN_PASSWORD_LENGTH, roles } from "@/server/domain/user-rules";
import { getDb } from "@/db/client";
import { allUsers } from "@/server/services/users";
import { AdminFrame } from "../admin-frame";
import { ConfirmForm } from "../confirm-form";
import { TextField } from "../field";
import { requireAdmin } from "../require-admin";
import type { StatusParams } from "../status";
import { badgeClass, buttonClass, captionClass, cardClass, inputClass, labelClass, secondaryButtonClass, smallInputClass, tableClass, tdClass, thClass } from "../styles";
import { KeepForm } from "@/app/_lib/keep-form";
import { keptForm } from "@/app/_lib/kept-form";
import { changeRoleAction, createUserAction, resetPasswordAction, setActiveAction } from "./actions";

export default async function UsersPage({ searchParams }: { searchParams: Promise<StatusParams> }) {
  const { user: me, t } = await requireAdmin();
  const users = allUsers(getDb());
  // The password is never kept: a refused form asks for it again.
  const kept = await keptForm("user.create");
  return (
    <AdminFrame t={t} current="users" title={t("admin.users.title")} params={await searchParams}>
      <div className="overflow-x-auto">
        <table className={tableClass} data-testid="users-table">
          <caption className={captionClass}>{t("admin.users.caption")}</caption>
          <thead>
            <tr>
              <th scope="col" className={thClass}>{t("admin.users.col.name")}</th>
              <th scope="col" className={thClass}>{t("admin.users.col.email")}</th>
              <th scope="col" className={thClass}>{t("admin.users.col.role")}</th>
              <th scope="col" className={thClass}>{t("admin.users.col.status")}</th>
              <th scope="col" className={thClass}>{t("admin.common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row" className={`${tdClass} font-medium`}>
                  {u.name} {u.id === me.id && <span className="font-normal text-slate-600">{t("admin.users.you")}</span>}
                </th>
                <td className={tdClass}>{u.email}</td>
                <td className={tdClass}>
                  <form action={changeRoleAction} className="flex items-center gap-2">
                    <input type="hidden" name="userId" value={u.id} />
                    <label className="sr-only" htmlFor={`role-${u.id}`}>{t("admin.users.role.label", { name: u.name })}</label>
                    <select id={`role-${u.id}`} name="role" defaultValue={u.role} className={smallInputClass}>
                      {roles.map((r) => (
                        <option key={r} value={r}>{t(`shell.role.${r}`)}</option>
                      ))}
                    </select>
                    <button type="submit" className={secondaryButtonClass}>
                      {t("admin.users.role.submit")}
                      <span className="sr-only"> ({u.name})</span>
                    </button>
                  </form>
                </td>
                <td className={tdClass}>
                  <span className={badgeClass}>{u.active ? t("admin.common.active") : t("admin.common.inactive")}</span>
                </td>
                <td className={`${tdClass} space-y-2`}>
                  {!u.active ? (
                    <form action={setActiveAction}>
                      <input type="hidden" name="userId" value={u.id} />
                      <input type="hidden" name="active" value="true" />
                      <button type="submit" className={secondaryButtonClass}>
                        {t("admin.users.reactivate")}
                        <span className="sr-only"> {u.name}</span>
                      </button>
                    </form>
                  ) : u.id === me.id ? (
                    <p className="max-w-48 text-xs text-slate-600">{t("admin.users.selfNote")}</p>
                  ) : (
                    <ConfirmForm
                      action={setActiveAction}
                      fields={{ userId: u.id, active: "false" }}
                      verb={t("admin.users.deactivate")}
                      target={u.name}
                      confirm={t("admin.users.deactivateConfirm", { name: u.name })}
                      testId={`deactivate-${u.id}`}
                    />
                  )}
                  <form action={resetPasswordAction} className="flex items-center gap-2">
                    <input type="hidden" name="userId" value={u.id} />
                    <label className="sr-only" htmlFor={`password-${u.id}`}>{t("admin.users.password.label", { name: u.name })}</label>
                    <input
                      id={`password-${u.id}`}
                      name="password"
                      type="password"
                      autoComplete="new-password"
                      required
                      minLength={MIN_PASSWORD_LENGTH}
                      className={smallInputClass}
                    />
                    <button type="submit" className={secondaryButtonClass}>
                      {t("admin.users.password.submit")}
                      <span className="sr-only"> ({u.name})</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="create-user" className={cardClass}>
        <h2 id="create-user" className="mb-4 text-base font-semibold">{t("admin.users.create.title")}</h2>
        <form action={createUserAction} className="grid gap-4 sm:grid-cols-2" data-testid="create-user-form">
          <KeepForm id={kept.id} />
          <TextField id="new-user-name" name="name" required maxLength={100} autoComplete="off" defaultValue={kept.value("name")} label={t("admin.users.field.name")} />
          <TextField id="new-user-email" name="email" type="email" required maxLength={254} autoComplete="off" defaultValue={kept.value("email")} label={t("admin.users.field.email")} />
          <div>
            <label htmlFor="new-user-role" className={labelClass}>{t("admin.users.field.role")}</label>
            <select id="new-user-role" name="role" defaultValue={kept.value("role") ?? "agent"} className={inputClass}>
              {roles.map((r) => (
                <option key={r} value={r}>{t(`shell.role.${r}`)}</option>
              ))}
            </select>
          </div>
          <TextField
            id="new-user-password"
            name="password"
            type="password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            autoComplete="new-password"
            label={t("admin.users.field.password")}
            hint={t("admin.users.passwordHint")}
          />
          <div className="sm:col-span-2">
            <button type="submit" className={buttonClass}>{t("admin.users.create.submit")}</button>
          </div>
        </form>
      </section>
    </AdminFrame>
  );
}
