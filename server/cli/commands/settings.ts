import { formatSettingValue, isSettingKey, parseSettingValue, settingKeys } from "@/server/domain/settings-rules";
import { getSettings, updateSetting } from "@/server/services/settings";
import { cliActor, cliDb } from "../context";
import { UsageError, type CliIo } from "../io";

const USAGE = `charla settings get [KEY] | charla settings set KEY VALUE
  keys: ${settingKeys.join(", ")}`;

export function settingsCommand(args: string[], io: CliIo): void {
  const [sub, key, value, ...extra] = args;
  if (key !== undefined && !isSettingKey(key)) throw new UsageError(`Unknown setting “${key}”.\nUsage: ${USAGE}`);
  if (sub === "get" && value === undefined) {
    const settings = getSettings(cliDb());
    for (const k of key ? [key] : settingKeys) io.out(`${k}=${formatSettingValue(k, settings[k])}`);
    return;
  }
  if (sub === "set" && key && value !== undefined && extra.length === 0) {
    const parsed = parseSettingValue(key as never, value);
    const settings = updateSetting(cliDb(), key as never, parsed, cliActor());
    io.out(`${key}=${formatSettingValue(key as never, settings[key as keyof typeof settings])}`);
    return;
  }
  throw new UsageError(`Usage: ${USAGE}`);
}
