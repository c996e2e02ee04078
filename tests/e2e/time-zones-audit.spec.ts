import { expect, test, type Browser, type Page } from "@playwright/test";
import { openChatActions, signIn } from "./helpers";
import { ADMIN, AGENT, AGENT2 } from "./users";
import { receiveWhatsAppText, uniquePhone } from "./webhook";

// Issue 12, items 3 and 7: an administrator in Buenos Aires, reading Charla in Spanish. Her account takes the
// browser's zone at the first sign-in, the Schedule form says which zone it means, and the audit log reads in
// names, words and her local time, with filters that work without JavaScript.

// Each test creates an administrator and walks several screens: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 90_000 });

const BA = "America/Argentina/Buenos_Aires";
const inBuenosAires = { timezoneId: BA, locale: "es-AR" } as const;

async function signInEs(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page).toHaveURL(/\/inbox/);
}

/** A new administrator, created by the first one, who has never signed in. */
async function newAdmin(browser: Browser) {
  const id = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const lucia = { name: `Lucía Fernández ${id}`, email: `lucia-${id}@example.com`, password: "lucia-password" };
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, ADMIN);
  await page.goto("/admin/users");
  const form = page.getByTestId("create-user-form");
  await form.getByLabel("Name", { exact: true }).fill(lucia.name);
  await form.getByLabel("Email", { exact: true }).fill(lucia.email);
  await form.getByLabel("Role", { exact: true }).selectOption("admin");
  await form.getByLabel("Password", { exact: true }).fill(lucia.password);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("users-table")).toContainText(lucia.email);
  await context.close();
  return lucia;
}

/** What a moment reads as in Buenos Aires, in Spanish, the way the audit log writes it. */
const localEs = (iso: string) => new Intl.DateTimeFormat("es", { dateStyle: "medium", timeStyle: "medium", timeZone: BA }).format(new Date(iso));

test("a Buenos Aires admin gets her zone at first sign-in, schedules in it, and reads the audit log in names and local time", async ({ browser, request }) => {
  const lucia = await newAdmin(browser);
  const context = await browser.newContext(inBuenosAires);
  const page = await context.newPage();
  await signInEs(page, lucia);
  const browserZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  expect(browserZone).toMatch(/Buenos_Aires$/);

  // The profile took the browser's zone, so there is nothing to offer.
  await page.goto("/profile");
  await expect(page.locator('select[name="timeZone"]')).toHaveValue(browserZone);
  await expect(page.getByTestId("time-zone-banner")).toHaveCount(0);

  // The Schedule form says which zone 10:00 means, and 10:00 comes back as 10:00.
  const contact = { waId: uniquePhone(), name: `Marisa Zona ${Date.now()}` };
  await receiveWhatsAppText(request, contact, "¿Me llaman mañana a las 10?");
  await page.goto("/inbox?section=unassigned&status=open");
  await page.getByTestId("chat-row").filter({ hasText: contact.name }).click();
  await expect(page.getByTestId("chat-pane")).toContainText("¿Me llaman mañana a las 10?");
  await openChatActions(page);
  const when = page.locator("#schedule-at");
  await expect(when).toHaveAttribute("aria-describedby", "schedule-at-zone");
  await expect(page.locator("#schedule-at-zone")).toHaveText(`Zona horaria: ${browserZone} (UTC−03:00)`);
  await when.fill("2031-03-10T10:00");
  await page.getByTestId("schedule-form").getByRole("button", { name: "Programar" }).click();
  await expect(page.getByTestId("system-event").filter({ hasText: "Programado para" }).last()).toContainText("10:00");
  await openChatActions(page);
  await expect(page.locator("#schedule-at")).toHaveValue("2031-03-10T10:00");

  // Assign to Ana, then transfer to Luis: the log must name them, not number them.
  await page.locator("#assign-user").selectOption({ label: AGENT.name });
  await page.getByTestId("assign-form").getByRole("button", { name: "Asignar" }).click();
  await expect(page.getByTestId("chat-assignee")).toContainText(AGENT.name);
  await openChatActions(page);
  await page.locator("#assign-user").selectOption({ label: AGENT2.name });
  // Where a transfer leaves the agent is another item's business; the action's answer is enough here.
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.status() < 400),
    page.getByTestId("assign-form").getByRole("button", { name: "Asignar" }).click(),
  ]);

  await page.goto(`/admin/audit?actor=${await actorId(page, lucia.name)}`);
  const rows = page.getByTestId("audit-table").locator("tbody tr");
  await expect(page.getByText(`Las horas se muestran en ${browserZone}.`)).toBeVisible();
  // Newest first: the transfer, the assignment, the schedule, the zone taken from the browser.
  await expect(rows.nth(0)).toContainText("Chat transferido");
  await expect(rows.nth(0)).toContainText(`De: ${AGENT.name} · Para: ${AGENT2.name}`);
  await expect(rows.nth(1)).toContainText("Chat asignado");
  await expect(rows.nth(1)).toContainText(`Para: ${AGENT.name}`);
  await expect(rows.nth(2)).toContainText("Chat programado");
  await expect(rows.nth(2)).toContainText("Para el: 10 mar 2031, 10:00:00");
  await expect(rows.nth(3)).toContainText("Zona horaria tomada del navegador");
  await expect(rows.nth(3)).toContainText(`Usuario: ${lucia.name}`);
  for (let i = 0; i < 4; i++) {
    await expect(rows.nth(i)).toContainText(lucia.name);
    await expect(rows.nth(i)).not.toContainText("chat.");
    const iso = (await rows.nth(i).locator("time").getAttribute("datetime"))!;
    await expect(rows.nth(i).locator("time")).toHaveText(localEs(iso));
  }
  const times = await rows.locator("time").evaluateAll((els) => els.map((el) => Date.parse(el.getAttribute("datetime")!)));
  expect(times).toEqual([...times].sort((a, b) => b - a));
  await context.close();
});

