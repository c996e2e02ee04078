import { sql } from "drizzle-orm";
import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";

// Times are unix milliseconds (integers): cheap to index and compare, no time-zone ambiguity.

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    // Stored lower-cased; the NOCASE unique index is a second guard against mixed-case duplicates.
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ["admin", "agent"] }).notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    locale: text("locale"),
    timeZone: text("time_zone").notNull().default("UTC"),
    // NULL until someone chose the zone (the user, an admin, or the browser at the first sign-in): only then
    // may the sign-in adopt the browser's zone without overriding a choice.
    timeZoneSetAt: integer("time_zone_set_at"),
    /** What the agent chose in the header; an agent with no inbox polling for a few minutes counts as offline. */
    availability: text("availability", { enum: ["available", "away", "offline"] }).notNull().default("available"),
    /** The last inbox poll (the heartbeat), written at most once a minute. */
    lastSeenAt: integer("last_seen_at"),
    /** Simultaneous open chats; null: the team's default. */
    capacity: integer("capacity"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("users_email_unique").on(sql`${t.email} COLLATE NOCASE`)],
);

export const channelTypes = ["whatsapp", "instagram", "zenvia", "webchat"] as const;

export const channels = sqliteTable(
  "channels",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    type: text("type", { enum: channelTypes }).notNull(),
    name: text("name").notNull(),
    // The provider-side id webhooks are routed by: WhatsApp phone_number_id, Instagram account id, Zenvia sender id.
    externalId: text("external_id"),
    config: text("config", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    secrets: text("secrets", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** The team its new chats go to; null: the default team. */
    teamId: integer("team_id").references((): AnySQLiteColumn => teams.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("channels_type_external_unique")
      .on(t.type, t.externalId)
      .where(sql`${t.externalId} IS NOT NULL`),
  ],
);

export const contacts = sqliteTable("contacts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  phone: text("phone"),
  handle: text("handle"),
  email: text("email"),
  /** What agents note about the contact (preferences, context); edited on the contact's page. */
  notes: text("notes"),
  /** Set once an agent names the contact: the profile name providers send with each message no longer replaces it. */
  nameLocked: integer("name_locked", { mode: "boolean" }).notNull().default(false),
  createdAt: integer("created_at").notNull(),
});

export const contactIdentities = sqliteTable(
  "contact_identities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    channelId: integer("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    // What the provider identifies the contact by: a phone (wa_id), a business-scoped user id, an IGSID, a visitor id.
    externalId: text("external_id").notNull(),
    phone: text("phone"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("contact_identities_channel_external_unique").on(t.channelId, t.externalId),
    index("contact_identities_contact_idx").on(t.contactId),
  ],
);

export const closeReasons = sqliteTable("close_reasons", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  label: text("label").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  // 'transferred' | 'inactivity' for the reasons the system itself uses; null for the company's own.
  systemKey: text("system_key", { enum: ["transferred", "inactivity"] }).unique(),
  // 'resolved' | 'no_reply' | 'spam' for the everyday reasons Charla ships: agents pick them like the company's
  // own, and each reader sees them in their language (reason.<key>) until an admin renames one. Null otherwise.
  builtinKey: text("builtin_key", { enum: ["resolved", "no_reply", "spam"] }).unique(),
  createdAt: integer("created_at").notNull(),
});

export const chatStatuses = ["open", "scheduled", "closed"] as const;

