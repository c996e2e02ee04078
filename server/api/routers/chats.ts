import { z } from "zod";
import {
  acknowledgeReminderAction,
  assignChatAction,
  cancelScheduleAction,
  closeChatAction,
  scheduleChatAction,
} from "@/server/services/chat-actions";
import { assignToMe } from "@/server/services/assign-to-me";
import { chatOpened } from "@/server/services/chat-opened";
import { chatView, contactHistory } from "@/server/services/chat-view";
import { deleteChat, deleteMessage } from "@/server/services/deletion";
import { addNote } from "@/server/services/notes";
import { retryMessage } from "@/server/services/retry-message";
import { sendMessage } from "@/server/services/send-message";
import { adminProcedure, protectedProcedure, router } from "../trpc";

const id = z.number().int().positive();
const chatInput = z.object({ chatId: id });

const sendInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), body: z.string().max(70_000) }),
  z.object({ kind: z.literal("location"), latitude: z.number(), longitude: z.number(), name: z.string().max(200).nullish(), address: z.string().max(500).nullish() }),
  z.object({ kind: z.literal("payment_link"), amount: z.number(), currency: z.string().max(3), description: z.string().max(500) }),
  z.object({ kind: z.literal("call") }),
  z.object({ kind: z.literal("template"), name: z.string().max(512), language: z.string().max(16), variables: z.array(z.string().max(1024)).max(20) }),
]);

const act = (ctx: { user: { id: number; role: "admin" | "agent" }; now: () => number }) => ({ viewer: ctx.user, now: ctx.now() });

export const chatsRouter = router({
  get: protectedProcedure
    .input(chatInput.extend({ after: z.number().int().nonnegative().optional(), limit: z.number().int().min(1).max(1000).optional() }))
    .query(({ ctx, input }) => chatView(ctx.db, ctx.user, input.chatId, { after: input.after, limit: input.limit })),
  contact: protectedProcedure.input(z.object({ contactId: id })).query(({ ctx, input }) => contactHistory(ctx.db, ctx.user, input.contactId)),
  close: protectedProcedure
    .input(chatInput.extend({ reasonId: id }))
    .mutation(({ ctx, input }) => closeChatAction(ctx.db, act(ctx), input.chatId, input.reasonId)),
  schedule: protectedProcedure
    .input(chatInput.extend({ at: z.number().int(), note: z.string().max(500).nullish() }))
    .mutation(({ ctx, input }) => scheduleChatAction(ctx.db, act(ctx), input.chatId, input.at, input.note ?? null)),
  cancelSchedule: protectedProcedure.input(chatInput).mutation(({ ctx, input }) => cancelScheduleAction(ctx.db, act(ctx), input.chatId)),
  acknowledgeReminder: protectedProcedure.input(chatInput).mutation(({ ctx, input }) => acknowledgeReminderAction(ctx.db, act(ctx), input.chatId)),
  assign: protectedProcedure
    .input(chatInput.extend({ userId: id, expectedAssigneeId: id.nullish(), note: z.string().max(5000).nullish() }))
    .mutation(({ ctx, input }) => assignChatAction(ctx.db, act(ctx), input.chatId, input.userId, input.expectedAssigneeId, input.note)),
  /** "Assign to me": an unassigned chat becomes the viewer's; a teammate's is transferred to them. */
  assignToMe: protectedProcedure
    .input(chatInput.extend({ expectedAssigneeId: id.nullish() }))
    .mutation(({ ctx, input }) => assignToMe(ctx.db, act(ctx), input.chatId, input.expectedAssigneeId)),
  /** A private note for the team; never sent to the contact. */
  addNote: protectedProcedure
    .input(chatInput.extend({ body: z.string().max(20_000) }))
    .mutation(({ ctx, input }) => addNote(ctx.db, act(ctx), input.chatId, input.body)),
  /** The viewer has the chat in front of them: its mentions of them are seen, and its unread count clears for its assignee. */
  opened: protectedProcedure.input(chatInput).mutation(({ ctx, input }) => chatOpened(ctx.db, ctx.user, input.chatId, ctx.now())),
  send: protectedProcedure
    .input(z.object({ chatId: id, replyToMessageId: id.optional(), content: sendInput }))
    .mutation(({ ctx, input }) => sendMessage(ctx.db, act(ctx), input.chatId, { ...input.content, replyToMessageId: input.replyToMessageId })),
  retry: protectedProcedure.input(z.object({ messageId: id })).mutation(({ ctx, input }) => retryMessage(ctx.db, ctx.user, input.messageId, ctx.now())),
  deleteMessage: adminProcedure.input(z.object({ messageId: id })).mutation(({ ctx, input }) => deleteMessage(ctx.db, ctx.user, input.messageId, ctx.now())),
  delete: adminProcedure.input(chatInput).mutation(({ ctx, input }) => deleteChat(ctx.db, ctx.user, input.chatId, ctx.now())),
});
