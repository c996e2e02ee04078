import { expect, test, type Page } from "@playwright/test";
import { openChatActions, pageFor, pendingCount } from "./helpers";
import { ADMIN, AGENT, AGENT2 } from "./users";
import { receiveWhatsAppText, uniquePhone } from "./webhook";

// Each update waits for the next poll (every 5 s): these tests take longer than the default 30 s.
test.describe.configure({ timeout: 120_000 });

/** Counts the page's React Server Component fetches: a navigation or a router.refresh() makes one. */
function countRenders(page: Page): () => number {
  let renders = 0;
  page.on("request", (req) => {
    if (req.headers()["rsc"]) renders += 1;
  });
  return () => renders;
}

test("customers' messages patch the list and the open chat in place; typing, focus and scroll survive", async ({ browser, request }) => {
  const ana = await pageFor(browser, AGENT);
  const regularId = uniquePhone();
  const regular = { waId: regularId, name: `Clara Live ${regularId.slice(-4)}` };
  for (let i = 1; i <= 30; i++) await receiveWhatsAppText(request, regular, `Mensagem antiga ${i}.`);
  await ana.goto("/inbox?section=unassigned&status=open");
  await ana.getByTestId("chat-row").filter({ hasText: regular.name }).click();
  await expect(ana.getByTestId("message").filter({ hasText: "Mensagem antiga 30." })).toBeVisible();
  await ana.waitForLoadState("networkidle");

  // The chat opened at its newest message.
  const messages = ana.getByTestId("messages");
  const fromBottom = () => messages.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  expect(await fromBottom()).toBeLessThan(10);

  const renders = countRenders(ana);
  const composer = ana.locator("#composer-body");
  await composer.fill("Olá Clara, já verifico");
  await composer.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(4, 4));
  await messages.evaluate((el) => (el.scrollTop = 200));
  await composer.focus();

  const others = [1, 2, 3, 4, 5].map((i) => ({ waId: uniquePhone(), name: `Visitante ${i}` }));
  for (let i = 0; i < 10; i++) {
    if (i % 2 === 0) {
      const who = others[i / 2]!;
      await receiveWhatsAppText(request, who, `Olá, sou ${who.name}`);
      await expect(ana.getByTestId("chat-row").filter({ hasText: who.name })).toBeVisible({ timeout: 15_000 });
    } else {
      await receiveWhatsAppText(request, regular, `Nova mensagem ${i}`);
      await expect(ana.getByTestId("message").filter({ hasText: `Nova mensagem ${i}` })).toHaveCount(1, { timeout: 15_000 });
    }
    await expect(composer).toHaveValue("Olá Clara, já verifico");
    expect(await ana.evaluate(() => document.activeElement?.id)).toBe("composer-body");
    expect(await composer.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(4);
    expect(await messages.evaluate((el) => el.scrollTop)).toBe(200);
  }
  // Scrolled up to read, the agent is told of new messages instead of being moved.
  await expect(ana.getByTestId("new-messages")).toBeVisible();
  await ana.getByTestId("new-messages").click();
  await expect.poll(fromBottom).toBeLessThan(10);

  // Counters and the tab title follow, and nothing was re-rendered by the server.
  const all = Number(await pendingCount(ana, "all").textContent());
  await expect(ana).toHaveTitle(`(${all}) Charla`);
  expect(renders()).toBe(0);
});

test("a chat transferred away leaves the agent's Mine list without a reload", async ({ browser, request }) => {
  const waId = uniquePhone();
  const contact = { waId, name: `Rui Transferido ${waId.slice(-4)}` };
  await receiveWhatsAppText(request, contact, "Preciso de ajuda");
  const luis = await pageFor(browser, AGENT2);
  await luis.goto("/inbox?section=unassigned&status=open");
  await luis.getByTestId("chat-row").filter({ hasText: contact.name }).click();
  await luis.locator("#composer-body").fill("Claro, um momento");
  await luis.getByRole("button", { name: "Send" }).click();
  await expect(luis.getByTestId("chat-assignee")).toHaveText(`Assigned to ${AGENT2.name}`);
  await luis.goto("/inbox?section=mine&status=open");
  await expect(luis.getByTestId("chat-row").filter({ hasText: contact.name })).toBeVisible();
  await luis.waitForLoadState("networkidle");
  const renders = countRenders(luis);

  const admin = await pageFor(browser, ADMIN);
  await admin.goto("/inbox?section=all&status=open");
  await admin.getByTestId("chat-row").filter({ hasText: contact.name }).first().click();
  await openChatActions(admin);
  await admin.locator("#assign-user").selectOption({ label: AGENT.name });
  await admin.getByTestId("assign-form").getByRole("button", { name: "Assign" }).click();
  // A transfer takes whoever made it back to their list.
  await expect(admin).not.toHaveURL(/chat=/);

  await expect(luis.getByTestId("chat-row").filter({ hasText: contact.name })).toHaveCount(0, { timeout: 15_000 });
  expect(renders()).toBe(0);
});

test("two tabs of one browser poll once between them; the other follows the counters and title", async ({ browser, request }) => {
  const first = await pageFor(browser, AGENT);
  await first.goto("/inbox?section=all&status=open");
  const second = await first.context().newPage();
  await second.goto("/inbox?section=all&status=open");
  await first.waitForLoadState("networkidle");
  const polls = { first: 0, second: 0 };
  first.on("request", (r) => void (r.url().includes("inbox.delta") && polls.first++));
  second.on("request", (r) => void (r.url().includes("inbox.delta") && polls.second++));
  await first.waitForTimeout(16_000);
  // One tab leads and polls on its timer (every 5 s); the other polls only when told something changed.
  expect(Math.max(polls.first, polls.second)).toBeGreaterThanOrEqual(2);
  expect(Math.min(polls.first, polls.second)).toBeLessThanOrEqual(1);

  const before = Number(await pendingCount(second, "all").textContent());
  await receiveWhatsAppText(request, { waId: uniquePhone(), name: "Dois Tabs" }, "Olá");
  await expect(pendingCount(first, "all")).toHaveText(String(before + 1), { timeout: 15_000 });
  await expect(pendingCount(second, "all")).toHaveText(String(before + 1), { timeout: 15_000 });
  await expect(second).toHaveTitle(`(${before + 1}) Charla`);
});
