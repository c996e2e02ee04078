import type { Db, DbOrTx } from "@/db/client";
import { assignChat } from "@/server/domain/chat-assignment";
import { conflict, forbidden, type Viewer } from "@/server/domain";
import { PRESENCE_TIMEOUT_MS } from "@/server/domain/routing";
import { writeAudit } from "@/server/repositories/audit";
import { findChat, type ChatRow } from "@/server/repositories/chats";
import { findSystemReason } from "@/server/repositories/close-reasons";
import { endOffer, expiredOfferIds, findOffer, pendingOfferOf, pendingOffersOfUser, strandedOfferIds } from "@/server/repositories/teams";
import { findUserById } from "@/server/repositories/users";
import { writeDecision } from "../chat-records";
import { distribute } from "./distribute";

// An offer ("radar") holds a waiting chat for one agent until it expires. The agent accepts (the chat is
// theirs) or declines; an offer that expires, or whose agent stops being available, passes to the next
// agent, and the chat returns to the plain queue once everyone has let it pass. Every step re-reads the
// offer inside an immediate transaction and ends it only if it is still pending: two processes (or the job
// beside an agent's click) end each offer exactly once.

const BATCH = 200;

function notYours(): Error {
  return conflict("This chat is no longer offered to you.", { key: "error.offer.notYours" });
}

/** Someone else's offer is theirs to take: FORBIDDEN, like a chat one may not see. */
function offeredToSomeoneElse(): Error {
  return forbidden("This chat is offered to someone else.", { key: "error.offer.someoneElse" });
}

export function acceptOffer(db: Db, viewer: Viewer, chatId: number, now: number): ChatRow {
  return db.transaction(
    (tx) => {
      const offer = pendingOfferOf(tx, chatId);
      const chat = findChat(tx, chatId);
      if (offer && offer.userId !== viewer.id) throw offeredToSomeoneElse();
      if (!offer || !chat || chat.assigneeId !== null || chat.status === "closed") throw notYours();
      const me = findUserById(tx, viewer.id)!;
      const decision = assignChat(chat, { target: me, actorId: viewer.id, now, transferredReasonId: findSystemReason(tx, "transferred")!.id });
      if (decision.type !== "assign") throw notYours();
      const event = decision.chat.events[0];
      if (event?.type === "assigned") event.rule = "offer";
      // The owner's write ends the offer as accepted (trigger chat_offers_end_au).
      const updated = writeDecision(tx, chat, decision.chat, now);
      writeAudit(tx, { actorId: viewer.id, action: "chat.offer_accept", targetType: "chat", targetId: chatId, details: { teamId: offer.teamId, rule: "offer" } }, now);
      return updated;
    },
    { behavior: "immediate" },
  );
}

export function declineOffer(db: Db, viewer: Viewer, chatId: number, now: number): void {
  db.transaction(
    (tx) => {
      const offer = pendingOfferOf(tx, chatId);
      if (offer && offer.userId !== viewer.id) throw offeredToSomeoneElse();
      if (!offer) throw notYours();
      endOffer(tx, offer.id, "declined", now);
      writeAudit(tx, { actorId: viewer.id, action: "chat.offer_decline", targetType: "chat", targetId: chatId, details: { teamId: offer.teamId } }, now);
      distribute(tx, [offer.teamId], now, "offer_declined");
    },
    { behavior: "immediate" },
  );
}

/** Ends one offer (expired, or withdrawn from someone no longer available) and passes the chat on; false if it had already ended. */
function passOn(tx: DbOrTx, offerId: number, outcome: "expired" | "withdrawn", now: number): boolean {
  const offer = findOffer(tx, offerId);
  if (!offer || offer.outcome !== "pending") return false;
  if (outcome === "expired" && offer.expiresAt > now) return false;
  if (!endOffer(tx, offer.id, outcome, now)) return false;
  const expired = outcome === "expired";
  writeAudit(tx, { actorId: null, action: expired ? "chat.offer_expired" : "chat.offer_withdrawn", targetType: "chat", targetId: offer.chatId, details: { from: offer.userId, teamId: offer.teamId, offerId: offer.id } }, now);
  distribute(tx, [offer.teamId], now, `offer_${outcome}`);
  return true;
}

/** The job's step: expired offers pass on, and so do offers held by people who went away or stopped polling. */
export function runOfferExpiry(db: Db, now: number): { expired: number; withdrawn: number } {
  let expired = 0;
  let withdrawn = 0;
  for (const id of expiredOfferIds(db, now, BATCH)) {
    if (db.transaction((tx) => passOn(tx, id, "expired", now), { behavior: "immediate" })) expired += 1;
  }
  for (const id of strandedOfferIds(db, now - PRESENCE_TIMEOUT_MS, BATCH)) {
    if (db.transaction((tx) => passOn(tx, id, "withdrawn", now), { behavior: "immediate" })) withdrawn += 1;
  }
  return { expired, withdrawn };
}

/** Someone who stops being available hands back what is offered to them, at once. */
export function withdrawOffersOf(tx: DbOrTx, userId: number, now: number): void {
  for (const offer of pendingOffersOfUser(tx, userId)) passOn(tx, offer.id, "withdrawn", now);
}
