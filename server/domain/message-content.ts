import { badRequest, preconditionFailed } from "./errors";
import { validateMedia, type MediaKind } from "./media-limits";
import { assertWithinLimit } from "./message-limits";
import { buildPaymentUrl, validatePaymentFields } from "./payment-link";
import { validateTemplateRef, validateTemplateValues } from "./templates";
import type { ChannelRef } from "./types";

// What an agent asks to send, checked and normalized before it is stored and queued. Whether it
// may be sent right now (the 24-hour window) is reply-window.ts's question.

export type OutboundContentInput =
  | { kind: "text"; body: string }
  | {
      kind: "location";
      latitude: number;
      longitude: number;
      name?: string | null;
      address?: string | null;
    }
  | { kind: "payment_link"; amount: number; currency: string; description: string }
  /** A record in the conversation that the agent called the contact. */
  | { kind: "call" }
  | { kind: "template"; name: string; language: string; variables: string[] }
  | { kind: MediaKind; fileName: string; mimeType: string; size: number };

export type OutboundContent =
  | { kind: "text"; body: string }
  | { kind: "location"; latitude: number; longitude: number; name?: string; address?: string }
  | {
      kind: "payment_link";
      amount: number;
      amountCents: number;
      currency: string;
      description: string;
      url: string;
    }
  | { kind: "call" }
  | { kind: "template"; name: string; language: string; variables: string[] }
  | { kind: MediaKind; fileName: string; mimeType: string; size: number };

export interface ContentContext {
  channel: ChannelRef;
  /** Settings → payment links; without it payment links can't be sent. */
  paymentUrlPattern?: string | null;
}

function optionalText(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function coordinate(value: number, name: "latitude" | "longitude", bound: number): number {
  if (!Number.isFinite(value) || value < -bound || value > bound) {
    throw badRequest(`The ${name} must be between -${bound} and ${bound}; got ${value}.`, { key: `error.location.${name}`, params: { value } });
  }
  return value;
}

export function validateOutboundContent(
  input: OutboundContentInput,
  context: ContentContext,
): OutboundContent {
  switch (input.kind) {
    case "text": {
      const body = input.body.trim();
      assertWithinLimit(body, {
        channelType: context.channel.type,
        zenviaChannel: context.channel.zenviaChannel,
        purpose: "reply",
      });
      return { kind: "text", body };
    }
    case "location": {
      const name = optionalText(input.name);
      const address = optionalText(input.address);
      return {
        kind: "location",
        latitude: coordinate(input.latitude, "latitude", 90),
        longitude: coordinate(input.longitude, "longitude", 180),
        ...(name ? { name } : {}),
        ...(address ? { address } : {}),
      };
    }
    case "payment_link": {
      if (!context.paymentUrlPattern?.trim()) {
        throw preconditionFailed(
          "Payment links aren't set up yet; an administrator can add the payment link address in Settings.",
          { key: "error.payment.notSetUp" },
        );
      }
      const fields = validatePaymentFields(input);
      return {
        kind: "payment_link",
        ...fields,
        url: buildPaymentUrl(context.paymentUrlPattern, fields),
      };
    }
    case "call":
      return { kind: "call" };
    case "template": {
      const ref = validateTemplateRef(input);
      return {
        kind: "template",
        ...ref,
        // The count is checked against the template's body by renderTemplate, which has the body.
        variables: validateTemplateValues(input.variables, input.variables.length),
      };
    }
    case "file":
    case "image":
    case "audio":
    case "video":
      return validateMedia(input, context.channel);
  }
}
