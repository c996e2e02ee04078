import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { ADMIN, AGENT } from "./users";

// Administration screens: admins only, every form a plain HTML form that works without JavaScript.

const unique = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

async function createUser(page: Page, user: { name: string; email: string; password: string }) {
  await page.goto("/admin/users");
  const form = page.getByTestId("create-user-form");
  await form.getByLabel("Name", { exact: true }).fill(user.name);
  await form.getByLabel("Email", { exact: true }).fill(user.email);
  await form.getByLabel("Role", { exact: true }).selectOption("agent");
  await form.getByLabel("Password", { exact: true }).fill(user.password);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("admin-status")).toContainText("User created.");
  await expect(page.getByTestId("users-table")).toContainText(user.email);
}

/** Deleting asks first: open the row's "Delete", tick the box, then delete. */
async function confirmDelete(row: Locator) {
  const form = row.locator('[data-testid^="delete-"]');
  await form.locator("summary").click();
  await form.getByRole("checkbox").check();
  await form.getByRole("button", { name: /^Delete/ }).click();
}

test("an admin creates an agent, who can then sign in; the audit log names the admin", async ({ page, browser }) => {
  const id = unique();
  const agent = { name: `Bruno ${id}`, email: `bruno-${id}@example.com`, password: "bruno-password" };
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Administration" }).click();
  await page.getByRole("navigation", { name: "Administration sections" }).getByRole("link", { name: "Users" }).click();
  await createUser(page, agent);

  await page.goto("/admin/audit");
  const firstRow = page.getByTestId("audit-table").locator("tbody tr").first();
  await expect(firstRow).toContainText("User created");
  await expect(firstRow).toContainText(ADMIN.name);

  const other = await browser.newContext();
  const agentPage = await other.newPage();
  await signIn(agentPage, agent);
  await expect(agentPage.getByTestId("current-user")).toContainText(agent.name);
  await expect(agentPage.getByTestId("current-user")).toContainText("Agent");
  await other.close();
});

test("a form error shows the domain's message", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/admin/users");
  const form = page.getByTestId("create-user-form");
  await form.getByLabel("Name", { exact: true }).fill("Duplicate");
  await form.getByLabel("Email", { exact: true }).fill(AGENT.email);
  await form.getByLabel("Password", { exact: true }).fill("long-enough-1");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("admin-status")).toContainText(`A user with the email ${AGENT.email} already exists.`);
  // Shown once: the refusal leaves the address (app/(app)/_components/flash-cleaner.tsx).
  await expect(page).not.toHaveURL(/[?&](ok|error|formError)=/);
});

test("an agent gets 403 on admin pages and on posting an admin form", async ({ page, browser }) => {
  // The admin's page holds a real form (with its action id) that the agent will replay.
  await signIn(page, ADMIN);
  await page.goto("/admin/users");
  const hidden = await page
    .getByTestId("create-user-form")
    .locator('input[type="hidden"]')
    .evaluateAll((inputs) => inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value] as const));
  expect(hidden.some(([name]) => name.startsWith("$ACTION"))).toBe(true);

  const context = await browser.newContext();
  const agentPage = await context.newPage();
  await signIn(agentPage, AGENT);
  for (const path of ["/admin", "/admin/users", "/admin/channels", "/admin/settings", "/admin/audit"]) {
    const response = await agentPage.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(agentPage.getByTestId("forbidden-title")).toHaveText("Administrators only");
  }

  const email = `mallory-${unique()}@example.com`;
  const baseURL = test.info().project.use.baseURL!;
  // Posted the way a browser without JavaScript posts it; Next answers such a post only with a redirect
  // or a page, so the refusal is a redirect to a page that answers 403.
  const posted = await agentPage.request.post("/admin/users", {
    headers: { Origin: baseURL, "Accept-Language": "en-US" },
    multipart: { ...Object.fromEntries(hidden), name: "Mallory", email, role: "admin", password: "mallory-password" },
  });
  expect(posted.status()).toBe(403);
  expect(new URL(posted.url()).pathname).toBe("/admin/denied");
  expect(await posted.text()).toContain("Administrators only");
  await context.close();

  await page.goto("/admin/users");
  await expect(page.getByTestId("users-table")).not.toContainText(email);
});

