import { expect, test } from "@playwright/test";
import { pageFor } from "./helpers";
import { ADMIN, AGENT } from "./users";
import { receiveWhatsAppText, uniquePhone } from "./webhook";

for (const javaScriptEnabled of [true, false]) {
  test(`replying in a teammate's chat asks for a tick first (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser, request }) => {
    const contact = { waId: uniquePhone(), name: `Teresa ${javaScriptEnabled ? "JS" : "HTML"}` };
    await receiveWhatsAppText(request, contact, "Bom dia");
    const ana = await pageFor(browser, AGENT);
    await ana.goto("/inbox?section=unassigned&status=open");
    await ana.getByTestId("chat-row").filter({ hasText: contact.name }).click();
    await ana.locator("#composer-body").fill("Bom dia! Sou a Ana.");
    await ana.locator("#composer-body").press("Control+Enter");
    await expect(ana.getByTestId("chat-assignee")).toHaveText(`Assigned to ${AGENT.name}`);
    await expect(ana.getByTestId("teammate-confirm")).toHaveCount(0);

    const admin = await pageFor(browser, ADMIN, { javaScriptEnabled });
    await admin.goto("/inbox?section=all&status=open");
    await admin.getByTestId("chat-row").filter({ hasText: contact.name }).first().click();
    await expect(admin.getByTestId("teammate-confirm")).toContainText(`${AGENT.name} is handling this chat`);
    await admin.locator("#composer-body").fill("Aqui é a supervisora.");
    await admin.getByTestId("chat-pane").getByRole("button", { name: "Send" }).click();
    // The browser holds the form until the box is ticked: nothing was sent.
    await expect(admin.getByTestId("message").filter({ hasText: "supervisora" })).toHaveCount(0);
    await admin.getByTestId("teammate-confirm").getByRole("checkbox").check();
    await admin.getByTestId("chat-pane").getByRole("button", { name: "Send" }).click();
    await expect(admin.getByTestId("message").filter({ hasText: "supervisora" })).toBeVisible();
  });
}
