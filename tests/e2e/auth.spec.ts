import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { ADMIN, AGENT } from "./users";

test("a signed-out visitor is sent to the login page", async ({ page }) => {
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Sign in to Charla" })).toBeVisible();
});

test("an agent signs in, sees the shell with name and role, and signs out", async ({ page }) => {
  await signIn(page, AGENT);
  const who = page.getByTestId("current-user");
  await expect(who).toContainText(AGENT.name);
  await expect(who).toContainText("Agent");
  await expect(page.getByRole("link", { name: "Administration" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong password gets a clear message and no session", async ({ page }) => {
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(AGENT.email);
  await page.locator('input[name="password"]').fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("Wrong email or password.");
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/login/);
});

test("the admin sees the Administration link", async ({ page }) => {
  await signIn(page, ADMIN);
  await expect(page.getByTestId("current-user")).toContainText("Administrator");
  await expect(page.getByRole("link", { name: "Administration" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign in through the plain form, see the shell, sign out", async ({ page }) => {
    await signIn(page, AGENT);
    await expect(page.getByTestId("current-user")).toContainText(AGENT.name);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
  });

  test("a wrong password shows the message", async ({ page }) => {
    await page.goto("/login");
    await page.locator('input[name="email"]').fill(ADMIN.email);
    await page.locator('input[name="password"]').fill("nope-nope");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toBeVisible();
  });
});
