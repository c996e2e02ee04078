// The provider simulator stands in for WhatsApp Cloud API, Instagram and Zenvia on one local port, so
// Charla can be demonstrated and tested end to end without accounts or network.

export type SimChannel =
  | { type: "whatsapp"; phoneNumberId: string; accessToken: string; appSecret: string }
  | { type: "instagram"; accountId: string; accessToken: string; appSecret: string }
  | { type: "zenvia"; charlaChannelId: number; senderId: string; zenviaChannel: "whatsapp" | "instagram"; apiToken: string; webhookSecret: string };

export interface SimulatorOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Where Charla listens, for inbound messages and status callbacks. */
  charlaUrl: string;
  channels: SimChannel[];
  /** Post "delivered" then "read" callbacks for every accepted send. */
  autoReceipts?: boolean;
  /** Delay before the delivered callback; read follows after the same delay again. */
  receiptDelayMs?: number;
  log?: (line: string) => void;
}

export interface SimRequest {
  at: number;
  method: string;
  path: string;
  provider: "whatsapp" | "instagram" | "zenvia" | "unknown";
  headers: Record<string, string>;
  body: unknown;
  /** What the simulator answered. */
  status: number;
  response: unknown;
}

export interface FailurePlan {
  status: number;
  count: number;
  body?: unknown;
}
