import { expect, test, type Page } from "@playwright/test";
import { openChatActions, pageFor } from "./helpers";
import { ADMIN, AGENT, SIMULATOR_PORT } from "./users";
import { receiveWhatsAppChoice, receiveWhatsAppText, uniquePhone } from "./webhook";

// Issue 15, CSAT: an admin turns the survey on for the WhatsApp channel without JavaScript; an agent closes
// a chat; the contact gets a WhatsApp list of ratings, taps one and comments; the rating never opens a new
// chat, and the reports count it. The survey is turned off again afterwards: other specs share the channel.

const SIM = `http://127.0.0.1:${SIMULATOR_PORT}`;

async function setSurvey(admin: Page, on: boolean): Promise<void> {
  await admin.goto("/admin/channels");
  await admin.getByRole("link", { name: "Edit WhatsApp Loja" }).click();
  const form = admin.getByTestId("csat-form");
  await expect(form).toBeVisible();
  const box = form.getByLabel("Ask contacts on this channel");
  if (on) await box.check();
  else await box.uncheck();
  await form.getByLabel("Ask the same contact at most once every (days)").fill("0");
  await form.getByLabel("Language of the survey").selectOption("es");
  await form.getByRole("button", { name: "Save survey settings" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Survey settings saved." })).toBeVisible();
}

test("a closed chat's contact rates it from a WhatsApp list, comments, and the report counts it", async ({ browser, request }) => {
  const admin = await pageFor(browser, ADMIN, { javaScriptEnabled: false });
  await setSurvey(admin, true);
  try {
    const contact = { waId: uniquePhone(), name: `Encuesta ${Date.now() % 100000}` };
    await receiveWhatsAppText(request, contact, "¿Tienen envío a Córdoba?");
    const ana = await pageFor(browser, AGENT);
    await ana.goto("/inbox?section=unassigned&status=open");
    await ana.getByTestId("chat-row").filter({ hasText: contact.name }).click();
    await ana.locator("#composer-body").fill("Sí, llega en 3 días.");
    await ana.getByRole("button", { name: "Send" }).click();
    await expect(ana.getByTestId("message").filter({ hasText: "llega en 3 días" })).toBeVisible();
    await openChatActions(ana);
    await ana.locator("#close-reason").selectOption({ label: "Resolved" });
    await ana.getByTestId("close-form").getByRole("button", { name: "Close chat" }).click();
    await expect(ana.getByTestId("chat-status")).toHaveText("Closed");

    // The survey goes out as a WhatsApp interactive list (five rows do not fit in three reply buttons).
    await expect
      .poll(async () => {
        const { requests: sent } = (await (await request.get(`${SIM}/_sim/requests`)).json()) as { requests: { body?: { to?: string; interactive?: { type?: string; action?: { sections?: { rows?: { id: string }[] }[] } } } }[] };
        const mine = sent.filter((r) => r.body?.to === contact.waId && r.body?.interactive?.type === "list");
        return mine.flatMap((r) => r.body!.interactive!.action!.sections!.flatMap((s) => s.rows!.map((row) => row.id)));
      }, { timeout: 15_000 })
      .toEqual(["csat:1", "csat:2", "csat:3", "csat:4", "csat:5"]);
    // The agent sees it in the closed chat as an automatic message with its choices.
    await expect(ana.getByTestId("message").filter({ hasText: "¿Cómo valoras" }).getByTestId("message-choices")).toContainText("5 · Excelente");

    await receiveWhatsAppChoice(request, contact, { id: "csat:5", title: "5 · Excelente", kind: "list_reply" });
    await receiveWhatsAppText(request, contact, "Muy rápidos, gracias");
    await expect(ana.getByTestId("message").filter({ hasText: "Muy rápidos, gracias" })).toBeVisible({ timeout: 15_000 });
    await expect(ana.getByTestId("chat-status")).toHaveText("Closed");
    // No new chat: the contact is not waiting in anyone's list.
    await ana.goto("/inbox?section=all&status=open");
    await expect(ana.getByTestId("chat-row").filter({ hasText: contact.name })).toHaveCount(0);

    await admin.goto("/reports?range=today");
    await expect(admin.getByTestId("figure-csat")).toContainText("%");
    await expect(admin.getByTestId("csat-comments")).toContainText("Muy rápidos, gracias");
    await expect(admin.getByTestId("csat-comments")).toContainText(contact.name);
    await ana.context().close();
  } finally {
    await setSurvey(admin, false);
    await admin.context().close();
  }
});
