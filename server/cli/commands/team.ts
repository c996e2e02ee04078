import { DISTRIBUTION_MODES, type DistributionMode } from "@/server/domain/routing";
import type { Schedule } from "@/server/domain/business-hours";
import { findTeam, findTeamByName } from "@/server/repositories/teams";
import { teamsOverview } from "@/server/services/routing/overview";
import {
  addTeamMember,
  createTeam,
  deleteTeam,
  makeDefaultTeam,
  removeTeamMember,
  setAgentCapacity,
  setChannelDefaultTeam,
  setTeamHours,
  updateTeamSettings,
  type TeamSettings,
} from "@/server/services/routing/teams";
import { findUserByEmailOrThrow } from "@/server/services/users";
import { cliActor, cliDb } from "../context";
import { parse, required, UsageError, type CliIo } from "../io";

// Teams, membership, opening hours and capacity for operators (issue 13). A team is named by its id or name.

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const USAGE = {
  list: "charla team list [--json]",
  add: "charla team add --name N [--mode manual|round_robin|balanced|offer] [--capacity C] [--offer-seconds S] [--json]",
  set: "charla team set --team T [--name N] [--mode M] [--capacity C] [--offer-seconds S] [--away-message TEXT] [--greeting TEXT] [--default]",
  delete: "charla team delete --team T",
  member: "charla team member add|remove --team T --email E",
  hours: "charla team hours --team T (--always | --time-zone Z [--mon 09:00-12:00,13:00-18:00 ... --sun ...] [--holidays 2026-12-25,...])",
  channel: "charla team channel --channel ID --team T|default",
  capacity: "charla team capacity --email E --capacity N|default",
};

function teamId(value: string): number {
  const db = cliDb();
  const team = /^\d+$/.test(value) ? findTeam(db, Number(value)) : findTeamByName(db, value);
  if (!team) throw new UsageError(`There is no team “${value}”. See charla team list.`);
  return team.id;
}

function integer(value: string | undefined, flag: string, usage: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number; got “${value}”.\nUsage: ${usage}`);
  return Number(value);
}

function mode(value: string | undefined, usage: string): DistributionMode | undefined {
  if (value === undefined) return undefined;
  if (!DISTRIBUTION_MODES.includes(value as DistributionMode)) throw new UsageError(`--mode must be one of ${DISTRIBUTION_MODES.join(", ")}; got “${value}”.\nUsage: ${usage}`);
  return value as DistributionMode;
}

function intervals(value: string | undefined): Schedule["days"][number] {
  if (!value) return [];
  return value.split(",").map((part) => {
    const [start = "", end = ""] = part.trim().split("-");
    return { start: start.trim(), end: end.trim() };
  });
}

function printTeams(io: CliIo, json: boolean): void {
  const teams = teamsOverview(cliDb(), { id: 0, role: "admin" }, Date.now());
  if (json) return io.out(JSON.stringify(teams));
  for (const t of teams) {
    io.out(`#${t.id}\t${t.name}${t.isDefault ? " (default)" : ""}\t${t.mode}\tcapacity ${t.capacity}\t${t.openNow ? "open" : "closed"}\twaiting ${t.waiting}`);
    for (const m of t.members) io.out(`\t#${m.id}\t${m.name}\t${m.availability}\t${m.load} / ${m.capacity}`);
  }
}

