// Each area of the app keeps its strings in its own folder (core, inbox, agent, admin, widget, errors), one file per
// language; the types make a missing translation a compile error.
import * as core from "./core/en";
import { es as coreEs } from "./core/es";
import { pt as corePt } from "./core/pt";
import * as inbox from "./inbox/en";
import { es as inboxEs } from "./inbox/es";
import { pt as inboxPt } from "./inbox/pt";
import * as admin from "./admin/en";
import { es as adminEs } from "./admin/es";
import { pt as adminPt } from "./admin/pt";
import * as errors from "./errors/en";
import { es as errorsEs } from "./errors/es";
import { pt as errorsPt } from "./errors/pt";
import * as agent from "./agent/en";
import { es as agentEs } from "./agent/es";
import { pt as agentPt } from "./agent/pt";
import * as reports from "./reports/en";
import { es as reportsEs } from "./reports/es";
import { pt as reportsPt } from "./reports/pt";
import * as bot from "./bot/en";
import { es as botEs } from "./bot/es";
import { pt as botPt } from "./bot/pt";
import * as widget from "./widget/en";
import { es as widgetEs } from "./widget/es";
import { pt as widgetPt } from "./widget/pt";
import * as routing from "./routing/en";
import { es as routingEs } from "./routing/es";
import { pt as routingPt } from "./routing/pt";

export const en = { ...core.en, ...inbox.en, ...agent.en, ...admin.en, ...reports.en, ...bot.en, ...widget.en, ...routing.en, ...errors.en };
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
export const es: Messages = { ...coreEs, ...inboxEs, ...agentEs, ...adminEs, ...reportsEs, ...botEs, ...widgetEs, ...routingEs, ...errorsEs };
export const pt: Messages = { ...corePt, ...inboxPt, ...agentPt, ...adminPt, ...reportsPt, ...botPt, ...widgetPt, ...routingPt, ...errorsPt };
