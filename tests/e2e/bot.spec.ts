import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { metaSignature, whatsappInbound } from "@/server/simulator/payloads";
import { E2E_DATA_DIR } from "../../playwright.config";
import { pageFor } from "./helpers";
import { ADMIN, AGENT, SIMULATOR_PORT } from "./users";

// Issue 14's scenario: an administrator builds a Ventas / Soporte menu without JavaScript, publishes it and
// gives it to a WhatsApp channel; a contact (signed webhooks) goes through it and lands in the Ventas queue
// with its answers in the hand-off note; an agent takes over another chat mid-flow and the bot goes quiet.
// The spec uses a WhatsApp channel of its own, so other specs' contacts never meet the bot.

const CHANNEL = { phoneNumberId: "100000000000914", appSecret: "e2e-bot-secret" };
const db = () => new Database(path.join(E2E_DATA_DIR, "charla.db"));
let seq = 0;

async function contactWrites(request: APIRequestContext, waId: string, text: string, choice?: { id: string; title: string }): Promise<void> {
  seq += 1;
  const body = JSON.stringify(whatsappInbound(CHANNEL.phoneNumberId, waId, `Cliente ${waId.slice(-4)}`, text, `wamid.e2e.bot.${Date.now()}.${seq}`, choice));
  const res = await request.post("/api/webhooks/whatsapp", { data: body, headers: { "content-type": "application/json", "x-hub-signature-256": metaSignature(body, CHANNEL.appSecret) } });
  expect(res.status()).toBe(200);
}

function query<T>(sql: string, ...args: unknown[]): T | undefined {
  const conn = db();
  try {
    return conn.prepare(sql).get(...args) as T | undefined;
  } finally {
    conn.close();
  }
}

const chatOf = (waId: string) =>
  query<{ id: number; awaiting: number; teamId: number | null; assigneeId: number | null }>(
    "SELECT c.id, c.awaiting_reply AS awaiting, c.team_id AS teamId, c.assignee_id AS assigneeId FROM chats c JOIN contact_identities i ON i.contact_id = c.contact_id WHERE i.external_id = ? ORDER BY c.id DESC",
    waId,
  );
const botTexts = (chatId: number) => {
  const conn = db();
  try {
    return (conn.prepare("SELECT body FROM messages WHERE chat_id = ? AND author_kind = 'bot' AND kind = 'text' ORDER BY id").all(chatId) as { body: string }[]).map((m) => m.body);
  } finally {
    conn.close();
  }
};

test.describe.configure({ mode: "serial" });

let channelId = 0;
let ventasTeam = 0;

test.beforeAll(() => {
  const env = { ...process.env, DATA_DIR: E2E_DATA_DIR };
  const charla = (...args: string[]) => execFileSync(process.execPath, ["bin/charla.mjs", ...args], { env }).toString();
  if (!charla("channel", "list", "--json").includes(CHANNEL.phoneNumberId)) {
    charla("channel", "add", "--type", "whatsapp", "--name", "WhatsApp Bot", "--phone-number-id", CHANNEL.phoneNumberId, "--access-token", "e2e-bot-token", "--app-secret", CHANNEL.appSecret, "--verify-token", "e2e-bot-verify", "--api-base-url", `http://127.0.0.1:${SIMULATOR_PORT}/v23.0`);
  }
  const conn = db();
  try {
    channelId = (conn.prepare("SELECT id FROM channels WHERE external_id = ?").get(CHANNEL.phoneNumberId) as { id: number }).id;
    const existing = conn.prepare("SELECT id FROM teams WHERE name = 'Ventas E2E'").get() as { id: number } | undefined;
    ventasTeam = existing?.id ?? Number(conn.prepare("INSERT INTO teams (name, is_default, created_at) VALUES ('Ventas E2E', 0, ?)").run(Date.now()).lastInsertRowid);
  } finally {
    conn.close();
  }
});

