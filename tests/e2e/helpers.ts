import { expect, type Browser, type Page } from "@playwright/test";

export async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/inbox/, { timeout: 15_000 });
}

/** A separate browser context per person, so two agents can be signed in side by side. */
export async function pageFor(browser: Browser, user: { email: string; password: string }, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ locale: "en-US", ...options });
  const page = await context.newPage();
  await signIn(page, user);
  return page;
}

export function pendingCount(page: Page, section: "mine" | "unassigned" | "teammates" | "all") {
  return page.getByTestId(`pending-${section}`);
}

/** The chat's Close/Schedule/Assign forms sit in a collapsed panel; open it unless it already is. */
export async function openChatActions(page: Page): Promise<void> {
  const panel = page.getByTestId("chat-actions");
  if ((await panel.getAttribute("open")) === null) await panel.locator("summary").click();
}
