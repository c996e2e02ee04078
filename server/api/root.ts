import { botRouter } from "./routers/bot";
import { auditRouter, closeReasonsRouter, quickRepliesRouter, templatesRouter } from "./routers/catalog";
import { chatsRouter } from "./routers/chats";
import { contactsRouter } from "./routers/contacts";
import { csatRouter } from "./routers/csat";
import { inboxRouter } from "./routers/inbox";
import { meRouter } from "./routers/me";
import { reportsRouter } from "./routers/reports";
import { routingRouter } from "./routers/routing";
import { settingsRouter } from "./routers/settings";
import { usersRouter } from "./routers/users";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  me: meRouter,
  users: usersRouter,
  settings: settingsRouter,
  inbox: inboxRouter,
  chats: chatsRouter,
  reports: reportsRouter,
  contacts: contactsRouter,
  closeReasons: closeReasonsRouter,
  quickReplies: quickRepliesRouter,
  templates: templatesRouter,
  audit: auditRouter,
  routing: routingRouter,
  csat: csatRouter,
  bot: botRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