export const chats = sqliteTable(
  "chats",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    channelId: integer("channel_id")
      .notNull()
      .references(() => channels.id),
    assigneeId: integer("assignee_id").references(() => users.id),
    status: text("status", { enum: chatStatuses }).notNull(),
    openedAt: integer("opened_at").notNull(),
    closedAt: integer("closed_at"),
    closeReasonId: integer("close_reason_id").references(() => closeReasons.id),
    closedById: integer("closed_by_id").references(() => users.id),
    remindAt: integer("remind_at"),
    remindNote: text("remind_note"),
    reminderDue: integer("reminder_due", { mode: "boolean" }).notNull().default(false),
    lastInboundAt: integer("last_inbound_at"),
    lastOutboundAt: integer("last_outbound_at"),
    lastMessageAt: integer("last_message_at"),
    lastMessagePreview: text("last_message_preview"),
    awaitingReply: integer("awaiting_reply", { mode: "boolean" }).notNull().default(false),
    // When the oldest unanswered inbound message arrived; null when nothing awaits a reply.
    waitingSince: integer("waiting_since"),
    // The list order key, maintained with the status: waiting time when open, reminder when scheduled,
    // close time when closed. One column lets one index serve every section × status × order.
    sortAt: integer("sort_at").notNull(),
    transferredFromId: integer("transferred_from_id").references((): AnySQLiteColumn => chats.id, {
      onDelete: "set null",
    }),
    /** The contact's messages since the assignee last opened the chat (0 once they open it): the list shows it bold. */
    unreadCount: integer("unread_count").notNull().default(0),
    /** The team the chat belongs to; its queue while unassigned. Null only for chats older than teams. */
    teamId: integer("team_id").references((): AnySQLiteColumn => teams.id),
    /** When it (last) entered its team's queue: automatic distribution serves the oldest first. */
    queuedAt: integer("queued_at"),
    /** When the team's away message last went to this chat (at most once a day). */
    awaySentAt: integer("away_sent_at"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("chats_one_active_per_contact")
      .on(t.contactId)
      .where(sql`${t.status} <> 'closed'`),
    index("chats_status_sort_idx").on(t.status, t.sortAt, t.id),
    index("chats_assignee_status_sort_idx").on(t.assigneeId, t.status, t.sortAt, t.id),
    index("chats_pending_sort_idx")
      .on(t.status, t.sortAt, t.id)
      .where(sql`${t.awaitingReply} = 1`),
    index("chats_assignee_pending_sort_idx")
      .on(t.assigneeId, t.status, t.sortAt, t.id)
      .where(sql`${t.awaitingReply} = 1`),
    // The viewer's due-reminder counter (polled with the pending counters) reads only such chats: without
    // it the count walked every open chat of the agent, which grows with the business (bench: 0.19 ms at 1M).
    index("chats_reminder_due_idx")
      .on(t.assigneeId)
      .where(sql`${t.status} = 'open' AND ${t.reminderDue} = 1`),
    index("chats_contact_idx").on(t.contactId, t.openedAt),
    index("chats_remind_idx").on(t.remindAt).where(sql`${t.status} = 'scheduled'`),
    index("chats_activity_idx").on(t.lastMessageAt).where(sql`${t.status} <> 'closed'`),
    // A team's queue, oldest first: only open unassigned chats are in it.
    index("chats_queue_idx")
      .on(t.teamId, t.queuedAt, t.id)
      .where(sql`${t.assigneeId} IS NULL AND ${t.status} = 'open'`),
  ],
);

export const messageKinds = [
  "text",
  "audio",
  "image",
  "video",
  "file",
  "location",
  "payment_link",
  "call",
  "template",
  "contacts",
  "reaction",
  "system",
  "unsupported",
  /** A private note: the team sees it in the chat; it is never sent to the contact nor counts as a reply. */
  "note",
] as const;

export const deliveryStatuses = ["queued", "sent", "delivered", "read", "failed"] as const;

