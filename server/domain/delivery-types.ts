export type DeliveryStatus = "queued" | "sent" | "delivered" | "read" | "failed";
