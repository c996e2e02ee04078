import { describe, expect, it } from "vitest";
import {
  assertAdmin,
  assertCan,
  can,
  canDeleteMessages,
  canManageChannels,
  canManageCloseReasons,
  canManageQuickReplies,
  canManageSettings,
  canManageTemplates,
  canManageUsers,
  canReadAuditLog,
  canUseQuickReplies,
  canUseTemplates,
  POLICY,
  type Action,
} from "@/server/domain/permissions";
import { expectDomainError } from "./fixtures";

const adminOnly = [
  canDeleteMessages,
  canManageSettings,
  canManageUsers,
  canManageChannels,
  canManageCloseReasons,
  canManageQuickReplies,
  canManageTemplates,
  canReadAuditLog,
];

describe("role policy", () => {
  it("keeps administration for admins", () => {
    for (const check of adminOnly) {
      expect(check("admin")).toBe(true);
      expect(check("agent")).toBe(false);
    }
  });

  it("lets everyone use quick replies and templates", () => {
    for (const check of [canUseQuickReplies, canUseTemplates]) {
      expect(check("admin")).toBe(true);
      expect(check("agent")).toBe(true);
    }
  });

  it("lets agents do exactly the two 'use' actions", () => {
    const agentActions = (Object.keys(POLICY) as Action[]).filter((a) => can("agent", a));
    expect(agentActions.sort()).toEqual(["useQuickReplies", "useTemplates"]);
  });
});

describe("assertions", () => {
  it("names the refused action", () => {
    expectDomainError(
      () => assertCan({ role: "agent" }, "deleteMessages"),
      "FORBIDDEN",
      "Only administrators may delete messages.",
    );
    expectDomainError(
      () => assertAdmin({ role: "agent" }, "readAuditLog"),
      "FORBIDDEN",
      "Only administrators may read the audit log.",
    );
    expectDomainError(
      () => assertAdmin({ role: "agent" }, "restore a backup"),
      "FORBIDDEN",
      "Only administrators may restore a backup.",
    );
    expectDomainError(() => assertAdmin({ role: "agent" }, "toString"), "FORBIDDEN", /may toString\./);
  });

  it("passes admins and permitted agents", () => {
    expect(() => assertAdmin({ role: "admin" }, "manageUsers")).not.toThrow();
    expect(() => assertCan({ role: "agent" }, "useTemplates")).not.toThrow();
  });
});
