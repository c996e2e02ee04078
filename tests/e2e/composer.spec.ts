import { expect, test, type Page } from "@playwright/test";
import { pageFor } from "./helpers";
import { ADMIN, AGENT } from "./users";
import { receiveWhatsAppText, uniquePhone } from "./webhook";

// Issue 12, items 8 and 10: a refused form keeps what was typed (without JavaScript), and the composer:
// Attach beside Send, the rest in one menu that stays as it was after a send, quick replies as a combobox
// with variables, Ctrl+Enter.

/** Each run's contacts are its own, so a rerun on the same data finds one row per name. */
const RUN = Date.now().toString(36);

async function openNewChat(page: Page, request: Parameters<typeof receiveWhatsAppText>[0], person: string, text: string): Promise<void> {
  const name = `${person} ${RUN}`;
  await receiveWhatsAppText(request, { waId: uniquePhone(), name }, text);
  await page.goto("/inbox?section=unassigned&status=open");
  await page.getByTestId("chat-row").filter({ hasText: name }).click();
  await expect(page.getByTestId("chat-pane")).toContainText(text);
}

/** Two quick replies under a prefix of this run's own, made (and one edited) on the admin page. */
async function makeQuickReplies(admin: Page): Promise<string> {
  const prefix = `ho${Date.now().toString(36)}`;
  await admin.goto("/admin/quick-replies");
  const add = admin.getByTestId("create-quick-reply-form");
  for (const [shortcut, body] of [[`${prefix}b`, "Abrimos de 9 a 18 h."], [`${prefix}a`, "Hola, ¿qué tal?"]] as const) {
    await add.getByLabel("Shortcut").fill(shortcut);
    await add.getByLabel("Text", { exact: true }).fill(body);
    await add.getByRole("button", { name: "Add quick reply" }).click();
    await expect(admin.getByTestId("admin-status")).toContainText("Quick reply added");
  }
  // Edited to hold variables: the contact's first name and the agent's.
  const row = admin.getByRole("row").filter({ hasText: `/${prefix}a` });
  await row.getByText("Edit").click();
  await row.getByLabel("Text").fill("¡Hola {{nombre}}! Soy {{agente}}, ¿en qué te ayudo?");
  await row.getByRole("button", { name: "Save changes" }).click();
  await expect(admin.getByTestId("admin-status")).toContainText("Quick reply saved");
  await expect(admin.getByRole("row").filter({ hasText: `/${prefix}a` })).toContainText("¡Hola {{nombre}}! Soy {{agente}}");
  return prefix;
}

