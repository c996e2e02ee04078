import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { ADMIN, AGENT } from "./users";
import { receiveWhatsAppText, uniquePhone } from "./webhook";

// With JavaScript a form's outcome comes back in the redirect's query (?ok=, ?error=, ?formError=). Once the
// banner shows, the address must not keep it, on every page of the app and not only the inbox: a reload or a
// copied link would show it again.

const OUTCOME_IN_ADDRESS = /[?&](ok|error|formError)=/;

async function expectCleanAddress(page: Page) {
  await expect(page).not.toHaveURL(OUTCOME_IN_ADDRESS);
}

test("an admin page's banners (ok and formError) leave the address once shown", async ({ page }) => {
  const label = `Flash ${Date.now()}`;
  await signIn(page, ADMIN);

  await page.goto("/admin/close-reasons");
  await page.getByLabel("Reason", { exact: true }).fill(label);
  await page.getByRole("button", { name: "Add reason" }).click();
  await expect(page.getByTestId("admin-status")).toContainText("Close reason added.");
  await expectCleanAddress(page);
  await page.reload();
  await expect(page.getByTestId("reasons-table")).toContainText(label);
  await expect(page.getByTestId("admin-status")).toHaveCount(0);

  // The box unticked: the browser's own check is off, as for any post made without it.
  const row = page.getByTestId("reasons-table").locator("tbody tr", { has: page.getByRole("rowheader", { name: label, exact: true }) });
  const deleteForm = row.locator('[data-testid^="delete-"]');
  await deleteForm.locator("summary").click();
  await deleteForm.locator("form").evaluate((form: HTMLFormElement) => (form.noValidate = true));
  await deleteForm.getByRole("button", { name: /^Delete/ }).click();
  await expect(page.getByTestId("admin-status")).toContainText("Tick the confirmation box first.");
  await expectCleanAddress(page);
  await page.reload();
  await expect(page.getByTestId("reasons-table")).toContainText(label);
  await expect(page.getByTestId("admin-status")).toHaveCount(0);
});

// A domain refusal (?error=) on an admin page: see "a form error shows the domain's message" in admin.spec.ts.

test("the contact page's 'saved' banner leaves the address once shown", async ({ page, request }) => {
  const waId = uniquePhone();
  const name = `Flash ${waId.slice(-4)}`;
  await receiveWhatsAppText(request, { waId, name }, "Oi");
  await signIn(page, AGENT);
  await page.goto("/inbox?section=unassigned&status=open&order=desc");
  await page.getByTestId("chat-row").filter({ hasText: name }).click();
  await page.getByTestId("chat-pane").locator('a[href^="/contacts/"]').click();
  await expect(page).toHaveURL(/\/contacts\/\d+/);
  await page.getByTestId("contact-form").getByRole("button").click();
  await expect(page.getByTestId("flash-ok")).toBeVisible();
  await expectCleanAddress(page);
});
