import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { E2E_DATA_DIR } from "../../playwright.config";
import { pageFor } from "./helpers";
import { ADMIN, AGENT } from "./users";

const setShared = (value: "on" | "off") =>
  execFileSync(process.execPath, ["bin/charla.mjs", "settings", "set", "sharedInbox", value], { env: { ...process.env, DATA_DIR: E2E_DATA_DIR } });

test.afterEach(() => {
  setShared("on");
});

test("turning the shared inbox off hides Teammates and All from agents, not from admins", async ({ browser }) => {
  const ana = await pageFor(browser, AGENT);
  await expect(ana.getByTestId("section-teammates")).toBeVisible();
  setShared("off");
  await ana.reload();
  await expect(ana.getByTestId("section-mine")).toBeVisible();
  await expect(ana.getByTestId("section-unassigned")).toBeVisible();
  await expect(ana.getByTestId("section-teammates")).toHaveCount(0);
  await expect(ana.getByTestId("section-all")).toHaveCount(0);
  const admin = await pageFor(browser, ADMIN);
  await expect(admin.getByTestId("section-teammates")).toBeVisible();
});
