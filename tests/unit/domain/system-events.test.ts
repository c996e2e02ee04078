import { describe, expect, it } from "vitest";
import { systemEventText, type SystemEvent } from "@/server/domain/system-events";

describe("systemEventText", () => {
  it.each<[SystemEvent, ReturnType<typeof systemEventText>]>([
    [
      { type: "transferred", from: 4, to: 9, by: 1 },
      { key: "system.transferred", params: { from: 4, to: 9, by: 1 } },
    ],
    [
      { type: "closed", reason: { id: 3, systemKey: null }, by: 7 },
      { key: "system.closed", params: { reasonId: 3, systemKey: null, by: 7 } },
    ],
    [
      { type: "closed", reason: { id: 91, systemKey: "inactivity" }, by: null },
      { key: "system.closed", params: { reasonId: 91, systemKey: "inactivity", by: null } },
    ],
    [{ type: "assigned", to: 9, by: null }, { key: "system.assigned", params: { to: 9, by: null } }],
    [{ type: "scheduled", at: 123 }, { key: "system.scheduled", params: { at: 123 } }],
    [
      { type: "unscheduled", cause: "inbound" },
      { key: "system.unscheduled", params: { cause: "inbound" } },
    ],
    [{ type: "reminder_due" }, { key: "system.reminder_due", params: {} }],
  ])("%o", (event, expected) => {
    expect(systemEventText(event)).toEqual(expected);
  });

  it("produces JSON-safe data, not prose", () => {
    const text = systemEventText({ type: "transferred", from: 4, to: 9, by: 1 });
    expect(JSON.parse(JSON.stringify(text))).toEqual(text);
    expect(Object.values(text.params).every((v) => typeof v !== "string" || !v.includes(" "))).toBe(true);
  });
});