test.describe("without JavaScript", () => {
  test("an over-limit reply is refused and the text is still in the textarea", async ({ browser, request }) => {
    const ana = await pageFor(browser, AGENT, { javaScriptEnabled: false });
    await openNewChat(ana, request, "Paula Ortiz", "¿Me mandan el detalle?");
    const reply = `Detalle del pedido: ${"una línea más del detalle, ".repeat(160)}fin.`;
    expect(reply.length).toBeGreaterThan(4096);
    await ana.locator("#composer-body").fill(reply);
    await ana.getByRole("button", { name: "Send", exact: true }).click();
    await expect(ana.getByTestId("flash-error")).toContainText("limited to 4,096 characters");
    await expect(ana.locator("#composer-body")).toHaveValue(reply);
    // Not carried in the address: it can be long and private.
    expect(ana.url()).not.toContain("fin.");
    await expect(ana.getByTestId("message").filter({ hasText: "Detalle del pedido" })).toHaveCount(0);
  });

  test("a refused admin form keeps what was typed, but never the password", async ({ browser }) => {
    const admin = await pageFor(browser, ADMIN, { javaScriptEnabled: false });
    await admin.goto("/admin/users");
    const form = admin.getByTestId("create-user-form");
    await form.getByLabel("Name").fill("Ana Lima Segunda");
    await form.getByLabel("Email").fill(AGENT.email);
    await form.getByLabel("Role").selectOption("admin");
    await form.getByLabel("Password").fill("a-long-password-1");
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(admin.getByTestId("admin-status")).toContainText("already exists");
    await expect(form.getByLabel("Name")).toHaveValue("Ana Lima Segunda");
    await expect(form.getByLabel("Email")).toHaveValue(AGENT.email);
    await expect(form.getByLabel("Role")).toHaveValue("admin");
    await expect(form.getByLabel("Password")).toHaveValue("");
  });

  test("a refused private note and a refused contact edit come back with what was typed", async ({ browser, request }) => {
    const ana = await pageFor(browser, AGENT, { javaScriptEnabled: false });
    await openNewChat(ana, request, "Nora Vidal", "Hola, ¿siguen abiertos?");
    const note = `Cliente mayorista, revisar precios. ${"Detalle. ".repeat(450)}`;
    expect(note.length).toBeGreaterThan(4000);
    await ana.getByTestId("note-panel").locator("summary").click();
    await ana.locator("#note-body").fill(note);
    await ana.getByTestId("note-form").getByRole("button").click();
    await expect(ana.getByTestId("flash-error")).toContainText("A note may hold up to");
    await expect(ana.getByTestId("note-panel")).toHaveAttribute("open", "");
    await expect(ana.locator("#note-body")).toHaveValue(note);

    await ana.getByTestId("chat-pane").locator('a[href^="/contacts/"]').click();
    await expect(ana).toHaveURL(/\/contacts\/\d+/);
    const form = ana.getByTestId("contact-form");
    await form.getByLabel("Notes about the contact").fill("Prefiere que le escriban por la tarde.");
    await form.getByLabel("Phone").fill("+12");
    await form.getByRole("button").click();
    await expect(ana.getByTestId("flash-error")).toContainText("is not a phone number");
    await expect(form.getByLabel("Phone")).toHaveValue("+12");
    await expect(form.getByLabel("Notes about the contact")).toHaveValue("Prefiere que le escriban por la tarde.");
    // Once saved, the kept text has served: the page shows what is stored.
    await form.getByLabel("Phone").fill("");
    await form.getByRole("button").click();
    await expect(ana.getByTestId("flash-ok")).toBeVisible();
    await ana.reload();
    await expect(form.getByLabel("Notes about the contact")).toHaveValue("Prefiere que le escriban por la tarde.");
    await expect(ana.getByTestId("flash-ok")).toHaveCount(0);
  });

  test("a refused bot import keeps the pasted JSON", async ({ browser }) => {
    const admin = await pageFor(browser, ADMIN, { javaScriptEnabled: false });
    await admin.goto("/admin/bot");
    await admin.locator("#new-flow-name").fill(`Import kept ${RUN}`);
    await admin.getByRole("button", { name: "Create flow" }).click();
    await expect(admin).toHaveURL(/\/admin\/bot\/\d+/);
    const pasted = '{"version": 1, "steps": [ this is not JSON';
    await admin.locator("#import-json").fill(pasted);
    await admin.getByRole("button", { name: "Import" }).click();
    await expect(admin.getByTestId("admin-status")).toBeVisible();
    await expect(admin.locator("#import-json")).toHaveValue(pasted);
  });

  test("a quick reply sent from the list has its variables filled in by the server", async ({ browser, request }) => {
    test.slow(); // an administrator makes the quick replies first
    const prefix = await makeQuickReplies(await pageFor(browser, ADMIN, { javaScriptEnabled: false }));
    const ana = await pageFor(browser, AGENT, { javaScriptEnabled: false });
    await openNewChat(ana, request, "Teodoro Villalba", "Buenas tardes");
    await ana.getByTestId("composer-more").locator(":scope > summary").click();
    const list = ana.getByTestId("quick-reply-list");
    await list.locator("summary").click();
    await list.getByRole("button", { name: `Send /${prefix}a` }).click();
    await expect(ana.getByTestId("flash-ok")).toHaveText("Sent.");
    await expect(ana.getByTestId("message").filter({ hasText: "¡Hola Teodoro! Soy Ana, ¿en qué te ayudo?" })).toBeVisible();
  });
});

