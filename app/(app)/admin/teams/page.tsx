import { getDb } from "@/db/client";
import { DISTRIBUTION_MODES } from "@/server/domain/routing";
import { formatDateTime } from "@/server/i18n/format";
import { systemClock } from "@/server/services/clock";
import { channelTeams, teamsOverview, type TeamView } from "@/server/services/routing/overview";
import { allUsers } from "@/server/services/users";
import { KeepForm } from "@/app/_lib/keep-form";
import { keptForm, type KeptForm } from "@/app/_lib/kept-form";
import { AdminFrame } from "../admin-frame";
import { ConfirmForm } from "../confirm-form";
import { TextAreaField, TextField } from "../field";
import { requireAdmin } from "../require-admin";
import type { StatusParams } from "../status";
import { badgeClass, buttonClass, cardClass, inputClass, labelClass, secondaryButtonClass, smallInputClass, tableClass, tdClass, thClass } from "../styles";
import {
  addMemberAction,
  createTeamAction,
  deleteTeamAction,
  makeDefaultTeamAction,
  removeMemberAction,
  saveHoursAction,
  saveTeamAction,
  setCapacityAction,
  setChannelTeamAction,
} from "./actions";

type T = Awaited<ReturnType<typeof requireAdmin>>["t"];

function intervalsText(team: TeamView, day: number): string {
  return (team.schedule?.days[day] ?? []).map((i) => `${i.start}-${i.end}`).join(", ");
}