export const messages = sqliteTable(
  "messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    chatId: integer("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    channelId: integer("channel_id")
      .notNull()
      .references(() => channels.id),
    direction: text("direction", { enum: ["in", "out"] }).notNull(),
    authorKind: text("author_kind", { enum: ["contact", "user", "system", "bot"] }).notNull(),
    authorId: integer("author_id").references(() => users.id),
    kind: text("kind", { enum: messageKinds }).notNull(),
    body: text("body"),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>(),
    providerMessageId: text("provider_message_id"),
    replyToProviderId: text("reply_to_provider_id"),
    status: text("status", { enum: deliveryStatuses }),
    statusReason: text("status_reason"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at"),
    // Set while the dispatcher has a send in flight: after a crash such a message may or may not have
    // reached the provider, so it is failed for a person to retry rather than sent again.
    sendingSince: integer("sending_since"),
    createdAt: integer("created_at").notNull(),
    deletedAt: integer("deleted_at"),
    deletedById: integer("deleted_by_id").references(() => users.id),
  },
  (t) => [
    index("messages_chat_idx").on(t.chatId, t.id),
    uniqueIndex("messages_provider_id_unique")
      .on(t.channelId, t.providerMessageId)
      .where(sql`${t.providerMessageId} IS NOT NULL`),
    index("messages_outbox_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'queued' AND ${t.direction} = 'out'`),
  ],
);

export const attachments = sqliteTable(
  "attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    messageId: integer("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    providerMediaId: text("provider_media_id"),
    sha256: text("sha256"),
    mimeType: text("mime_type"),
    size: integer("size"),
    fileName: text("file_name"),
    status: text("status", { enum: ["pending", "ready", "failed"] }).notNull(),
    // Download bookkeeping for inbound media (pending → ready | failed).
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at"),
    failureReason: text("failure_reason"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("attachments_message_idx").on(t.messageId),
    index("attachments_pending_idx").on(t.id).where(sql`${t.status} = 'pending'`),
  ],
);

/** Teammates a private note names with @: each sees the chat under Mentions until they open it. */
export const mentions = sqliteTable(
  "mentions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    messageId: integer("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    chatId: integer("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    /** When the mentioned person opened the chat afterwards; null while the mention is new to them. */
    seenAt: integer("seen_at"),
  },
  (t) => [
    uniqueIndex("mentions_message_user_unique").on(t.messageId, t.userId),
    index("mentions_user_idx").on(t.userId, t.createdAt),
    index("mentions_unseen_idx").on(t.userId, t.chatId).where(sql`${t.seenAt} IS NULL`),
    index("mentions_chat_idx").on(t.chatId),
  ],
);

export const quickReplies = sqliteTable("quick_replies", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  shortcut: text("shortcut").notNull().unique(),
  body: text("body").notNull(),
  createdAt: integer("created_at").notNull(),
});

export const templates = sqliteTable(
  "templates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    channelId: integer("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    language: text("language").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("templates_channel_name_lang_unique").on(t.channelId, t.name, t.language)],
);

export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  // JSON; NULL is a real value here (e.g. inactivity "never").
  value: text("value", { mode: "json" }),
  updatedAt: integer("updated_at").notNull(),
});

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: integer("actor_id").references(() => users.id),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    at: integer("at").notNull(),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  // The log is read newest first by (at, id), unfiltered or filtered by actor or action: one index each.
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_at_idx").on(t.actorId, t.at),
    index("audit_log_action_at_idx").on(t.action, t.at),
  ],
);

/**
 * Provider webhook deliveries accepted but not yet filed into chats. A webhook is answered once its events
 * are here (one insert), and server/jobs/inbound.ts files them in batches right after: what a provider
 * delivered survives a crash, a bug in filing (the row stays, with its error, and is retried) and bursts.
 */
export const inboundQueue = sqliteTable("inbound_queue", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** JSON: [{ channelId, event }] in the order the provider sent them (server/channels/types InboundEvent). */
  events: text("events").notNull(),
  receivedAt: integer("received_at").notNull(),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: integer("next_attempt_at").notNull().default(0),
  lastError: text("last_error"),
  // No secondary index: accepting must cost one row write, and the queue is near empty but for bursts.
});

/**
 * The pending counters (open chats awaiting our reply) per assignee — 0 for unassigned — kept by triggers on
 * chats (migration 0007), so every section's counter is read from a few rows however long the queue grows:
 * counting the pending chats took 2.7 ms at 20,000 of them, and every poll after a change needs it.
 */
export const pendingCounts = sqliteTable("pending_counts", {
  assigneeKey: integer("assignee_key").primaryKey(),
  n: integer("n").notNull(),
});

/**
 * The change sequence the inbox's live updates read (server/services/live-delta.ts): triggers on chats,
 * messages, attachments, contacts, users and settings (migration 0008) append a row in the writing
 * transaction whenever something an agent sees changes, so "what changed since N" is a range read on the
 * primary key. A chat row keeps the chat's list keys before and after the write (o_/n_), so a viewer can
 * tell whether the chat entered or left their list without knowing the past; n_status is null when the
 * chat was deleted. kind: 'chat' | 'message' | 'structure' (visibility, people, settings: re-render).
 * Rows older than the retention window are pruned; a poll from before the oldest kept row resyncs.
 */
