import { channelLabel } from "../channel-names";
import { choicesForm, numberedMenuText, surfacesOf, type ChoicesContent } from "../choices";
import { isDomainError } from "../errors";
import { mediaKindOf, validateMedia } from "../media-limits";
import { limitFor } from "../message-limits";
import { formatCount, graphemeCount } from "../text";
import type { ChannelRef } from "../types";
import { menuMessage, type BotMessage } from "./engine";
import type { Flow, FlowIssue, Step } from "./flow";

// Limits are checked when a flow is saved, for every channel it is assigned to: each text the bot can
// send, as that channel will really send it (a menu that falls back to a numbered text is that text).

/** The text a channel sends for a bot message: the body, or the numbered menu where no interactive form fits. */
export function sentTexts(channel: ChannelRef, message: BotMessage): string[] {
  if (!message.choices) return [message.text];
  const content: ChoicesContent = { body: message.text, ...message.choices };
  return surfacesOf(channel).map((surface) => (choicesForm(surface, content) === "numbered" ? numberedMenuText(content) : content.body));
}

/** The longest text a bot may send on this channel (1,024, or less where the channel allows less). */
export function botLimit(channel: ChannelRef): number {
  return limitFor({ channelType: channel.type, zenviaChannel: channel.zenviaChannel ?? null, purpose: "bot" });
}

/** Every message a step can send, with what it is for the error. */
function stepMessages(flow: Flow, step: Step): Array<{ what: string; message: BotMessage }> {
  const out: Array<{ what: string; message: BotMessage }> = [];
  switch (step.kind) {
    case "message":
    case "question":
      out.push({ what: "text", message: { text: step.text } });
      break;
    case "menu":
      out.push({ what: "menu", message: menuMessage(flow, step) });
      break;
    case "handoff":
    case "close":
      if (step.text) out.push({ what: "text", message: { text: step.text } });
      break;
    default:
      break;
  }
  if ((step.kind === "menu" || step.kind === "question") && step.retryText) out.push({ what: "retry text", message: { text: step.retryText } });
  return out;
}

export function flowLimitIssues(flow: Flow, channels: readonly ChannelRef[]): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const check = (stepId: string | null, what: string, message: BotMessage) => {
    for (const channel of channels) {
      const max = botLimit(channel);
      for (const text of sentTexts(channel, message)) {
        const count = text.length <= max ? text.length : graphemeCount(text);
        if (count > max) {
          const where = stepId ? `Step “${stepId}”` : "The flow";
          issues.push({
            stepId,
            message: `${where}: the ${what} is ${formatCount(count)} characters as ${channelLabel(channel)} sends it; the limit there is ${formatCount(max)}.`,
            key: stepId ? "error.bot.limit" : "error.bot.flowLimit",
            params: { step: stepId ?? "", channel: channelLabel(channel), count, max },
          });
        }
      }
    }
  };
  for (const step of flow.steps) for (const { what, message } of stepMessages(flow, step)) check(step.id, what, message);
  for (const step of flow.steps) {
    if (step.kind !== "message" || !step.media) continue;
    const m = step.media;
    for (const channel of channels) {
      try {
        validateMedia({ kind: mediaKindOf(m.mimeType), fileName: m.fileName, mimeType: m.mimeType, size: m.size }, channel);
      } catch (err) {
        if (!isDomainError(err)) throw err;
        issues.push({
          stepId: step.id,
          message: `Step “${step.id}”: ${channelLabel(channel)} can't send its file: ${err.message}`,
          key: "error.bot.media",
          params: { step: step.id, channel: channelLabel(channel), file: m.fileName },
        });
      }
    }
  }
  if (flow.handoffText) check(null, "hand-off text", { text: flow.handoffText });
  if (flow.noReply.text) check(null, "no-reply text", { text: flow.noReply.text });
  return issues;
}
