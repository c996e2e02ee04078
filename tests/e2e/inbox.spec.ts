import { expect, test } from "@playwright/test";
import { openChatActions, pageFor, pendingCount } from "./helpers";
import { ADMIN, AGENT, AGENT2 } from "./users";
import { receiveWhatsAppText, uniquePhone } from "./webhook";

test("a message arrives, an agent answers, schedules, transfers, and the new owner closes it", async ({ browser, request }) => {
  const ana = await pageFor(browser, AGENT);
  await ana.goto("/inbox?section=unassigned&status=open");
  const before = Number(await pendingCount(ana, "unassigned").textContent());

  const contact = { waId: uniquePhone(), name: "Marina Souza" };
  await receiveWhatsAppText(request, contact, "Oi! Vocês entregam no sábado?");
  // No reload: the poller notices the change and the counter rises in place.
  await expect(pendingCount(ana, "unassigned")).toHaveText(String(before + 1), { timeout: 15_000 });
  await expect(ana).toHaveTitle(/^\(\d+\) Charla$/);

  await ana.getByTestId("chat-row").filter({ hasText: "Marina Souza" }).click();
  await expect(ana.getByTestId("chat-pane")).toContainText("Vocês entregam no sábado?");
  await ana.locator("#composer-body").fill("Sim! Entregamos até as 14h.");
  await ana.getByRole("button", { name: "Send" }).click();
  await expect(ana.getByTestId("message").filter({ hasText: "Entregamos até as 14h" })).toBeVisible();
  await expect(ana.getByTestId("chat-assignee")).toHaveText("Assigned to Ana Lima");
  await expect(pendingCount(ana, "unassigned")).toHaveText(String(before));

  await openChatActions(ana);
  await ana.locator("#schedule-at").fill("2031-03-10T09:30");
  await ana.getByTestId("schedule-form").getByLabel("Note").fill("Confirmar endereço");
  await ana.getByTestId("schedule-form").getByRole("button", { name: "Schedule" }).click();
  await expect(ana.getByTestId("chat-status")).toHaveText("Scheduled");
  await expect(ana.getByTestId("chat-pane")).toContainText("Confirmar endereço");

  await openChatActions(ana);
  await ana.locator("#assign-user").selectOption({ label: AGENT2.name });
  await expect(ana.getByTestId("assign-form")).toContainText("Transferring closes this chat");
  await ana.getByTestId("assign-form").getByLabel("Note for the agent (optional)").fill("Ela calça 38; confirmar o endereço.");
  await ana.getByTestId("assign-form").getByRole("button", { name: "Assign" }).click();
  // The chat is Luis's now: Ana is back on her list, not on his chat.
  await expect(ana).not.toHaveURL(/chat=/);
  await expect(ana.getByTestId("chat-pane")).toHaveCount(0);

  const luis = await pageFor(browser, AGENT2);
  await luis.goto("/inbox?section=mine&status=open");
  await luis.getByTestId("chat-row").filter({ hasText: "Marina Souza" }).click();
  await expect(luis.getByTestId("chat-pane")).toContainText("Vocês entregam no sábado?");
  await expect(luis.getByTestId("chat-status")).toHaveText("Open");
  await expect(luis.getByTestId("system-event").filter({ hasText: `Transferred from Ana Lima to ${AGENT2.name}` }).last()).toBeVisible();
  await expect(luis.getByTestId("earlier-messages")).toContainText("Entregamos até as 14h");
  // The handover note is a private note addressed to him.
  await expect(luis.getByTestId("messages")).toContainText("Ela calça 38; confirmar o endereço.");
  await openChatActions(luis);
  await luis.locator("#close-reason").selectOption({ label: "Resolved" });
  await luis.getByTestId("close-form").getByRole("button", { name: "Close chat" }).click();
  await expect(luis.getByTestId("chat-status")).toHaveText("Closed");
  await luis.goto("/inbox?section=mine&status=closed");
  await expect(luis.getByTestId("chat-row").filter({ hasText: "Marina Souza" })).toContainText("Closed: Resolved");

  // Ana's old chat closed as "Transferred".
  await ana.goto("/inbox?section=all&status=closed");
  await expect(ana.getByTestId("chat-row").filter({ hasText: "Marina Souza" }).first()).toBeVisible();
  await expect(ana.getByTestId("chat-row").filter({ hasText: "Closed: Transferred" }).first()).toBeVisible();
});

