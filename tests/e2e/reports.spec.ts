import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { pageFor } from "./helpers";
import { ADMIN, AGENT } from "./users";
import { receiveWhatsAppText, uniquePhone } from "./webhook";

// The reports page: server-rendered figures and SVG charts, a GET form of filters that works without
// JavaScript, the CSV download, and an agent who sees only their own figures.

const opened = async (page: Page) => Number(await page.getByTestId("figure-opened").locator("dd").innerText());

test("without JavaScript: figures and charts for today, and a filter changes them through the URL", async ({ browser, request }) => {
  // A new contact writes now: today's chats include at least one nobody is assigned to.
  await receiveWhatsAppText(request, { waId: uniquePhone(), name: "Relatório Teste" }, "Olá, preciso de ajuda");
  const page = await pageFor(browser, ADMIN, { javaScriptEnabled: false });
  await page.getByRole("link", { name: "Reports" }).click();
  await expect(page).toHaveURL(/\/reports$/);
  const filters = page.getByTestId("reports-filters");
  await filters.getByLabel("Period").selectOption("today");
  await filters.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/range=today/);
  const all = await opened(page);
  expect(all).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId("reports-period")).toContainText("The whole team");
  await expect(page.getByRole("img", { name: /Chats opened per day/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /Incoming chats by weekday and hour/ })).toBeVisible();
  await expect(page.getByTestId("agents-table")).toBeVisible();

  await filters.getByLabel("Agent").selectOption({ label: AGENT.name });
  await filters.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/agent=\d+/);
  // The unassigned chat is not Ana's: her figure is lower than the team's.
  expect(await opened(page)).toBeLessThan(all);
  await page.context().close();
});

test("with JavaScript: the CSV of the filtered range downloads", async ({ browser }) => {
  const page = await pageFor(browser, ADMIN);
  await page.goto("/reports?range=30d");
  await expect(page.getByTestId("figure-first-median")).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("reports-export").click()]);
  expect(download.suggestedFilename()).toMatch(/^charla-report-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = fs.readFileSync((await download.path())!, "utf8");
  expect(text.split("\r\n")[0]).toBe(
    "chat_id,channel,agent,opened_at,first_reply_at,first_response_s,responses,response_total_s,messages_in,messages_out,transferred_in,transferred_out,closed_at,closed_by,close_reason,resolution_s,first_response_business_s,resolution_business_s,csat",
  );
  expect(text.split("\r\n").length).toBeGreaterThan(2);
  await page.context().close();
});

test("an agent sees only their own figures and is refused a colleague's", async ({ browser }) => {
  const admin = await pageFor(browser, ADMIN, { javaScriptEnabled: false });
  await admin.goto("/reports");
  const adminId = await admin.getByTestId("reports-filters").getByLabel("Agent").locator("option", { hasText: ADMIN.name }).getAttribute("value");
  await admin.context().close();

  const page = await pageFor(browser, AGENT, { javaScriptEnabled: false });
  await page.goto("/reports?range=30d");
  await expect(page.getByTestId("reports-period")).toContainText("Your figures");
  await expect(page.getByTestId("reports-filters").getByLabel("Agent")).toHaveCount(0);
  await page.goto(`/reports?range=30d&agent=${adminId}`);
  await expect(page.getByTestId("reports-refused")).toContainText("only their own figures");
  const res = await page.request.get(`/reports/export?range=30d&agent=${adminId}`);
  expect(res.status()).toBe(403);
  await page.context().close();
});