export const changes = sqliteTable("changes", {
  seq: integer("seq").primaryKey({ autoIncrement: true }),
  kind: text("kind", { enum: ["chat", "message", "structure"] }).notNull(),
  chatId: integer("chat_id"),
  messageId: integer("message_id"),
  oStatus: text("o_status"),
  oAssignee: integer("o_assignee"),
  oAwaiting: integer("o_awaiting"),
  nStatus: text("n_status"),
  nAssignee: integer("n_assignee"),
  nAwaiting: integer("n_awaiting"),
  /** The chat pane's header changed (status, assignee, reminder, close reason, contact): the open chat re-renders. */
  header: integer("header").notNull().default(0),
  at: integer("at").notNull(),
});

/**
 * What a person typed into a form the server refused, kept a few minutes so the page it goes back to shows
 * the form filled in again (app/_lib/kept-form.ts), without JavaScript and without putting the text in the
 * URL. The browser holds only a random token (an HttpOnly cookie scoped to that page); its hash is the key.
 * Passwords and secrets are never kept (server/domain/form-draft.ts).
 */
export const formDrafts = sqliteTable("form_drafts", {
  tokenHash: text("token_hash").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  form: text("form").notNull(),
  fields: text("fields", { mode: "json" }).$type<Record<string, string[]>>().notNull(),
  expiresAt: integer("expires_at").notNull(),
});

/**
 * What the reports read, one row per chat, kept by triggers on chats and messages (migration 0013) in the
 * writing transaction, so no report scans messages. A reply is a message a person sent (author_kind 'user',
 * outbound, not a note nor a system line): bot messages and notes never answer the contact. pending_since is
 * the oldest contact message not yet answered; a transfer hands it to the new chat. team_id waits for teams.
 */
export const chatMetrics = sqliteTable(
  "chat_metrics",
  {
    chatId: integer("chat_id")
      .primaryKey()
      .references(() => chats.id, { onDelete: "cascade" }),
    channelId: integer("channel_id").notNull(),
    teamId: integer("team_id"),
    assigneeId: integer("assignee_id"),
    openedAt: integer("opened_at").notNull(),
    firstReplyAt: integer("first_reply_at"),
    firstReplyById: integer("first_reply_by_id"),
    firstResponseMs: integer("first_response_ms"),
    pendingSince: integer("pending_since"),
    responseCount: integer("response_count").notNull().default(0),
    responseTotalMs: integer("response_total_ms").notNull().default(0),
    messagesIn: integer("messages_in").notNull().default(0),
    messagesOut: integer("messages_out").notNull().default(0),
    transferredIn: integer("transferred_in").notNull().default(0),
    transferredOut: integer("transferred_out").notNull().default(0),
    closedAt: integer("closed_at"),
    closedById: integer("closed_by_id"),
    closeReasonId: integer("close_reason_id"),
    resolutionMs: integer("resolution_ms"),
    /** The contact's 1–5 satisfaction rating, copied from csat_surveys when it arrives. */
    csatRating: integer("csat_rating"),
    /** When the bot handed the chat to people: first response counts from here, not from the opening. */
    handoffAt: integer("handoff_at"),
    // The same spans counted inside the team's opening hours only (server/jobs/business-time.ts fills them a
    // moment after the wall-clock figure is kept: a trigger cannot read a schedule).
    firstResponseBms: integer("first_response_bms"),
    resolutionBms: integer("resolution_bms"),
  },
  (t) => [
    index("chat_metrics_opened_idx").on(t.openedAt),
    index("chat_metrics_bms_todo_idx")
      .on(t.chatId)
      .where(sql`(${t.firstResponseMs} IS NOT NULL AND ${t.firstResponseBms} IS NULL) OR (${t.resolutionMs} IS NOT NULL AND ${t.resolutionBms} IS NULL)`),
    index("chat_metrics_closed_idx").on(t.closedAt).where(sql`${t.closedAt} IS NOT NULL`),
    index("chat_metrics_assignee_opened_idx").on(t.assigneeId, t.openedAt),
  ],
);

/** Each reply's wait, from the oldest unanswered contact message (kept with chat_metrics): medians need every wait. */
export const responseWaits = sqliteTable(
  "response_waits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    chatId: integer("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    agentId: integer("agent_id"),
    contactAt: integer("contact_at").notNull(),
    replyAt: integer("reply_at").notNull(),
    waitMs: integer("wait_ms").notNull(),
    /** The wait inside opening hours; filled by the business-time job. */
    waitBms: integer("wait_bms"),
  },
  (t) => [
    index("response_waits_reply_idx").on(t.replyAt),
    index("response_waits_chat_idx").on(t.chatId),
    index("response_waits_bms_todo_idx").on(t.id).where(sql`${t.waitBms} IS NULL`),
  ],
);

