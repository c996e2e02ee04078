import { expect, test, type Page } from "@playwright/test";
import { pageFor } from "./helpers";
import { AGENT, AGENT2, SIMULATOR_PORT } from "./users";
import { receiveWhatsAppText, uniquePhone } from "./webhook";

// Issue 12, "small things agents expect": private notes with @mentions, Assign to me, unread chats in bold,
// each row's time, and an agent editing a contact. Live updates poll every 2 s here.
test.describe.configure({ timeout: 90_000 });

/** Names stay unique across runs on the same data folder. */
function person(name: string): { waId: string; name: string } {
  const waId = uniquePhone();
  return { waId, name: `${name} ${waId.slice(-5)}` };
}

async function openChat(page: Page, section: "mine" | "unassigned" | "all", name: string): Promise<void> {
  await page.goto(`/inbox?section=${section}&status=open`);
  await page.getByTestId("chat-row").filter({ hasText: name }).click();
  await expect(page.getByTestId("chat-contact-name")).toHaveText(name);
}

test("a note with an @mention is set apart, never sent, and the mentioned agent finds the chat under Mentions", async ({ browser, request }) => {
  const contact = person("Nora Nota");
  await receiveWhatsAppText(request, contact, "Oi, vocês trocam tamanho?");
  const ana = await pageFor(browser, AGENT);
  await openChat(ana, "unassigned", contact.name);

  await ana.getByTestId("note-panel").locator("summary").click();
  const note = ana.locator("#note-body");
  // "@Luis" rather than "@Lu": other specs create agents named "Lucia …" in the same database.
  await note.pressSequentially("Luis, trocas são contigo: @Luis");
  await expect(ana.getByTestId("mention-suggestions").getByRole("option", { name: AGENT2.name })).toBeVisible();
  await note.press("Enter");
  await expect(note).toHaveValue(`Luis, trocas são contigo: @${AGENT2.name} `);
  await note.pressSequentially("por favor");
  await ana.getByTestId("note-form").getByRole("button", { name: "Save note" }).click();

  const shown = ana.getByTestId("message").filter({ hasText: "trocas são contigo" });
  await expect(shown).toHaveAttribute("data-kind", "note");
  await expect(shown).toContainText("Private note");
  await expect(shown).toContainText(`Mentions: ${AGENT2.name}`);
  // Styled apart: a background of its own, unlike the contact's messages.
  const background = (text: string) => ana.getByTestId("message").filter({ hasText: text }).evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await background("trocas são contigo")).not.toBe(await background("trocam tamanho"));
  // Not a reply: the chat still waits for one and nobody took it.
  await expect(ana.getByTestId("chat-assignee")).toHaveText("Unassigned");
  await expect(ana.getByTestId("chat-row").filter({ hasText: contact.name }).getByTestId("pending-mark")).toBeVisible();
  const sent = await (await request.get(`http://127.0.0.1:${SIMULATOR_PORT}/_sim/requests`)).text();
  expect(sent).not.toContain("trocas são contigo");

  const luis = await pageFor(browser, AGENT2);
  await luis.goto("/inbox?section=unassigned&status=open");
  await expect(luis.getByTestId("chat-row").filter({ hasText: contact.name }).getByTestId("mention-mark")).toBeVisible();
  const count = luis.getByTestId("mentions-count");
  const before = Number(await count.textContent());
  expect(before).toBeGreaterThan(0);
  await luis.getByTestId("section-mentions").click();
  const row = luis.getByTestId("mention-row").first();
  await expect(row).toContainText(contact.name);
  await expect(row).toContainText("Ana Lima mentioned you");
  await row.click();
  await expect(luis.getByTestId("message").filter({ hasText: "trocas são contigo" })).toHaveAttribute("data-kind", "note");
  await expect(count).toHaveText(String(before - 1));
  await expect(luis.getByTestId("mention-row").first().getByTestId("mention-new")).toHaveCount(0);
});