test("an admin adds a WhatsApp channel and sees its webhook URL and verify token, with secrets masked", async ({ page }) => {
  const phoneNumberId = `55${Date.now()}`;
  await signIn(page, ADMIN);
  await page.goto("/admin/channels");
  await page.getByRole("link", { name: "WhatsApp", exact: true }).click();
  const form = page.getByRole("form", { name: "New WhatsApp channel" });
  await form.getByLabel("Channel name").fill("Sales WhatsApp");
  await form.getByLabel("Phone number ID").fill(phoneNumberId);
  await form.getByLabel("Access token").fill("EAAG-very-secret-access-token-9876");
  await form.getByLabel("App secret").fill("app-secret-abcdef-5432");
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(page.getByTestId("admin-status")).toContainText("Channel added.");

  const row = page.getByTestId("channels-table").locator("tr", { hasText: "Sales WhatsApp" });
  await expect(row).toContainText("/api/webhooks/whatsapp");
  const verifyToken = row.locator("td").nth(2).locator("code");
  await expect(verifyToken).toHaveText(/^\S{16,}$/);
  await expect(row).toContainText("••••9876");
  await expect(row).toContainText("••••5432");
  const html = await page.content();
  expect(html).not.toContain("EAAG-very-secret-access-token-9876");
  expect(html).not.toContain("app-secret-abcdef-5432");

  // Editing with the secret boxes blank keeps the secrets.
  await row.getByRole("link", { name: /Edit/ }).click();
  await expect(page).toHaveURL(/\/admin\/channels\/\d+$/);
  await page.getByLabel("Channel name").fill("Sales WhatsApp (BR)");
  await page.getByRole("button", { name: "Save channel" }).click();
  await expect(page.getByTestId("admin-status")).toContainText("Channel saved.");
  const edited = page.getByTestId("channels-table").locator("tr", { hasText: "Sales WhatsApp (BR)" });
  await expect(edited).toContainText("••••9876");
});

test("a Zenvia channel's generated webhook secret is shown once after creation", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/admin/channels?add=zenvia");
  const form = page.getByRole("form", { name: "New Zenvia channel" });
  await form.getByLabel("Channel name").fill("Zenvia support");
  await form.getByLabel("Sender ID").fill(`zen-${unique()}`);
  await form.getByLabel("API token").fill("zenvia-token-1111");
  await form.getByRole("button", { name: "Add channel" }).click();
  const secrets = page.getByTestId("new-secrets");
  await expect(secrets).toContainText("Webhook secret");
  const secret = (await secrets.locator("code").first().textContent()) ?? "";
  expect(secret.length).toBeGreaterThan(16);
  await secrets.getByRole("button", { name: "I have copied them" }).click();
  await expect(page.getByTestId("new-secrets")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
});

test("an admin turns the shared inbox off (and back on)", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/admin/settings");
  await page.getByLabel(/^Off:/).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("admin-status")).toContainText("Settings saved.");
  await page.reload();
  await expect(page.getByLabel(/^Off:/)).toBeChecked();

  await page.goto("/admin/audit");
  await expect(page.getByTestId("audit-table").locator("tbody tr").first()).toContainText("Setting changed");

  // Leave the default for the other specs.
  await page.goto("/admin/settings");
  await page.getByLabel(/^On:/).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByLabel(/^On:/)).toBeChecked();
});

test("system close reasons are marked and cannot be deleted; company ones can", async ({ page }) => {
  const label = `Sold ${unique()}`;
  await signIn(page, ADMIN);
  await page.goto("/admin/close-reasons");
  const table = page.getByTestId("reasons-table");
  for (const system of ["Transferred", "Inactivity"]) {
    const row = table.locator("tbody tr", { has: page.getByRole("rowheader", { name: system, exact: true }) });
    await expect(row).toContainText("System");
    await expect(row.getByRole("button", { name: /Delete/ })).toHaveCount(0);
  }
  await page.getByLabel("Reason", { exact: true }).fill(label);
  await page.getByRole("button", { name: "Add reason" }).click();
  await expect(page.getByTestId("admin-status")).toContainText("Close reason added.");
  await confirmDelete(table.locator("tbody tr", { has: page.getByRole("rowheader", { name: label, exact: true }) }));
  await expect(page.getByTestId("admin-status")).toContainText("deleted");
  await expect(table).not.toContainText(label);
});

