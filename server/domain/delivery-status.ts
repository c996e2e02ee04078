import type { DeliveryStatus } from "./delivery-types";

// Providers send receipts out of order and more than once; a message's status only moves forward.
// "failed" can follow "sent" (the provider accepted it, then could not deliver) but not "delivered" or "read".
const rank: Record<DeliveryStatus, number> = { queued: 0, sent: 1, failed: 2, delivered: 3, read: 4 };

export function advanceDeliveryStatus(current: DeliveryStatus | null, incoming: Exclude<DeliveryStatus, "queued">): DeliveryStatus {
  if (current === null) return incoming;
  if (incoming === "failed") return current === "queued" || current === "sent" ? "failed" : current;
  return rank[incoming] > rank[current] ? incoming : current;
}
