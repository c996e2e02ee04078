import { expect, test } from "@playwright/test";
import { pageFor, pendingCount } from "./helpers";
import { AGENT, SIMULATOR_PORT, WHATSAPP } from "./users";
import { receiveWhatsAppStatus, receiveWhatsAppText, uniquePhone } from "./webhook";

interface SimRequest {
  path: string;
  headers: Record<string, string>;
  body: { to?: string; type?: string; text?: { body: string }; messaging_product?: string };
  status: number;
  response: { messages?: { id: string }[] };
}

test("a signed WhatsApp text arrives, an agent replies, the Cloud API request goes out, and a read receipt shows", async ({ browser, request }) => {
  const ana = await pageFor(browser, AGENT);
  await ana.goto("/inbox?section=unassigned&status=open");
  const before = Number(await pendingCount(ana, "unassigned").textContent());
  const contact = { waId: uniquePhone(), name: "Joana Prado" };
  await receiveWhatsAppText(request, contact, "Oi, meu pedido chegou quebrado");
  await expect(pendingCount(ana, "unassigned")).toHaveText(String(before + 1), { timeout: 15_000 });

  await ana.getByTestId("chat-row").filter({ hasText: "Joana Prado" }).click();
  await ana.locator("#composer-body").fill("Sinto muito! Vamos trocar hoje mesmo.");
  await ana.getByRole("button", { name: "Send" }).click();
  await expect(pendingCount(ana, "unassigned")).toHaveText(String(before));

  // The dispatcher delivers the queued reply to the simulator exactly as the Cloud API expects it.
  const sim = `http://127.0.0.1:${SIMULATOR_PORT}/_sim/requests`;
  let sent: SimRequest[] = [];
  await expect
    .poll(async () => {
      const { requests: all } = (await (await request.get(sim)).json()) as { requests: SimRequest[] };
      sent = all.filter((r) => r.body?.to === contact.waId);
      return sent.length;
    }, { timeout: 15_000 })
    .toBe(1);
  const [send] = sent;
  expect(send!.path).toBe(`/v23.0/${WHATSAPP.phoneNumberId}/messages`);
  expect(send!.headers.authorization).toBe(`Bearer ${WHATSAPP.accessToken}`);
  expect(send!.body).toMatchObject({ messaging_product: "whatsapp", to: contact.waId, type: "text", text: { body: "Sinto muito! Vamos trocar hoje mesmo." } });
  expect(send!.status).toBe(200);
  const wamid = send!.response.messages![0]!.id;

  const reply = ana.getByTestId("message").filter({ hasText: "Vamos trocar hoje mesmo" });
  await expect(reply.getByTestId("delivery-status")).toHaveAttribute("data-status", "sent", { timeout: 15_000 });
  await receiveWhatsAppStatus(request, wamid, contact.waId, "read");
  await expect(reply.getByTestId("delivery-status")).toHaveAttribute("data-status", "read", { timeout: 15_000 });
  await expect(reply.getByTestId("delivery-status")).toHaveText("Read");
});