/**
 * The reports' rollups (migrations 0019, 0020): per metric, agent (0 = everyone) and UTC day, a JSONB object
 * counting the day's chats (or replies) by log-spaced bin, and for chats opened by quarter hour too, so any
 * viewer's local days and hours (every zone's offset is a multiple of 15 minutes) are whole quarters. Kept by
 * triggers on chat_metrics and response_waits through report_rollup_deltas. Layout and bins:
 * server/domain/report-rollup.ts.
 */
export const reportRollup = sqliteTable(
  "report_rollup",
  {
    metric: integer("metric").notNull(),
    agentId: integer("agent_id").notNull(),
    day: integer("day").notNull(),
    h: blob("h").notNull(),
  },
  (t) => [primaryKey({ columns: [t.metric, t.agentId, t.day] })],
);

/** Never holds a row: an insert is a change to apply to report_rollup (its BEFORE INSERT trigger applies it and drops the row). */
export const reportRollupDeltas = sqliteTable("report_rollup_deltas", {
  metric: integer("metric").notNull(),
  agentId: integer("agent_id").notNull(),
  day: integer("day").notNull(),
  k: integer("k").notNull(),
  d: integer("d").notNull(),
});

export const distributionModes = ["manual", "round_robin", "balanced", "offer"] as const;

/**
 * Teams (issue 13): a chat belongs to one; agents may be in several. Each team distributes its queue in its
 * own mode within each agent's capacity, inside its opening hours (schedule JSON, server/domain/business-hours;
 * null: always open). Exactly one team is the default: channels without a team send their chats there.
 */
export const teams = sqliteTable(
  "teams",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
    mode: text("mode", { enum: distributionModes }).notNull().default("manual"),
    capacity: integer("capacity").notNull().default(5),
    offerSeconds: integer("offer_seconds").notNull().default(60),
    schedule: text("schedule", { mode: "json" }).$type<{ timeZone: string; days: { start: string; end: string }[][]; holidays: string[] }>(),
    awayMessage: text("away_message"),
    greeting: text("greeting"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("teams_name_unique").on(sql`${t.name} COLLATE NOCASE`),
    uniqueIndex("teams_one_default").on(t.isDefault).where(sql`${t.isDefault} = 1`),
  ],
);

export const teamMembers = sqliteTable(
  "team_members",
  {
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** When this team last gave them a chat automatically: round robin's turn, balanced's "idle longest". */
    lastAssignedAt: integer("last_assigned_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_members_user_idx").on(t.userId)],
);

export const offerOutcomes = ["pending", "accepted", "declined", "expired", "withdrawn"] as const;

/**
 * Offers ("radar"): a waiting chat offered to one agent until expires_at. At most one pending offer per
 * chat (index); a pending offer counts against the agent's capacity. Assigning or closing the chat ends
 * its pending offer (trigger, migration 0014): accepted when it went to the agent offered, withdrawn otherwise.
 */
export const chatOffers = sqliteTable(
  "chat_offers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    chatId: integer("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    teamId: integer("team_id").notNull(),
    offeredAt: integer("offered_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    outcome: text("outcome", { enum: offerOutcomes }).notNull().default("pending"),
    endedAt: integer("ended_at"),
  },
  (t) => [
    uniqueIndex("chat_offers_one_pending").on(t.chatId).where(sql`${t.outcome} = 'pending'`),
    index("chat_offers_expiry_idx").on(t.expiresAt).where(sql`${t.outcome} = 'pending'`),
    index("chat_offers_user_pending_idx").on(t.userId).where(sql`${t.outcome} = 'pending'`),
    index("chat_offers_chat_idx").on(t.chatId, t.userId),
  ],
);

