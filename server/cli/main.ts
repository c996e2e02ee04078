import { DomainError } from "@/server/domain/errors";
import { consoleIo, UsageError, type CliIo } from "./io";
import { dbCommand } from "./commands/db";
import { userCommand } from "./commands/user";
import { channelCommand } from "./commands/channel";
import { settingsCommand } from "./commands/settings";
import { backupCommand } from "./commands/backup";
import { restoreCommand } from "./commands/restore";
import { initCommand } from "./commands/init";
import { jobsCommand } from "./commands/jobs";
import { simulateCommand } from "./commands/simulate";
import { demoCommand } from "./commands/demo";
import { reportCommand } from "./commands/report";
import { teamCommand } from "./commands/team";

const HELP = `charla — the Charla live-chat inbox

Usage: npx charla <command> [options]

  db migrate                                  apply pending database migrations
  user add --email E --name N --role admin|agent --password P
  user list [--json]
  user set-password --email E --password P
  user deactivate --email E | user activate --email E
  channel add --type whatsapp|instagram|zenvia|webchat --name N [provider fields] [--json]
  channel list [--json]
  settings get [KEY] | settings set KEY VALUE
  backup FILE                                 consistent online copy of the database
  restore FILE                                replace the database with a backup (stop the server first)
  jobs run-once                               file accepted webhooks, fire due reminders, close inactive chats
  simulate [--port 3900] [--charla URL]       local stand-in for the WhatsApp, Instagram and Zenvia APIs
  demo seed                                   demo users, channels and chats (skipped if users exist)
  report --from DATE --to DATE [--format csv|json] [--time-zone Z] [--channel ID] [--agent ID] [--reason ID]
  team list [--json] | team add --name N [--mode M] [--capacity C] [--offer-seconds S] [--json]
  team set --team T [--name N] [--mode manual|round_robin|balanced|offer] [--capacity C] [--offer-seconds S]
           [--away-message TEXT] [--greeting TEXT] [--default]
  team member add|remove --team T --email E  |  team delete --team T
  team hours --team T (--always | --time-zone Z [--mon 09:00-12:00,13:00-18:00 ... --sun ...] [--holidays D,...])
  team channel --channel ID --team T|default  |  team capacity --email E --capacity N|default
  init                                        migrate, create system rows and the first administrator

DATA_DIR (default ./data) selects the data folder.`;

type Command = (args: string[], io: CliIo) => Promise<void> | void;

const commands: Record<string, Command> = {
  db: dbCommand,
  user: userCommand,
  channel: channelCommand,
  settings: settingsCommand,
  backup: backupCommand,
  restore: restoreCommand,
  init: initCommand,
  jobs: jobsCommand,
  simulate: simulateCommand,
  demo: demoCommand,
  report: reportCommand,
  team: teamCommand,
};

/** Returns the exit code: 0 ok, 1 refused by a rule, 2 bad usage. */
export async function main(argv: string[], io: CliIo = consoleIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    io.out(HELP);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`Unknown command “${name}”.\n\n${HELP}`);
    return 2;
  }
  try {
    await command(rest, io);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(err.message);
      return 2;
    }
    if (err instanceof DomainError) {
      io.err(err.message);
      return 1;
    }
    io.err(`charla ${name} failed: ${(err as Error).message}`);
    return 1;
  }
}
