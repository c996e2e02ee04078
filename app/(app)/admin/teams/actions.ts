"use server";

import { DISTRIBUTION_MODES } from "@/server/domain/routing";
import type { Schedule } from "@/server/domain/business-hours";
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
} from "@/server/services/routing/teams";
import { checked, FormInputError, id, oneOf, text } from "../form-data";
import { requireConfirmation, runAdminAction } from "../run-action";

// The teams screen's forms (issue 13): plain posts that work without JavaScript. The services validate
// (capacity, offer time, intervals, zones, a channel's team with agents) and refusals come back translated.

const BACK = "/admin/teams";
const POLICY = "manageSettings";

/** "" → null, a whole number → it, anything else is a value the service refuses with its own message. */
function optionalNumber(form: FormData, name: string): number | null {
  const raw = text(form, name).trim();
  if (raw === "") return null;
  return /^-?\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
}

function requiredNumber(form: FormData, name: string): number {
  const value = optionalNumber(form, name);
  if (value === null) throw new FormInputError(name);
  return value;
}

export async function createTeamAction(form: FormData): Promise<void> {
  await runAdminAction(POLICY, BACK, "team.created", ({ db, actor }) => {
    createTeam(db, { name: text(form, "name"), mode: oneOf(form, "mode", DISTRIBUTION_MODES) }, actor);
  }, form);
}

export async function saveTeamAction(form: FormData): Promise<void> {
  await runAdminAction(POLICY, BACK, "team.saved", ({ db, actor }) => {
    updateTeamSettings(
      db,
      id(form, "teamId"),
      {
        name: text(form, "name"),
        mode: oneOf(form, "mode", DISTRIBUTION_MODES),
        capacity: requiredNumber(form, "capacity"),
        offerSeconds: requiredNumber(form, "offerSeconds"),
        awayMessage: text(form, "awayMessage"),
        greeting: text(form, "greeting"),
      },
      actor,
    );
  }, form);
}

export async function saveHoursAction(form: FormData): Promise<void> {
  await runAdminAction(POLICY, BACK, "team.hours", ({ db, actor }) => {
    const schedule: Schedule | null = checked(form, "always")
      ? null
      : {
          timeZone: text(form, "timeZone").trim(),
          days: Array.from({ length: 7 }, (_, day) =>
            text(form, `day${day}`)
              .split(",")
              .map((part) => part.trim())
              .filter(Boolean)
              .map((part) => {
                const [start = "", end = ""] = part.split("-").map((s) => s.trim());
                return { start, end };
              }),
          ),
          holidays: text(form, "holidays").split(",").map((h) => h.trim()).filter(Boolean),
        };
    setTeamHours(db, id(form, "teamId"), schedule, actor);
  }, form);
}

export async function addMemberAction(form: FormData): Promise<void> {
  await runAdminAction(POLICY, BACK, "team.member", ({ db, actor }) => {
    addTeamMember(db, id(form, "teamId"), id(form, "userId"), actor);
  });
}

export async function removeMemberAction(form: FormData): Promise<void> {
  await runAdminAction(POLICY, BACK, "team.member", ({ db, actor }) => {
    removeTeamMember(db, id(form, "teamId"), id(form, "userId"), actor);
  });
}

export async function makeDefaultTeamAction(form: FormData): Promise<void> {
  await runAdminAction(POLICY, BACK, "team.default", ({ db, actor }) => {
    makeDefaultTeam(db, id(form, "teamId"), actor);
  });
}

export async function deleteTeamAction(form: FormData): Promise<void> {
  await requireConfirmation(form, POLICY, BACK);
  await runAdminAction(POLICY, BACK, "team.deleted", ({ db, actor }) => {
    deleteTeam(db, id(form, "teamId"), actor);
  });
}

export async function setChannelTeamAction(form: FormData): Promise<void> {
  await runAdminAction(POLICY, BACK, "team.channel", ({ db, actor }) => {
    const team = text(form, "teamId");
    setChannelDefaultTeam(db, id(form, "channelId"), team === "" ? null : id(form, "teamId"), actor);
  });
}

export async function setCapacityAction(form: FormData): Promise<void> {
  await runAdminAction(POLICY, BACK, "team.capacity", ({ db, actor }) => {
    setAgentCapacity(db, id(form, "userId"), optionalNumber(form, "capacity"), actor);
  }, form);
}