test("an admin manages quick replies and a channel's templates", async ({ page }) => {
  const shortcut = `hi${unique()}`;
  await signIn(page, ADMIN);
  await page.goto("/admin/quick-replies");
  await page.getByLabel("Shortcut", { exact: true }).fill(`/${shortcut}`);
  await page.getByLabel("Text", { exact: true }).fill("Hello! How can we help?");
  await page.getByRole("button", { name: "Add quick reply" }).click();
  await expect(page.getByTestId("admin-status")).toContainText("Quick reply added.");
  await confirmDelete(page.getByTestId("quick-replies-table").locator("tbody tr", { hasText: `/${shortcut}` }));
  await expect(page.getByTestId("admin-status")).toContainText("Quick reply deleted.");
  await expect(page.getByTestId("quick-replies-table")).not.toContainText(shortcut);

  await page.goto("/admin/channels?add=whatsapp");
  const form = page.getByRole("form", { name: "New WhatsApp channel" });
  const name = `Templates ${unique()}`;
  await form.getByLabel("Channel name").fill(name);
  await form.getByLabel("Phone number ID").fill(`77${Date.now()}`);
  await form.getByLabel("Access token").fill("token-templates-1");
  await form.getByLabel("App secret").fill("secret-templates-1");
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(page.getByTestId("admin-status")).toContainText("Channel added.");

  await page.goto("/admin/templates");
  await page.getByLabel("Channel", { exact: true }).selectOption({ label: `${name} (WhatsApp)` });
  await page.getByRole("button", { name: "Show templates" }).click();
  await expect(page.getByTestId("templates-table")).toContainText(`Templates of ${name}`);
  await page.getByLabel("Template name").fill("order_update");
  await page.getByLabel("Language code").fill("pt_BR");
  await page.getByLabel("Body", { exact: true }).fill("Hi {{1}}, your order {{3}} shipped.");
  await page.getByRole("button", { name: "Add template" }).click();
  await expect(page.getByTestId("admin-status")).toContainText("{{2}} is missing");
  // The error page comes back with an empty form (the redirect carries no input).
  await page.getByLabel("Template name").fill("order_update");
  await page.getByLabel("Language code").fill("pt_BR");
  await page.getByLabel("Body", { exact: true }).fill("Hi {{1}}, your order {{2}} shipped.");
  await page.getByRole("button", { name: "Add template" }).click();
  await expect(page.getByTestId("admin-status")).toContainText("Template added.");
  await expect(page.getByTestId("templates-table")).toContainText("order_update");
  await expect(page.getByTestId("templates-table")).toContainText(`Templates of ${name}`);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an admin creates a user through the plain form", async ({ page }) => {
    const id = unique();
    await signIn(page, ADMIN);
    await createUser(page, { name: `Carla ${id}`, email: `carla-${id}@example.com`, password: "carla-password" });
  });

  test("an admin saves settings and adds a close reason through the plain forms", async ({ page }) => {
    const label = `No stock ${unique()}`;
    await signIn(page, ADMIN);
    await page.goto("/admin/settings");
    await page.getByLabel("Polling interval in seconds").fill("7");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByTestId("admin-status")).toContainText("Settings saved.");
    await expect(page.getByLabel("Polling interval in seconds")).toHaveValue("7");
    // The browser checks the number range itself; the URL rule is the server's, and nothing is saved.
    await page.getByLabel("Polling interval in seconds").fill("5");
    await page.getByLabel("Payment-link URL pattern").fill("http://pay.example.com/?amount={amount}");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByTestId("admin-status")).toContainText("paymentLinkPattern expects an https URL containing {amount}");
    // The refused form comes back as typed, so the admin fixes the one bad field.
    await expect(page.getByLabel("Polling interval in seconds")).toHaveValue("5");
    await page.getByLabel("Payment-link URL pattern").fill("");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByTestId("admin-status")).toContainText("Settings saved.");
    await expect(page.getByLabel("Polling interval in seconds")).toHaveValue("5");

    await page.goto("/admin/close-reasons");
    await page.getByLabel("Reason", { exact: true }).fill(label);
    await page.getByRole("button", { name: "Add reason" }).click();
    await expect(page.getByTestId("reasons-table")).toContainText(label);
  });

  test("an agent gets 403 on an admin page", async ({ page }) => {
    await signIn(page, AGENT);
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("users-table")).toHaveCount(0);
    // Readable without JavaScript, not a blank error shell.
    await expect(page.getByTestId("forbidden-title")).toHaveText("Administrators only");
  });
});