test("an administrator deletes a message; an agent has no way to", async ({ browser, request }) => {
  const contact = { waId: uniquePhone(), name: "Pedro Gómez" };
  await receiveWhatsAppText(request, contact, "Mi número de tarjeta es 4111 1111 1111 1111");
  const admin = await pageFor(browser, ADMIN);
  await admin.goto("/inbox?section=unassigned&status=open");
  await admin.getByTestId("chat-row").filter({ hasText: "Pedro Gómez" }).click();
  await expect(admin.getByTestId("chat-pane")).toContainText("4111 1111");
  const chatUrl = admin.url();
  const agent = await pageFor(browser, AGENT);
  await agent.goto(chatUrl);
  await expect(agent.getByTestId("chat-pane")).toContainText("4111 1111");
  await expect(agent.getByTestId("delete-message-form")).toHaveCount(0);

  const message = admin.getByTestId("message").filter({ hasText: "4111 1111" });
  await message.getByText("Delete message").first().click();
  await message.getByLabel("Delete for good").check();
  await message.getByRole("button", { name: "Delete message" }).click();
  await expect(admin.getByTestId("message").filter({ hasText: "Message deleted by an administrator" })).toBeVisible();
  await agent.reload();
  await expect(agent.getByTestId("chat-pane")).not.toContainText("4111 1111");
});

test("a long chat opens on its newest 50 messages; \"Show earlier messages\" brings back older ones, without JavaScript", async ({ browser, request }) => {
  const contact = { waId: uniquePhone(), name: "Tomás Herrera" };
  for (let i = 1; i <= 55; i++) await receiveWhatsAppText(request, contact, `Mensaje número ${i}.`);
  const ana = await pageFor(browser, AGENT, { javaScriptEnabled: false });
  await ana.goto("/inbox?section=unassigned&status=open");
  // The server renders the waiting count into the tab title; no script is needed for it.
  await expect(ana).toHaveTitle(/^\(\d+\) Charla$/);
  await ana.getByTestId("chat-row").filter({ hasText: "Tomás Herrera" }).click();
  const messages = ana.getByTestId("message");
  await expect(messages).toHaveCount(50);
  await expect(messages.first()).toContainText("Mensaje número 6.");
  await expect(messages.last()).toContainText("Mensaje número 55.");
  await ana.getByTestId("show-earlier").click();
  await expect(ana).toHaveURL(/[?&]messages=100(&|$)/);
  await expect(messages).toHaveCount(55);
  await expect(messages.first()).toContainText("Mensaje número 1.");
  await expect(ana.getByTestId("show-earlier")).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test("sign in, open a chat, reply, close with a reason", async ({ browser, request }) => {
    const contact = { waId: uniquePhone(), name: "Lucía Fernández" };
    await receiveWhatsAppText(request, contact, "¿Tienen talla M?");
    const ana = await pageFor(browser, AGENT, { javaScriptEnabled: false });
    await ana.goto("/inbox?section=unassigned&status=open");
    await ana.getByTestId("chat-row").filter({ hasText: "Lucía Fernández" }).click();
    await expect(ana.getByTestId("chat-pane")).toContainText("¿Tienen talla M?");
    await ana.locator("#composer-body").fill("¡Sí, tenemos!");
    await ana.getByRole("button", { name: "Send" }).click();
    await expect(ana.getByTestId("flash-ok")).toHaveText("Sent.");
    await expect(ana.getByTestId("message").filter({ hasText: "¡Sí, tenemos!" })).toBeVisible();
    await openChatActions(ana);
    await ana.locator("#close-reason").selectOption({ label: "Resolved" });
    await ana.getByTestId("close-form").getByRole("button", { name: "Close chat" }).click();
    await expect(ana.getByTestId("chat-status")).toHaveText("Closed");
  });

  test("a refused action shows the rule's message", async ({ browser, request }) => {
    const contact = { waId: uniquePhone(), name: "Rafael Lima" };
    await receiveWhatsAppText(request, contact, "Olá");
    const ana = await pageFor(browser, AGENT, { javaScriptEnabled: false });
    await ana.goto("/inbox?section=unassigned&status=open");
    await ana.getByTestId("chat-row").filter({ hasText: "Rafael Lima" }).click();
    await openChatActions(ana);
  await ana.locator("#schedule-at").fill("2020-01-01T10:00");
    await ana.getByTestId("schedule-form").getByRole("button", { name: "Schedule" }).click();
    await expect(ana.getByTestId("flash-error")).toContainText("must be in the future");
    await expect(ana.getByTestId("chat-status")).toHaveText("Open");
  });
});

test("an agent sends a file without JavaScript and it shows in the chat", async ({ browser, request }) => {
  const contact = { waId: uniquePhone(), name: "Hugo Martins" };
  await receiveWhatsAppText(request, contact, "Pode mandar o boleto?");
  const ana = await pageFor(browser, AGENT, { javaScriptEnabled: false });
  await ana.goto("/inbox?section=unassigned&status=open");
  await ana.getByTestId("chat-row").filter({ hasText: "Hugo Martins" }).click();
  await ana.getByTestId("composer-attach").locator(":scope > summary").click();
  await ana.getByTestId("file-form").getByLabel("File").setInputFiles({ name: "boleto.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% boleto 123\n%%EOF\n") });
  await ana.getByTestId("file-form").getByRole("button", { name: "Send file" }).click();
  await expect(ana.getByTestId("flash-ok")).toHaveText("Sent.");
  const file = ana.getByTestId("message").filter({ hasText: "boleto.pdf" });
  await expect(file).toBeVisible();
  const download = await ana.request.get((await file.getByRole("link").first().getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(await download.text()).toContain("boleto 123");
});
