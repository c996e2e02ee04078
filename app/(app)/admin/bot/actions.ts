"use server";

import { freeStepId, moveStep, putStep, removeStep, wordList } from "@/server/domain/bot/edit";
import type { FlowInput } from "@/server/domain/bot/flow";
import { assignChannelFlow, createFlow, deleteFlow, flowDetail, importFlowJson, publishFlow, saveDraft, storeBotMedia } from "@/server/services/bot/flows";
import type { PublicUser } from "@/server/services/users";
import { FormInputError, id, oneOf, text } from "../form-data";
import { requireConfirmation, runAdminAction } from "../run-action";
import { stepFromForm } from "./step-input";

// Every bot editor form posts here, its button naming what to do (op): one server action, each op one
// service call, so the editor works as plain HTML forms.

const OPS = ["create", "assign", "delete", "settings", "addStep", "saveStep", "moveUp", "moveDown", "removeStep", "import", "publish"] as const;
const LIST = "/admin/bot";
const editor = (flowId: number) => `/admin/bot/${flowId}`;

export async function botAction(form: FormData): Promise<void> {
  const op = oneOf(form, "op", OPS);
  if (op === "create") {
    return runAdminAction("manageBotFlows", LIST, "bot.created", ({ db, user, actor }) => {
      const flow = createFlow(db, { viewer: user, now: actor.now }, { name: text(form, "name"), sample: text(form, "start") !== "empty" });
      return { to: editor(flow.id) };
    }, form);
  }
  if (op === "assign") {
    return runAdminAction("manageBotFlows", LIST, "bot.assigned", ({ db, user, actor }) => {
      const flowId = text(form, "flowId") ? id(form, "flowId") : null;
      const hours = text(form, "returningAfterHours").trim();
      assignChannelFlow(db, { viewer: user, now: actor.now }, { channelId: id(form, "channelId"), flowId, returningAfterHours: hours ? Number(hours) : null });
    }, form);
  }
  if (op === "delete") {
    await requireConfirmation(form, "manageBotFlows", LIST);
    return runAdminAction("manageBotFlows", LIST, "bot.deleted", ({ db, user, actor }) => deleteFlow(db, { viewer: user, now: actor.now }, id(form, "flowId")));
  }

  const flowId = id(form, "flowId");
  const back = editor(flowId);
  return runAdminAction("manageBotFlows", back, okFor(op), async ({ db, user, actor }) => {
    const ctx = { viewer: user, now: actor.now };
    const draft = () => flowDetail(db, user, flowId).flow.draft as unknown as FlowInput;
    switch (op) {
      case "settings": {
        const minutes = Number(text(form, "noReplyMinutes"));
        const next: FlowInput = {
          ...draft(),
          start: text(form, "start"),
          handoffKeywords: wordList(text(form, "handoffKeywords")),
          handoffText: text(form, "handoffText").trim() || undefined,
          listButton: text(form, "listButton").trim() || undefined,
          teamId: text(form, "teamId") ? Number(text(form, "teamId")) : null,
          schedule: scheduleFrom(form),
          noReply: {
            minutes: Number.isFinite(minutes) ? minutes : 30,
            action: text(form, "noReplyAction") === "handoff" ? "handoff" : "close",
            text: text(form, "noReplyText").trim() || undefined,
            teamId: null,
          },
        };
        saveDraft(db, ctx, flowId, next, text(form, "name"));
        return;
      }
      case "addStep": {
        const current = draft();
        const stepId = freeStepId(current, text(form, "newId") || text(form, "kind"));
        saveDraft(db, ctx, flowId, putStep(current, await withUpload(user, form, stepFromForm(form, stepId))));
        return { to: `${back}#step-${stepId}` };
      }
      case "saveStep": {
        const stepId = text(form, "stepId");
        if (!stepId) throw new FormInputError("stepId");
        saveDraft(db, ctx, flowId, putStep(draft(), await withUpload(user, form, stepFromForm(form, stepId)), { replace: stepId }));
        return { to: `${back}#step-${stepId}` };
      }
      case "moveUp":
      case "moveDown":
        saveDraft(db, ctx, flowId, moveStep(draft(), text(form, "stepId"), op === "moveUp" ? -1 : 1));
        return;
      case "removeStep":
        saveDraft(db, ctx, flowId, removeStep(draft(), text(form, "stepId")));
        return;
      case "import":
        importFlowJson(db, ctx, flowId, text(form, "json"));
        return;
      case "publish":
        publishFlow(db, ctx, flowId);
        return;
    }
  }, form);
}

function okFor(op: (typeof OPS)[number]) {
  switch (op) {
    case "publish":
      return "bot.published" as const;
    case "import":
      return "bot.imported" as const;
    default:
      return "bot.saved" as const;
  }
}

/** A message step's uploaded file (multipart), stored by hash and put on the step. */
async function withUpload<T extends { kind: string }>(user: PublicUser, form: FormData, step: T): Promise<T> {
  const file = form.get("mediaFile");
  if (step.kind !== "message" || !(file instanceof File) || file.size === 0) return step;
  const media = storeBotMedia(user, { bytes: Buffer.from(await file.arrayBuffer()), fileName: file.name, mimeType: file.type });
  return { ...step, media };
}

/** The flow's own opening hours from the settings form: weekdays, Saturday, Sunday; none without a time zone. */
function scheduleFrom(form: FormData): FlowInput["schedule"] {
  const timeZone = text(form, "hoursTimeZone").trim();
  if (!timeZone) return undefined;
  const interval = (prefix: string) => {
    const start = text(form, `${prefix}Start`);
    const end = text(form, `${prefix}End`);
    return start && end ? [{ start, end }] : [];
  };
  const weekday = interval("weekday");
  return { timeZone, days: [weekday, weekday, weekday, weekday, weekday, interval("saturday"), interval("sunday")], holidays: [] };
}
