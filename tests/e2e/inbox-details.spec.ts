import { expect, test } from "@playwright/test";
import { pageFor, signIn } from "./helpers";
import { AGENT } from "./users";
import { receiveWhatsAppText, uniquePhone } from "./webhook";

test("the row's ⋯ menu opens the chat with its actions panel, without a full page load", async ({ browser, request }) => {
  const waId = uniquePhone();
  const contact = { waId, name: `Menu ${waId.slice(-4)}` };
  await receiveWhatsAppText(request, contact, "Olá");
  const ana = await pageFor(browser, AGENT);
  await ana.goto("/inbox?section=unassigned&status=open&order=desc");
  await ana.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  await ana.getByRole("link", { name: `Actions for ${contact.name}` }).click();
  await expect(ana.getByTestId("chat-actions")).toHaveAttribute("open", "");
  await expect(ana.locator("#close-reason")).toBeFocused();
  // Still the same document: a client-side navigation, not a reload.
  expect(await ana.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
});

test("the 'Sent' banner is not kept in the address: a reload does not show it again", async ({ browser, request }) => {
  const waId = uniquePhone();
  await receiveWhatsAppText(request, { waId, name: `Banner ${waId.slice(-4)}` }, "Oi");
  const ana = await pageFor(browser, AGENT);
  await ana.goto("/inbox?section=unassigned&status=open&order=desc");
  await ana.getByTestId("chat-row").filter({ hasText: `Banner ${waId.slice(-4)}` }).click();
  await ana.locator("#composer-body").fill("Olá!");
  await ana.locator("#composer-body").press("Control+Enter");
  await expect(ana.getByTestId("flash-ok")).toBeVisible();
  await expect(ana).not.toHaveURL(/[?&]ok=/);
  await ana.reload();
  await expect(ana.getByTestId("chat-pane")).toBeVisible();
  await expect(ana.getByTestId("flash-ok")).toHaveCount(0);
});

test("without JavaScript, the 'Sent' banner shows once and never sits in the address", async ({ browser, request }) => {
  const waId = uniquePhone();
  const name = `Banner sin JS ${waId.slice(-4)}`;
  await receiveWhatsAppText(request, { waId, name }, "Oi");
  const ana = await pageFor(browser, AGENT, { javaScriptEnabled: false });
  await ana.goto("/inbox?section=unassigned&status=open&order=desc");
  await ana.getByTestId("chat-row").filter({ hasText: name }).click();
  await ana.locator("#composer-body").fill("Olá, sem JavaScript!");
  await ana.getByRole("button", { name: "Send", exact: true }).click();
  await expect(ana.getByTestId("flash-ok")).toBeVisible();
  expect(ana.url()).not.toMatch(/[?&](ok|error)=/);
  await expect(ana.getByTestId("message").filter({ hasText: "Olá, sem JavaScript!" })).toHaveCount(1);
  // A reload, and a refusal after it, show only what is new.
  await ana.reload();
  await expect(ana.getByTestId("chat-pane")).toBeVisible();
  await expect(ana.getByTestId("flash-ok")).toHaveCount(0);
  await ana.locator("#composer-body").fill("x".repeat(4100));
  await ana.getByRole("button", { name: "Send", exact: true }).click();
  await expect(ana.getByTestId("flash-error")).toBeVisible();
  await expect(ana.getByTestId("flash-ok")).toHaveCount(0);
  expect(ana.url()).not.toMatch(/[?&](ok|error)=/);
});

test("an untouched row's wait grows on the page, without a reload or a row change", async ({ browser, request }) => {
  const waId = uniquePhone();
  const name = `Aging ${waId.slice(-4)}`;
  const ana = await pageFor(browser, AGENT);
  await ana.clock.install();
  await receiveWhatsAppText(request, { waId, name }, "¿Hola?");
  await ana.goto("/inbox?section=unassigned&status=open&order=desc");
  const meta = ana.getByTestId("chat-row").filter({ hasText: name }).getByTestId("row-meta");
  await expect(meta).toContainText("waiting since just now");
  await ana.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  await ana.clock.fastForward("04:00");
  await expect(meta).toHaveText(/waiting 4\s?m/);
  expect(await ana.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
});

test("without JavaScript (no poll ever runs), the page itself is presence: the header's dot agrees with the choice", async ({ browser }) => {
  const ana = await pageFor(browser, AGENT, { javaScriptEnabled: false });
  // Signing out leaves no presence behind: the next sign-in starts from "no tab seen".
  await ana.getByRole("button", { name: "Sign out" }).click();
  await expect(ana).toHaveURL(/\/login/);
  await signIn(ana, AGENT);
  await ana.goto("/reports");
  const chosen = await ana.locator("#availability-select").inputValue();
  await expect(ana.getByTestId("availability").locator("[data-effective]")).toHaveAttribute("data-effective", chosen);
});

test("at phone width the list is reachable below the sections, one pane at a time, with no sideways scroll", async ({ browser, request }) => {
  const waId = uniquePhone();
  const name = `Phone ${waId.slice(-4)}`;
  await receiveWhatsAppText(request, { waId, name }, "Oi");
  const context = await browser.newContext({ locale: "es-AR", viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(AGENT.email);
  await page.locator('input[name="password"]').fill(AGENT.password);
  await page.locator('form button[type="submit"]').click();
  await expect(page).toHaveURL(/\/inbox/, { timeout: 15_000 });
  await page.goto("/inbox?section=unassigned&status=open&order=desc");
  const row = page.getByTestId("chat-row").filter({ hasText: name });
  await expect(row).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await row.click();
  await expect(page.getByTestId("chat-pane")).toBeVisible();
  await expect(page.getByTestId("chat-row").first()).toBeHidden();
  // The actions panel open, the messages still have room.
  await page.getByTestId("chat-actions").locator("summary").click();
  expect(await page.getByTestId("messages").evaluate((el) => el.clientHeight)).toBeGreaterThan(200);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.getByRole("link", { name: /Volver a la lista/ }).click();
  await expect(row).toBeInViewport();
  await context.close();
});

test("a chat opens at its first unread message, under a 'new messages' divider", async ({ browser, request }) => {
  const waId = uniquePhone();
  const contact = { waId, name: `Unread ${waId.slice(-4)}` };
  await receiveWhatsAppText(request, contact, "Primeira mensagem");
  const ana = await pageFor(browser, AGENT);
  await ana.goto("/inbox?section=unassigned&status=open&order=desc");
  await ana.getByTestId("chat-row").filter({ hasText: contact.name }).click();
  await ana.locator("#composer-body").fill("Olá!");
  await ana.locator("#composer-body").press("Control+Enter");
  await expect(ana.getByTestId("chat-assignee")).toHaveText(`Assigned to ${AGENT.name}`);
  await ana.goto("/inbox?section=mine&status=open");
  await receiveWhatsAppText(request, contact, "Nova um");
  await receiveWhatsAppText(request, contact, "Nova dois");
  await expect(ana.getByTestId("chat-row").filter({ hasText: "Nova dois" })).toBeVisible({ timeout: 15_000 });
  await ana.getByTestId("chat-row").filter({ hasText: contact.name }).click();
  const divider = ana.getByTestId("unread-divider");
  await expect(divider).toHaveText("New messages");
  // The divider sits right above the first unread message.
  const next = divider.locator("xpath=following-sibling::li[1]");
  await expect(next).toContainText("Nova um");
  await expect(divider).toBeInViewport();
});
