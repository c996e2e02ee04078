import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { openChatActions, pageFor } from "./helpers";
import { ADMIN, AGENT } from "./users";
import { receiveWhatsAppText, uniquePhone } from "./webhook";

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("login, inbox, chat and admin pages have no serious accessibility violations", async ({ browser, page, request }) => {
  test.setTimeout(90_000);
  await page.goto("/login");
  expect(await seriousViolations(page)).toEqual([]);

  await receiveWhatsAppText(request, { waId: uniquePhone(), name: "Ana Clara" }, "Bom dia! Quero trocar um produto.");
  const agent = await pageFor(browser, AGENT);
  await agent.goto("/inbox?section=unassigned&status=open");
  expect(await seriousViolations(agent)).toEqual([]);
  await agent.getByTestId("chat-row").filter({ hasText: "Ana Clara" }).first().click();
  await expect(agent.getByTestId("chat-pane")).toBeVisible();
  expect(await seriousViolations(agent)).toEqual([]);

  const admin = await pageFor(browser, ADMIN);
  for (const path of ["/admin", "/admin/users", "/admin/channels", "/admin/teams", "/admin/settings"]) {
    await admin.goto(path);
    expect(await seriousViolations(admin), path).toEqual([]);
  }
});

test("screenshots of the inbox and a chat at desktop and phone widths", async ({ browser, request }) => {
  await receiveWhatsAppText(request, { waId: uniquePhone(), name: "Beatriz Rocha" }, "Olá! O pedido 4821 já saiu para entrega?");
  const dir = test.info().outputPath("screenshots");
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, viewport] of [["desktop", { width: 1440, height: 900 }], ["phone", { width: 390, height: 844 }]] as const) {
    const context = await browser.newContext({ locale: "en-US", viewport });
    const page = await context.newPage();
    await page.goto("/login");
    await page.locator('input[name="email"]').fill(AGENT.email);
    await page.locator('input[name="password"]').fill(AGENT.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/inbox/);
    await page.goto("/inbox?section=unassigned&status=open&order=desc");
    await page.screenshot({ path: `${dir}/inbox-${name}.png` });
    await page.getByTestId("chat-row").filter({ hasText: "Beatriz Rocha" }).first().click();
    await expect(page.getByTestId("chat-pane")).toBeVisible();
    if (name === "phone") await expect(page.getByTestId("chat-row").first()).toBeHidden(); // one pane at a time
    await page.screenshot({ path: `${dir}/chat-${name}.png` });
    await context.close();
  }
  await test.info().attach("inbox-desktop", { path: `${dir}/inbox-desktop.png`, contentType: "image/png" });
});

test("every state an agent sees passes axe, in each language and at phone width", async ({ browser, request }) => {
  test.setTimeout(120_000);
  for (const [locale, width] of [["es-AR", 1440], ["pt-BR", 390], ["en-US", 1440]] as const) {
    const contact = { waId: uniquePhone(), name: `Axe ${locale}` };
    await receiveWhatsAppText(request, contact, "Olá, preciso de ajuda");
    const context = await browser.newContext({ locale, viewport: { width, height: width < 600 ? 844 : 900 } });
    const page = await context.newPage();
    // The sign-in button reads in the browser's language ("Entrar"): submit the form itself.
    await page.goto("/login");
    await page.locator('input[name="email"]').fill(AGENT.email);
    await page.locator('input[name="password"]').fill(AGENT.password);
    await page.locator('form button[type="submit"]').click();
    await expect(page).toHaveURL(/\/inbox/, { timeout: 15_000 });
    expect(await page.locator("html").getAttribute("lang")).toBe(locale.startsWith("pt") ? "pt-BR" : locale.slice(0, 2));
    await page.goto("/inbox?section=unassigned&status=open&order=desc");
    await expect(page.locator("h1")).toHaveCount(1);
    expect(await seriousViolations(page), `${locale} list`).toEqual([]);

    await page.getByTestId("chat-row").filter({ hasText: contact.name }).first().click();
    await expect(page.getByTestId("chat-pane")).toBeVisible();
    // An outgoing message and the success banner.
    await page.locator("#composer-body").fill("Claro, já verifico.");
    await page.locator("#composer-body").press("Control+Enter");
    await expect(page.getByTestId("message").filter({ hasText: "já verifico" })).toBeVisible();
    await expect(page.getByTestId("flash-ok")).toBeVisible();
    expect(await seriousViolations(page), `${locale} chat with outgoing messages and the success banner`).toEqual([]);

    // The open actions panel, and an error banner (a reminder in the past is refused).
    await openChatActions(page);
    expect(await seriousViolations(page), `${locale} actions panel`).toEqual([]);
    await page.locator("#schedule-at").fill("2001-01-01T10:00");
    await page.getByTestId("schedule-form").locator('button[type="submit"]').click();
    await expect(page.getByTestId("flash-error")).toBeVisible();
    expect(await seriousViolations(page), `${locale} error banner`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await context.close();
  }
});