/** Customer satisfaction per channel (issue 15): off until an admin turns it on. */
export const csatSettings = sqliteTable("csat_settings", {
  channelId: integer("channel_id")
    .primaryKey()
    .references(() => channels.id, { onDelete: "cascade" }),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(false),
  intervalDays: integer("interval_days").notNull().default(30),
  /** The approved WhatsApp template sent once the 24-hour window has closed; null: such contacts are not asked. */
  templateName: text("template_name"),
  /** The language the request and the thanks are written in (es, pt, en). */
  language: text("language").notNull().default("es"),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * One rating request per closed chat. The rating and comment live here; the rating is copied onto
 * chat_metrics so the reports filter it like every other figure. contact_id + asked_at find a contact's
 * latest request (the once-per-N-days rule and the answer to a reply) with one index seek.
 */
export const csatSurveys = sqliteTable(
  "csat_surveys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    chatId: integer("chat_id")
      .notNull()
      .unique()
      .references(() => chats.id, { onDelete: "cascade" }),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    channelId: integer("channel_id").notNull(),
    agentId: integer("agent_id"),
    via: text("via", { enum: ["choices", "template"] }).notNull(),
    askedAt: integer("asked_at").notNull(),
    rating: integer("rating"),
    ratedAt: integer("rated_at"),
    comment: text("comment"),
  },
  (t) => [
    index("csat_surveys_contact_asked_idx").on(t.contactId, t.askedAt),
    // The reports' latest comments: newest first, stopping at the few shown.
    index("csat_surveys_commented_idx").on(t.ratedAt).where(sql`${t.comment} IS NOT NULL`),
  ],
);

/**
 * Bot flows (issue 14). The editor works on `draft` (JSON, server/domain/bot/flow.ts); publishing freezes a
 * copy as the next bot_flow_versions row, and a chat's bot session keeps the version it started with, so a
 * new version never changes chats already running an older one.
 */
export const botFlows = sqliteTable("bot_flows", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  draft: text("draft", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const botFlowVersions = sqliteTable(
  "bot_flow_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    flowId: integer("flow_id")
      .notNull()
      .references(() => botFlows.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    definition: text("definition", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    publishedAt: integer("published_at").notNull(),
    publishedById: integer("published_by_id").references(() => users.id),
  },
  (t) => [uniqueIndex("bot_flow_versions_flow_version").on(t.flowId, t.version)],
);

/** Which flow greets a channel's new contacts, and (returningAfterHours) contacts back after that many hours. */
export const botChannelFlows = sqliteTable("bot_channel_flows", {
  channelId: integer("channel_id")
    .primaryKey()
    .references(() => channels.id, { onDelete: "cascade" }),
  flowId: integer("flow_id")
    .notNull()
    .references(() => botFlows.id, { onDelete: "cascade" }),
  returningAfterHours: integer("returning_after_hours"),
  updatedAt: integer("updated_at").notNull(),
});

export const botSessionStatuses = ["active", "handed_off", "closed", "stopped"] as const;

/**
 * The bot's hold on one chat. While `active` the chat is "with the bot": its replies keep it from being
 * pending, and routing leaves it alone. Triggers (migration 0016) stop it the moment a person takes the
 * chat (an assignee, or an agent's message) or the chat closes, whichever code path does it.
 */
export const botSessions = sqliteTable(
  "bot_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    chatId: integer("chat_id")
      .notNull()
      .unique()
      .references(() => chats.id, { onDelete: "cascade" }),
    flowVersionId: integer("flow_version_id")
      .notNull()
      .references(() => botFlowVersions.id),
    status: text("status", { enum: botSessionStatuses }).notNull(),
    /** The menu or question it waits at while active. */
    stepId: text("step_id"),
    retries: integer("retries").notNull().default(0),
    answers: text("answers", { mode: "json" }).$type<Array<{ stepId: string; question: string; value: string }>>().notNull(),
    startedAt: integer("started_at").notNull(),
    lastActivityAt: integer("last_activity_at").notNull(),
    /** When the no-reply rule fires; null once the session ended. */
    timeoutAt: integer("timeout_at"),
    endedAt: integer("ended_at"),
    endReason: text("end_reason"),
  },
  (t) => [index("bot_sessions_timeout_idx").on(t.timeoutAt).where(sql`${t.status} = 'active'`)],
);

/** Contact fields a bot question can fill beyond name, e-mail and phone: document, custom:<key>. */
export const contactFields = sqliteTable(
  "contact_fields",
  {
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    value: text("value").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.key] })],
);