function TeamCard({ team, t, people, kept, keptHours, locale, timeZone }: { team: TeamView; t: T; people: Array<{ id: number; name: string }>; kept: KeptForm; keptHours: KeptForm; locale: Parameters<typeof formatDateTime>[1]; timeZone: string }) {
  const outside = people.filter((p) => !team.members.some((m) => m.id === p.id));
  const slug = `team-${team.id}`;
  const value = (name: string, fallback: string) => kept.value(name) ?? fallback;
  const hours = (name: string, fallback: string) => keptHours.value(name) ?? fallback;
  return (
    <section aria-labelledby={`${slug}-title`} className={`${cardClass} space-y-5`} data-testid={slug}>
      <header className="flex flex-wrap items-center gap-2">
        <h2 id={`${slug}-title`} className="text-lg font-semibold">{team.name}</h2>
        {team.isDefault && <span className={badgeClass}>{t("teams.default")}</span>}
        <span className={badgeClass}>{team.openNow ? t("teams.open") : t("teams.closed")}</span>
        <span className="text-sm text-slate-700">
          {t("teams.waiting", { count: team.waiting })}
          {team.oldestQueuedAt !== null && ` · ${t("teams.oldest", { time: formatDateTime(team.oldestQueuedAt, locale, timeZone) })}`}
        </span>
      </header>

      <form action={saveTeamAction} className="grid gap-4 md:grid-cols-2" aria-label={t("teams.settings", { name: team.name })}>
        <input type="hidden" name="teamId" value={team.id} />
        <KeepForm id={kept.id} />
        <TextField id={`${slug}-name`} name="name" label={t("teams.field.name")} defaultValue={value("name", team.name)} required maxLength={60} />
        <div>
          <label htmlFor={`${slug}-mode`} className={labelClass}>{t("teams.field.mode")}</label>
          <select id={`${slug}-mode`} name="mode" defaultValue={value("mode", team.mode)} className={inputClass}>
            {DISTRIBUTION_MODES.map((mode) => (
              <option key={mode} value={mode}>{t(`teams.mode.${mode}`)}</option>
            ))}
          </select>
        </div>
        <TextField id={`${slug}-capacity`} name="capacity" type="number" label={t("teams.field.capacity")} hint={t("teams.field.capacity.hint")} defaultValue={value("capacity", String(team.capacity))} required />
        <TextField id={`${slug}-offer`} name="offerSeconds" type="number" label={t("teams.field.offerSeconds")} hint={t("teams.field.offerSeconds.hint")} defaultValue={value("offerSeconds", String(team.offerSeconds))} required />
        <TextAreaField id={`${slug}-away`} name="awayMessage" label={t("teams.field.away")} hint={t("teams.field.away.hint")} defaultValue={value("awayMessage", team.awayMessage ?? "")} rows={2} />
        <TextAreaField id={`${slug}-greeting`} name="greeting" label={t("teams.field.greeting")} hint={t("teams.field.greeting.hint")} defaultValue={value("greeting", team.greeting ?? "")} rows={2} />
        <div className="md:col-span-2">
          <button type="submit" className={buttonClass}>{t("teams.save")}<span className="sr-only"> {team.name}</span></button>
        </div>
      </form>

      <div className="overflow-x-auto">
        <table className={tableClass}>
          <caption className="mb-2 text-left text-sm font-semibold">{t("teams.members", { name: team.name })}</caption>
          <thead>
            <tr>
              <th scope="col" className={thClass}>{t("teams.col.agent")}</th>
              <th scope="col" className={thClass}>{t("teams.col.availability")}</th>
              <th scope="col" className={thClass}>{t("teams.col.load")}</th>
              <th scope="col" className={thClass}>{t("teams.col.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {team.members.map((m) => (
              <tr key={m.id} data-testid={`${slug}-member-${m.id}`}>
                <th scope="row" className={`${tdClass} font-medium`}>{m.name}</th>
                <td className={tdClass}>{t(`availability.${m.availability}`)}</td>
                <td className={tdClass}>{`${m.load} / ${m.capacity}`}</td>
                <td className={tdClass}>
                  <form action={removeMemberAction}>
                    <input type="hidden" name="teamId" value={team.id} />
                    <input type="hidden" name="userId" value={m.id} />
                    <button type="submit" className={secondaryButtonClass}>{t("teams.remove")}<span className="sr-only"> {m.name}</span></button>
                  </form>
                </td>
              </tr>
            ))}
            {team.members.length === 0 && (
              <tr>
                <td colSpan={4} className={tdClass}>{t("teams.noMembers")}</td>
              </tr>
            )}
          </tbody>
        </table>
        {outside.length > 0 && (
          <form action={addMemberAction} className="mt-3 flex flex-wrap items-center gap-2">
            <input type="hidden" name="teamId" value={team.id} />
            <label htmlFor={`${slug}-add`} className="sr-only">{t("teams.addMember.label", { name: team.name })}</label>
            <select id={`${slug}-add`} name="userId" className={smallInputClass}>
              {outside.map((p) => (
                <option key={p.id} value={p.id}>{p.name}</option>
              ))}
            </select>
            <button type="submit" className={secondaryButtonClass}>{t("teams.addMember")}<span className="sr-only"> {team.name}</span></button>
          </form>
        )}
      </div>

      <form action={saveHoursAction} className="space-y-3" aria-label={t("teams.hours", { name: team.name })}>
        <h3 className="text-sm font-semibold">{t("teams.hours", { name: team.name })}</h3>
        <input type="hidden" name="teamId" value={team.id} />
        <KeepForm id={keptHours.id} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="always" defaultChecked={keptHours.held ? keptHours.value("always") !== undefined : team.schedule === null} />
          {t("teams.hours.always")}
        </label>
        <div className="grid gap-3 md:grid-cols-2">
          <TextField id={`${slug}-zone`} name="timeZone" label={t("teams.hours.timeZone")} defaultValue={hours("timeZone", team.schedule?.timeZone ?? timeZone)} />
          {Array.from({ length: 7 }, (_, day) => (
            <TextField key={day} id={`${slug}-day${day}`} name={`day${day}`} label={t("teams.hours.day", { day: t(`day.${day}` as "day.0") })} defaultValue={hours(`day${day}`, intervalsText(team, day))} />
          ))}
          <TextField id={`${slug}-holidays`} name="holidays" label={t("teams.hours.holidays")} defaultValue={hours("holidays", team.schedule?.holidays.join(", ") ?? "")} className="md:col-span-2" />
        </div>
        <button type="submit" className={secondaryButtonClass}>{t("teams.hours.save")}<span className="sr-only"> {team.name}</span></button>
      </form>

      {!team.isDefault && (
        <div className="flex flex-wrap items-start gap-2">
          <form action={makeDefaultTeamAction}>
            <input type="hidden" name="teamId" value={team.id} />
            <button type="submit" className={secondaryButtonClass}>{t("teams.makeDefault")}<span className="sr-only"> {team.name}</span></button>
          </form>
          <ConfirmForm action={deleteTeamAction} fields={{ teamId: team.id }} verb={t("teams.delete")} target={team.name} confirm={t("teams.deleteConfirm", { name: team.name })} testId={`delete-team-${team.id}`} />
        </div>
      )}
    </section>
  );
}