test.describe("with JavaScript", () => {
  test('typing "/ho" shows the quick replies as a combobox; arrows choose, Enter inserts the text with the names filled in', async ({ browser, request }) => {
    test.slow(); // an administrator makes the quick replies first
    const prefix = await makeQuickReplies(await pageFor(browser, ADMIN));
    const ana = await pageFor(browser, AGENT);
    await openNewChat(ana, request, "Valentina Ruiz", "Hola, una consulta");
    const box = ana.getByRole("combobox", { name: "Message" });
    await box.pressSequentially("Perdón la demora. /ho");
    const list = ana.getByRole("listbox", { name: "Quick replies" });
    await expect(list).toBeVisible();
    await expect(box).toHaveAttribute("aria-expanded", "true");
    await expect(box).toHaveAttribute("aria-controls", (await list.getAttribute("id"))!);
    await box.pressSequentially(prefix.slice("ho".length));
    await expect(list.getByRole("option")).toHaveCount(2);
    // Alphabetical: /<prefix>a, then /<prefix>b. Nothing is chosen until an arrow is pressed.
    await expect(box).not.toHaveAttribute("aria-activedescendant", /.+/);
    await box.press("ArrowDown");
    await box.press("ArrowDown");
    await expect(list.getByRole("option", { selected: true })).toContainText(`/${prefix}b`);
    await box.press("ArrowUp");
    const chosen = list.getByRole("option", { selected: true });
    await expect(chosen).toContainText(`/${prefix}a`);
    await expect(box).toHaveAttribute("aria-activedescendant", (await chosen.getAttribute("id"))!);
    await box.press("Enter");
    await expect(box).toHaveValue("Perdón la demora. ¡Hola Valentina! Soy Ana, ¿en qué te ayudo?");
    await expect(list).toHaveCount(0);
    await expect(box).toHaveAttribute("aria-expanded", "false");

    // Tab takes the first match without choosing.
    await box.pressSequentially(` /${prefix}b`);
    await box.press("Tab");
    await expect(box).toHaveValue("Perdón la demora. ¡Hola Valentina! Soy Ana, ¿en qué te ayudo? Abrimos de 9 a 18 h.");
    await expect(box).toBeFocused();
  });

  test("Ctrl+Enter sends, and the ? help lists it", async ({ browser, request }) => {
    const ana = await pageFor(browser, AGENT);
    await openNewChat(ana, request, "Jimena Castro", "¿Siguen abiertos?");
    await ana.locator("#composer-body").fill("Sí, hasta las 18 h.");
    await ana.locator("#composer-body").press("Control+Enter");
    await expect(ana.getByTestId("message").filter({ hasText: "Sí, hasta las 18 h." })).toBeVisible();
    await expect(ana.locator("#composer-body")).toHaveValue("");
    await ana.locator("body").click({ position: { x: 5, y: 5 } });
    await ana.keyboard.press("?");
    const help = ana.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help.getByRole("row").filter({ hasText: "Ctrl+Enter" })).toContainText("Send the message");
  });

  test("Attach sits beside Send; after sending a location the More menu stays open", async ({ browser, request }) => {
    const ana = await pageFor(browser, AGENT);
    await openNewChat(ana, request, "Rocío Benítez", "¿Dónde quedan?");
    const send = ana.getByRole("button", { name: "Send", exact: true });
    const attach = ana.getByTestId("composer-attach").locator(":scope > summary");
    await expect(attach).toHaveText(/Attach/);
    const [a, s] = [(await attach.boundingBox())!, (await send.boundingBox())!];
    expect(Math.abs(a.y + a.height / 2 - (s.y + s.height / 2))).toBeLessThan(8);
    expect(s.x - (a.x + a.width)).toBeLessThan(200);

    // One click to the file form.
    await attach.click();
    await expect(ana.getByTestId("file-form").getByLabel("File")).toBeVisible();

    // One click to the location form, and the menu (not Attach) is what stays open.
    await ana.getByTestId("composer-more").locator(":scope > summary").click();
    await expect(ana.getByTestId("file-form")).toBeHidden();
    const location = ana.getByTestId("location-form");
    await location.getByLabel("Latitude").fill("-34.6037");
    await location.getByLabel("Longitude").fill("-58.3816");
    await location.getByLabel("Place name").fill("Tienda Centro");
    await location.getByRole("button", { name: "Send location" }).click();
    await expect(ana.getByTestId("message").filter({ hasText: "Tienda Centro" })).toBeVisible();
    await expect(ana.getByTestId("composer-more")).toHaveAttribute("open", "");
    await expect(ana.getByTestId("location-form").getByLabel("Latitude")).toBeVisible();
    await expect(ana.getByTestId("composer-attach")).not.toHaveAttribute("open", "");

    // Still so after a reload, until the agent closes it.
    await ana.reload();
    await expect(ana.getByTestId("composer-more")).toHaveAttribute("open", "");
    await ana.getByTestId("composer-more").locator(":scope > summary").click();
    await expect(ana.getByTestId("location-form")).toBeHidden();
  });
});
