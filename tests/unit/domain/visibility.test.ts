import { describe, expect, it } from "vitest";
import type { Viewer } from "@/server/domain/types";
import {
  assertCanSeeChat,
  assertSectionVisible,
  canSeeChat,
  sectionFilter,
  visibleSections,
  type Section,
} from "@/server/domain/visibility";
import { expectDomainError } from "./fixtures";

const admin: Viewer = { id: 1, role: "admin" };
const agent: Viewer = { id: 2, role: "agent" };
const ALL: Section[] = ["mine", "unassigned", "teammates", "all"];

describe("visibleSections", () => {
  it.each([
    ["admin, shared", admin, true, ALL],
    ["admin, not shared", admin, false, ALL],
    ["agent, shared", agent, true, ALL],
    ["agent, not shared", agent, false, ["mine", "unassigned"]],
  ] as const)("%s", (_, viewer, shared, expected) => {
    expect([...visibleSections(viewer, shared)].sort()).toEqual([...expected].sort());
  });

  it("refuses hidden sections with FORBIDDEN", () => {
    expectDomainError(() => assertSectionVisible("all", agent, false), "FORBIDDEN", /“all” section/);
    expectDomainError(() => assertSectionVisible("teammates", agent, false), "FORBIDDEN");
    expect(() => assertSectionVisible("mine", agent, false)).not.toThrow();
    expect(() => assertSectionVisible("unassigned", agent, false)).not.toThrow();
    expect(() => assertSectionVisible("teammates", agent, true)).not.toThrow();
    expect(() => assertSectionVisible("all", admin, false)).not.toThrow();
  });
});

describe("canSeeChat", () => {
  // viewer × shared inbox × assignee → visible
  const cases: Array<[string, Viewer, boolean, number | null, boolean]> = [
    ["admin sees others' chats without sharing", admin, false, 2, true],
    ["admin sees unassigned", admin, false, null, true],
    ["admin sees own", admin, false, 1, true],
    ["agent sees own without sharing", agent, false, 2, true],
    ["agent sees unassigned without sharing", agent, false, null, true],
    ["agent can't see a teammate's chat without sharing", agent, false, 3, false],
    ["agent can't see an admin's chat without sharing", agent, false, 1, false],
    ["agent sees a teammate's chat when shared", agent, true, 3, true],
    ["agent sees unassigned when shared", agent, true, null, true],
  ];
  it.each(cases)("%s", (_, viewer, shared, assigneeId, expected) => {
    expect(canSeeChat(viewer, { assigneeId }, shared)).toBe(expected);
    if (expected) {
      expect(() => assertCanSeeChat(viewer, { assigneeId }, shared)).not.toThrow();
    } else {
      expectDomainError(
        () => assertCanSeeChat(viewer, { assigneeId }, shared),
        "FORBIDDEN",
        "This chat is assigned to another agent, and the inbox isn't shared.",
      );
    }
  });
});

describe("sectionFilter", () => {
  it("describes each section's assignee condition for the viewer", () => {
    expect(sectionFilter("mine", agent)).toEqual({ assignee: "is", userId: 2 });
    expect(sectionFilter("unassigned", agent)).toEqual({ assignee: "null" });
    expect(sectionFilter("teammates", agent)).toEqual({ assignee: "not-null-not", userId: 2 });
    expect(sectionFilter("all", agent)).toEqual({ assignee: "any" });
    expect(sectionFilter("mine", admin)).toEqual({ assignee: "is", userId: 1 });
  });

  it("agrees with canSeeChat for an agent without a shared inbox", () => {
    const matches = (section: Section, assigneeId: number | null) => {
      const f = sectionFilter(section, agent);
      if (f.assignee === "is") return assigneeId === f.userId;
      if (f.assignee === "null") return assigneeId === null;
      if (f.assignee === "not-null-not") return assigneeId !== null && assigneeId !== f.userId;
      return true;
    };
    for (const assigneeId of [null, 1, 2, 3]) {
      const visibleViaSections = visibleSections(agent, false).some((s) => matches(s, assigneeId));
      expect(visibleViaSections).toBe(canSeeChat(agent, { assigneeId }, false));
    }
  });
});