test("Assign to me takes an unassigned chat with JavaScript, and a teammate's without", async ({ browser, request }) => {
  const contact = person("Tomás Toma");
  await receiveWhatsAppText(request, contact, "Hola, ¿alguien me atiende?");
  const ana = await pageFor(browser, AGENT);
  await openChat(ana, "unassigned", contact.name);
  await ana.getByTestId("assign-to-me").click();
  await expect(ana.getByTestId("chat-assignee")).toHaveText(`Assigned to ${AGENT.name}`);
  await expect(ana.getByTestId("assign-to-me")).toHaveCount(0);
  const anasChat = Number(await ana.getByTestId("chat-pane").getAttribute("data-chat-id"));

  const luis = await pageFor(browser, AGENT2, { javaScriptEnabled: false });
  await luis.goto(`/inbox?section=teammates&status=open&chat=${anasChat}`);
  await expect(luis.getByTestId("chat-assignee")).toHaveText(`Assigned to ${AGENT.name}`);
  await luis.getByTestId("assign-to-me").click();
  await expect(luis.getByTestId("chat-assignee")).toHaveText(`Assigned to ${AGENT2.name}`);
  await expect(luis.getByTestId("chat-status")).toHaveText("Open");
  // A transfer: the conversation continues in a new chat, which the page now shows.
  expect(Number(await luis.getByTestId("chat-pane").getAttribute("data-chat-id"))).not.toBe(anasChat);
  await expect(luis.getByTestId("earlier-messages")).toContainText("alguien me atiende");
});

test("an unread chat is bold with its count until its assignee opens it; each row shows its time", async ({ browser, request }) => {
  const contact = person("Úrsula Unread");
  await receiveWhatsAppText(request, contact, "Primeira mensagem");
  const ana = await pageFor(browser, AGENT);
  await openChat(ana, "unassigned", contact.name);
  await ana.getByTestId("assign-to-me").click();
  await expect(ana.getByTestId("chat-assignee")).toHaveText(`Assigned to ${AGENT.name}`);

  await ana.goto("/inbox?section=mine&status=open");
  const row = ana.getByTestId("chat-row").filter({ hasText: contact.name });
  await expect(row).not.toHaveAttribute("data-unread");
  // The time of its last activity, today: "02:32 PM" in English.
  await expect(row.getByTestId("row-time")).toHaveText(/^\d{2}:\d{2}\s(AM|PM)$/);
  await expect(row.getByTestId("row-time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);

  await receiveWhatsAppText(request, contact, "Segunda mensagem");
  await receiveWhatsAppText(request, contact, "Terceira mensagem");
  // Live, without a reload: bold, with the count.
  await expect(row.getByTestId("unread-count")).toHaveText("2", { timeout: 15_000 });
  await expect(row).toHaveAttribute("data-unread", "2");
  await expect(row.locator(".chat-row-name")).toHaveCSS("font-weight", "700");

  await row.click();
  await expect(ana.getByTestId("message").filter({ hasText: "Terceira mensagem" })).toBeVisible();
  await expect(row).not.toHaveAttribute("data-unread");
  await expect(row.getByTestId("unread-count")).toHaveCount(0);
  await expect(row.locator(".chat-row-name")).toHaveCSS("font-weight", "500");
});

test("an agent corrects a contact's e-mail on the contact page; a wrong one is refused in words", async ({ browser, request }) => {
  const contact = person("Elisa Email");
  await receiveWhatsAppText(request, contact, "Meu e-mail mudou");
  const ana = await pageFor(browser, AGENT);
  await openChat(ana, "unassigned", contact.name);
  await ana.getByRole("link", { name: "All chats with this contact" }).click();
  const form = ana.getByTestId("contact-form");
  const email = form.getByLabel("E-mail");
  await email.fill("elisa@correio");
  await form.getByRole("button", { name: "Save contact" }).click();
  await expect(ana.getByTestId("flash-error")).toHaveText("“elisa@correio” is not an e-mail address (like name@example.com).");

  await ana.getByTestId("contact-form").getByLabel("E-mail").fill("elisa@correio.com.br");
  await ana.getByTestId("contact-form").getByLabel("Notes about the contact").fill("Prefere ser chamada de Lisa");
  await ana.getByTestId("contact-form").getByRole("button", { name: "Save contact" }).click();
  await expect(ana.getByTestId("flash-ok")).toHaveText("Contact saved.");
  await ana.reload();
  await expect(ana.getByTestId("contact-form").getByLabel("E-mail")).toHaveValue("elisa@correio.com.br");
  await expect(ana.getByTestId("contact-form").getByLabel("Notes about the contact")).toHaveValue("Prefere ser chamada de Lisa");
});