test("an admin builds the Ventas / Soporte menu without JavaScript; a contact lands in the Ventas queue with the answers", async ({ browser, request }) => {
  const admin = await pageFor(browser, ADMIN, { javaScriptEnabled: false });
  const name = `Ventas y Soporte ${Date.now() % 100000}`;
  await admin.goto("/admin/bot");
  await admin.locator("#new-flow-name").fill(name);
  await admin.getByLabel("a single hand-off step").check();
  await admin.getByRole("button", { name: "Create flow" }).click();
  await expect(admin).toHaveURL(/\/admin\/bot\/\d+/);
  await expect(admin.getByRole("heading", { level: 1 })).toContainText(name);

  // Two hand-off steps, one to the Ventas team.
  const add = async (kind: string, fill: () => Promise<void>, submit: string) => {
    await admin.getByTestId(`add-${kind}`).locator("summary").click();
    await fill();
    await admin.getByRole("button", { name: submit }).click();
    await expect(admin.getByTestId("admin-status")).toBeVisible();
  };
  await add("handoff", async () => {
    await admin.locator("#new-handoff-id").fill("ventas");
    await admin.locator("#new-handoff-text").fill("¡Gracias! Te comunico con Ventas.");
    await admin.locator("#new-handoff-teamId").selectOption({ label: "Ventas E2E" });
  }, "Add Hand-off to people step");
  await expect(admin.getByTestId("step-ventas")).toBeVisible();
  await add("handoff", async () => {
    await admin.locator("#new-handoff-id").fill("soporte");
    await admin.locator("#new-handoff-text").fill("Una persona de Soporte te atenderá.");
  }, "Add Hand-off to people step");
  await expect(admin.getByTestId("step-soporte")).toBeVisible();

  // The menu with its first option, then a second option through the step's edit form.
  await add("menu", async () => {
    await admin.locator("#new-menu-id").fill("menu");
    await admin.locator("#new-menu-label").fill("Motivo");
    await admin.locator("#new-menu-text").fill("¿Con quién quieres hablar?");
    await admin.locator("#new-menu-opt-title-0").fill("Ventas");
    await admin.locator("#new-menu-opt-syn-0").fill("comprar, precio");
    await admin.locator("#new-menu-opt-next-0").selectOption("ventas");
  }, "Add Menu step");
  await expect(admin.getByTestId("step-menu")).toContainText("1. Ventas → ventas");
  await admin.getByTestId("edit-step-menu").locator("summary").click();
  await admin.locator("#s-menu-opt-title-1").fill("Soporte");
  await admin.locator("#s-menu-opt-next-1").selectOption("soporte");
  await admin.getByRole("button", { name: "Save step menu" }).click();
  await expect(admin.getByTestId("step-menu")).toContainText("2. Soporte → soporte");

  // Over the limit: refused, naming the step, and nothing is stored.
  await add("message", async () => {
    await admin.locator("#new-message-id").fill("largo");
    await admin.locator("#new-message-text").fill("x".repeat(1100));
  }, "Add Message step");
  await expect(admin.getByTestId("admin-status")).toContainText("largo");
  await expect(admin.getByTestId("step-largo")).toHaveCount(0);

  await admin.locator("#flow-start").selectOption("menu");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByTestId("step-menu")).toContainText("first step");
  await expect(admin.getByTestId("flow-diagram")).toBeVisible();

  // Try it: nothing is sent, the draft answers.
  await admin.locator("#try-say").fill("hola");
  await admin.getByTestId("try-pane").getByRole("button", { name: "Send" }).click();
  await expect(admin.getByTestId("try-pane")).toContainText("¿Con quién quieres hablar?");
  await admin.getByTestId("try-pane").getByRole("button", { name: "Soporte" }).click();
  await expect(admin.getByTestId("try-outcome")).toHaveText("The chat would now go to people.");

  await admin.getByRole("button", { name: "Publish" }).click();
  await expect(admin.getByTestId("flow-version")).toContainText("version 1");

  await admin.goto("/admin/bot");
  await admin.locator(`#flow-for-${channelId}`).selectOption({ label: name });
  await admin.getByTestId(`assign-channel-${channelId}`).getByRole("button", { name: /Save/ }).click();
  await expect(admin.locator(`#flow-for-${channelId}`)).toHaveValue(/\d+/);

  // A contact writes: the bot answers with the menu; the chat is with the bot, not pending.
  const waId = `5511914${String(Date.now()).slice(-6)}`;
  await contactWrites(request, waId, "hola");
  await expect.poll(() => botTexts(chatOf(waId)?.id ?? 0)).toEqual(["¿Con quién quieres hablar?"]);
  expect(chatOf(waId)).toMatchObject({ awaiting: 0, assigneeId: null });
  await admin.goto("/bot");
  await expect(admin.getByTestId("with-bot-table")).toContainText(`Cliente ${waId.slice(-4)}`);

  // The contact taps "Ventas": handed to the Ventas queue, pending, with the answers in a note.
  await contactWrites(request, waId, "Ventas", { id: "menu/ventas", title: "Ventas" });
  await expect.poll(() => chatOf(waId)?.teamId).toBe(ventasTeam);
  expect(chatOf(waId)).toMatchObject({ awaiting: 1, assigneeId: null });
  expect(botTexts(chatOf(waId)!.id).at(-1)).toBe("¡Gracias! Te comunico con Ventas.");
  await admin.goto(`/inbox?section=unassigned&chat=${chatOf(waId)!.id}`);
  await expect(admin.getByText("Motivo: Ventas")).toBeVisible();
  await admin.context().close();
});

test("an agent takes over mid-flow: the bot goes quiet; agents cannot edit flows", async ({ browser, request }) => {
  const waId = `5511915${String(Date.now()).slice(-6)}`;
  await contactWrites(request, waId, "buenas");
  await expect.poll(() => botTexts(chatOf(waId)?.id ?? 0).length).toBe(1);

  const ana = await pageFor(browser, AGENT);
  await ana.goto("/bot");
  await ana.getByRole("link", { name: `Cliente ${waId.slice(-4)}` }).click();
  await expect(ana.getByTestId("chat-with-bot")).toContainText("With the bot.");
  await ana.locator("#composer-body").fill("Hola, soy Ana. ¿En qué te ayudo?");
  await ana.getByTestId("composer").getByRole("button", { name: "Send", exact: true }).click();
  await expect.poll(() => chatOf(waId)?.assigneeId).not.toBeNull();
  await ana.reload();
  await expect(ana.getByTestId("chat-pane")).toBeVisible();
  await expect(ana.getByTestId("chat-with-bot")).toHaveCount(0);

  await contactWrites(request, waId, "1");
  await expect.poll(() => chatOf(waId)?.awaiting).toBe(1);
  expect(botTexts(chatOf(waId)!.id)).toHaveLength(1);
  expect(query<{ status: string }>("SELECT status FROM bot_sessions WHERE chat_id = ?", chatOf(waId)!.id)).toEqual({ status: "stopped" });

  // An agent is refused the editor.
  const refused = await ana.request.get("/admin/bot");
  expect(refused.status()).toBe(403);
  await ana.context().close();
});