export default async function TeamsPage({ searchParams }: { searchParams: Promise<StatusParams> }) {
  const { t, user, locale } = await requireAdmin();
  const db = getDb();
  const now = systemClock();
  const teams = teamsOverview(db, user, now);
  const people = allUsers(db).filter((u) => u.active);
  const channels = channelTeams(db);
  const [create, ...kept] = await Promise.all([
    keptForm("team.create"),
    ...teams.flatMap((team) => [keptForm(`team.settings:${team.id}`), keptForm(`team.hours:${team.id}`)]),
  ]);
  const capacities = await Promise.all(people.map(async (person) => ({ ...person, kept: await keptForm(`team.capacity:${person.id}`) })));
  return (
    <AdminFrame t={t} current="teams" title={t("teams.title")} params={await searchParams}>
      <p className="text-sm text-slate-700">{t("teams.intro")}</p>
      {teams.map((team, i) => (
        <TeamCard key={team.id} team={team} t={t} people={people} kept={kept[i * 2]!} keptHours={kept[i * 2 + 1]!} locale={locale} timeZone={user.timeZone} />
      ))}

      <section aria-labelledby="new-team" className={cardClass}>
        <h2 id="new-team" className="mb-4 text-base font-semibold">{t("teams.create")}</h2>
        <form action={createTeamAction} className="flex flex-wrap items-end gap-4">
          <KeepForm id={create.id} />
          <TextField id="new-team-name" name="name" label={t("teams.field.name")} required maxLength={60} defaultValue={create.value("name")} className="min-w-64 flex-1" />
          <div>
            <label htmlFor="new-team-mode" className={labelClass}>{t("teams.field.mode")}</label>
            <select id="new-team-mode" name="mode" defaultValue={create.value("mode") ?? "manual"} className={inputClass}>
              {DISTRIBUTION_MODES.map((mode) => (
                <option key={mode} value={mode}>{t(`teams.mode.${mode}`)}</option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass}>{t("teams.create.submit")}</button>
        </form>
      </section>

      <section aria-labelledby="team-channels" className={cardClass}>
        <h2 id="team-channels" className="mb-1 text-base font-semibold">{t("teams.channels")}</h2>
        <p className="mb-3 text-sm text-slate-700">{t("teams.channels.intro")}</p>
        <ul className="space-y-2">
          {channels.map((channel) => (
            <li key={channel.id}>
              <form action={setChannelTeamAction} className="flex flex-wrap items-center gap-2">
                <input type="hidden" name="channelId" value={channel.id} />
                <label htmlFor={`channel-team-${channel.id}`} className="min-w-48 text-sm">{t("teams.channels.team", { name: channel.name })}</label>
                <select id={`channel-team-${channel.id}`} name="teamId" defaultValue={channel.teamId ?? ""} className={smallInputClass}>
                  <option value="">{t("teams.channels.default")}</option>
                  {teams.map((team) => (
                    <option key={team.id} value={team.id}>{team.name}</option>
                  ))}
                </select>
                <button type="submit" className={secondaryButtonClass}>{t("teams.channels.save")}<span className="sr-only"> {channel.name}</span></button>
              </form>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="agent-capacities" className={cardClass}>
        <h2 id="agent-capacities" className="mb-3 text-base font-semibold">{t("teams.capacities")}</h2>
        <ul className="space-y-2">
          {capacities.map((person) => (
            <li key={person.id}>
              <form action={setCapacityAction} className="flex flex-wrap items-center gap-2">
                <KeepForm id={person.kept.id} />
                <input type="hidden" name="userId" value={person.id} />
                <label htmlFor={`capacity-${person.id}`} className="min-w-64 text-sm">{t("teams.capacities.label", { name: person.name })}</label>
                <input id={`capacity-${person.id}`} name="capacity" type="number" defaultValue={person.kept.value("capacity") ?? person.capacity ?? ""} className={`${smallInputClass} w-24`} />
                <button type="submit" className={secondaryButtonClass}>{t("teams.capacities.save")}<span className="sr-only"> {person.name}</span></button>
              </form>
            </li>
          ))}
        </ul>
      </section>
    </AdminFrame>
  );
}