test("audit filters work without JavaScript and live in the URL", async ({ browser }) => {
  const lucia = await newAdmin(browser);
  const context = await browser.newContext({ ...inBuenosAires, javaScriptEnabled: false });
  const page = await context.newPage();
  await signInEs(page, lucia);
  await page.goto("/admin/audit");
  const filters = page.getByTestId("audit-filters");
  await filters.getByLabel("Quién").selectOption({ label: ADMIN.name });
  await filters.getByLabel("Acción").selectOption({ label: "Usuario creado" });
  await filters.getByRole("button", { name: "Filtrar" }).click();
  await expect(page).toHaveURL(/[?&]actor=\d+/);
  await expect(page).toHaveURL(/[?&]action=user\.create/);
  const rows = page.getByTestId("audit-table").locator("tbody tr");
  await expect(rows.first()).toContainText(`Usuario: ${lucia.name}`);
  for (const row of await rows.all()) {
    await expect(row).toContainText("Usuario creado");
    await expect(row).toContainText(ADMIN.name);
  }
  // The form shows what the URL holds; a date range long past keeps the other filters and finds nothing.
  await expect(filters.getByLabel("Quién")).toHaveValue(/\d+/);
  await filters.getByLabel("Desde (fecha)").fill("2020-01-01");
  await filters.getByLabel("Hasta (fecha, incluida)").fill("2020-01-02");
  await filters.getByRole("button", { name: "Filtrar" }).click();
  await expect(page).toHaveURL(/from=2020-01-01&to=2020-01-02/);
  await expect(page).toHaveURL(/action=user\.create/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Todavía no hay nada aquí.");
  await page.getByRole("link", { name: "Quitar filtros" }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await context.close();
});

test("the banner offers the browser's zone when the profile says another", async ({ browser }) => {
  const lucia = await newAdmin(browser);
  const context = await browser.newContext(inBuenosAires);
  const page = await context.newPage();
  await signInEs(page, lucia);
  await page.goto("/profile");
  await page.locator('select[name="timeZone"]').selectOption("UTC");
  await page.getByRole("button", { name: "Guardar" }).click();
  await expect(page.getByTestId("flash-ok")).toBeVisible();
  await page.goto("/inbox");

  const banner = page.getByTestId("time-zone-banner");
  await expect(banner).toContainText(/Tu navegador está en America\/(Argentina\/)?Buenos_Aires; tu perfil dice UTC\./);
  await banner.getByRole("button", { name: "Usar la zona del navegador" }).click();
  await expect(banner).toHaveCount(0);
  await page.goto("/inbox");
  await expect(page.getByTestId("time-zone-banner")).toHaveCount(0);
  await page.goto("/profile");
  await expect(page.locator('select[name="timeZone"]')).toHaveValue(/Buenos_Aires$/);
  await expect(page.getByTestId("time-zone-banner")).toHaveCount(0);
  await context.close();
});

/** The person's id as the audit filter lists it. */
async function actorId(page: Page, name: string): Promise<string> {
  await page.goto("/admin/audit");
  return page.getByTestId("audit-filters").getByLabel("Quién").locator("option", { hasText: name }).getAttribute("value") as Promise<string>;
}
