"use server";

import { randomUUID } from "node:crypto";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { WebhookError } from "@/server/channels/types";
import { clientIp } from "@/server/http/rate-limit";
import { decodeSession, newVisitorId, PAGE_COOKIE, pagePath, sessionCookies, webchatLimits } from "@/server/http/webchat-session";
import { cleanVisitorName, postVisitorMessage, webchatChannelById } from "@/server/services/webchat";

// The chat page's forms, for visitors without JavaScript (and the name form for everyone).

const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

export async function startChatAction(form: FormData): Promise<void> {
  const channelId = field(form, "channelId");
  const channel = webchatChannelById(getDb(), channelId);
  const name = cleanVisitorName(field(form, "name"));
  if (!name) redirect(`${pagePath(channel.id)}?error=name`);
  const jar = await cookies();
  for (const c of sessionCookies(channel.id, { visitorId: newVisitorId(), name })) jar.set(c);
  redirect(pagePath(channel.id));
}

export async function sendChatAction(form: FormData): Promise<void> {
  const channel = webchatChannelById(getDb(), field(form, "channelId"));
  const session = decodeSession((await cookies()).get(PAGE_COOKIE)?.value);
  if (!session) redirect(pagePath(channel.id));
  const now = Date.now();
  const ip = clientIp(await headers());
  if (webchatLimits.messagesPerIp.take(ip, now) !== true || webchatLimits.messagesPerVisitor.take(session.visitorId, now) !== true) {
    redirect(`${pagePath(channel.id)}?error=rate`);
  }
  try {
    // The form carries an id made when the page was rendered, so a resubmitted form stores once.
    const clientMessageId = field(form, "clientMessageId") || randomUUID();
    const choiceId = field(form, "choiceId");
    postVisitorMessage(getDb(), channel, { ...session, text: field(form, "text"), clientMessageId, ...(choiceId ? { choiceId } : {}) }, now);
  } catch (err) {
    if (err instanceof WebhookError) redirect(`${pagePath(channel.id)}?error=message`);
    throw err;
  }
  redirect(pagePath(channel.id));
}
