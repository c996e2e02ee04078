"use server";

import { z } from "zod";
import { performForm } from "./perform";

// The agent's small tools, as plain forms (they work without JavaScript): "Assign to me" in the chat header
// and the private note under the composer.

const int = z.coerce.number().int().positive();
const chatId = (fd: FormData) => int.parse(fd.get("chatId"));

export async function assignToMeAction(formData: FormData): Promise<void> {
  const expected = String(formData.get("expectedAssigneeId") ?? "");
  await performForm(
    formData,
    (api) => api.chats.assignToMe({ chatId: chatId(formData), expectedAssigneeId: expected === "" ? null : int.parse(expected) }),
    {
      // Taking a teammate's chat closes it and opens a new one for the viewer: the pane follows the conversation.
      after: (result, back) => {
        const r = result as { type: string; chat: { id: number } };
        return r.type === "transfer" ? back.replace(/([?&])chat=\d+/, `$1chat=${r.chat.id}`) : undefined;
      },
    },
  );
}

export async function addNoteAction(formData: FormData): Promise<void> {
  await performForm(formData, (api) => api.chats.addNote({ chatId: chatId(formData), body: String(formData.get("body") ?? "") }));
}