export function teamCommand(args: string[], io: CliIo): void {
  const [sub, ...rest] = args;
  switch (sub) {
    case "list": {
      const { values } = parse(rest, { json: { type: "boolean" } }, USAGE.list);
      return printTeams(io, !!values.json);
    }
    case "add": {
      const { values } = parse(rest, { name: { type: "string" }, mode: { type: "string" }, capacity: { type: "string" }, "offer-seconds": { type: "string" }, json: { type: "boolean" } }, USAGE.add);
      required(values, ["name"], USAGE.add);
      const team = createTeam(
        cliDb(),
        { name: values.name!, mode: mode(values.mode, USAGE.add), capacity: integer(values.capacity, "--capacity", USAGE.add), offerSeconds: integer(values["offer-seconds"], "--offer-seconds", USAGE.add) },
        cliActor(),
      );
      if (values.json) return io.out(JSON.stringify({ id: team.id, name: team.name, mode: team.mode, capacity: team.capacity, offerSeconds: team.offerSeconds }));
      return io.out(`Created team ${team.name} (#${team.id}), ${team.mode}.`);
    }
    case "set": {
      const { values } = parse(
        rest,
        { team: { type: "string" }, name: { type: "string" }, mode: { type: "string" }, capacity: { type: "string" }, "offer-seconds": { type: "string" }, "away-message": { type: "string" }, greeting: { type: "string" }, default: { type: "boolean" } },
        USAGE.set,
      );
      required(values, ["team"], USAGE.set);
      const id = teamId(values.team!);
      const change: TeamSettings = {
        name: values.name,
        mode: mode(values.mode, USAGE.set),
        capacity: integer(values.capacity, "--capacity", USAGE.set),
        offerSeconds: integer(values["offer-seconds"], "--offer-seconds", USAGE.set),
        awayMessage: values["away-message"],
        greeting: values.greeting,
      };
      const team = updateTeamSettings(cliDb(), id, change, cliActor());
      if (values.default) makeDefaultTeam(cliDb(), id, cliActor());
      return io.out(`Team ${team.name} (#${team.id}) saved: ${team.mode}, capacity ${team.capacity}${values.default ? ", default" : ""}.`);
    }
    case "delete": {
      const { values } = parse(rest, { team: { type: "string" } }, USAGE.delete);
      required(values, ["team"], USAGE.delete);
      deleteTeam(cliDb(), teamId(values.team!), cliActor());
      return io.out("Team deleted.");
    }
    case "member": {
      const [action, ...more] = rest;
      if (action !== "add" && action !== "remove") throw new UsageError(`Usage: ${USAGE.member}`);
      const { values } = parse(more, { team: { type: "string" }, email: { type: "string" } }, USAGE.member);
      required(values, ["team", "email"], USAGE.member);
      const id = teamId(values.team!);
      const user = findUserByEmailOrThrow(cliDb(), values.email!);
      if (action === "add") addTeamMember(cliDb(), id, user.id, cliActor());
      else removeTeamMember(cliDb(), id, user.id, cliActor());
      return io.out(`${user.email} ${action === "add" ? "joined" : "left"} the team.`);
    }
    case "hours": {
      const options = Object.fromEntries(DAYS.map((d) => [d, { type: "string" as const }]));
      const { values } = parse(rest, { team: { type: "string" }, always: { type: "boolean" }, "time-zone": { type: "string" }, holidays: { type: "string" }, ...options }, USAGE.hours);
      required(values, ["team"], USAGE.hours);
      const v = values as Record<string, string | boolean | undefined>;
      if (!values.always) required(values, ["time-zone"], USAGE.hours);
      const schedule: Schedule | null = values.always
        ? null
        : {
            timeZone: values["time-zone"]!,
            days: DAYS.map((d) => intervals(v[d] as string | undefined)),
            holidays: values.holidays ? values.holidays.split(",").map((h) => h.trim()).filter(Boolean) : [],
          };
      const team = setTeamHours(cliDb(), teamId(values.team!), schedule, cliActor());
      return io.out(schedule ? `Opening hours of ${team.name} saved (${schedule.timeZone}).` : `${team.name} is always open.`);
    }
    case "channel": {
      const { values } = parse(rest, { channel: { type: "string" }, team: { type: "string" } }, USAGE.channel);
      required(values, ["channel", "team"], USAGE.channel);
      const channelId = integer(values.channel, "--channel", USAGE.channel)!;
      setChannelDefaultTeam(cliDb(), channelId, values.team === "default" ? null : teamId(values.team!), cliActor());
      return io.out(`Channel #${channelId}'s new chats go to ${values.team === "default" ? "the default team" : values.team}.`);
    }
    case "capacity": {
      const { values } = parse(rest, { email: { type: "string" }, capacity: { type: "string" } }, USAGE.capacity);
      required(values, ["email", "capacity"], USAGE.capacity);
      const user = findUserByEmailOrThrow(cliDb(), values.email!);
      const capacity = values.capacity === "default" ? null : integer(values.capacity, "--capacity", USAGE.capacity)!;
      setAgentCapacity(cliDb(), user.id, capacity, cliActor());
      return io.out(`${user.email}: capacity ${capacity ?? "from each team"}.`);
    }
    default:
      throw new UsageError(`Usage:\n  ${Object.values(USAGE).join("\n  ")}`);
  }
}
