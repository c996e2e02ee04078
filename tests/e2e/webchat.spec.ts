import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { E2E_DATA_DIR } from "../../playwright.config";
import { pageFor } from "./helpers";
import { AGENT } from "./users";

function webchatChannelId(): number {
  const list = JSON.parse(execFileSync(process.execPath, ["bin/charla.mjs", "channel", "list", "--json"], { env: { ...process.env, DATA_DIR: E2E_DATA_DIR } }).toString()) as { id: number; type: string }[];
  return list.find((c) => c.type === "webchat")!.id;
}

for (const javaScriptEnabled of [true, false]) {
  test(`a website visitor chats with an agent through the web chat (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser }) => {
    const name = javaScriptEnabled ? "Visitante Web" : "Visitante Sin JS";
    const visitor = await (await browser.newContext({ locale: "en-US", javaScriptEnabled })).newPage();
    await visitor.goto(`/chat/${webchatChannelId()}`);
    await visitor.getByLabel("Your name").fill(name);
    await visitor.getByRole("button", { name: /start/i }).click();
    await visitor.locator("#chat-text").fill("Hola, ¿hacen envíos a Córdoba?");
    await visitor.getByRole("button", { name: "Send" }).click();
    await expect(visitor.getByText("Hola, ¿hacen envíos a Córdoba?")).toBeVisible();

    const ana = await pageFor(browser, AGENT);
    await ana.goto("/inbox?section=unassigned&status=open&order=desc");
    await ana.getByTestId("chat-row").filter({ hasText: name }).first().click();
    await expect(ana.getByTestId("chat-pane")).toContainText("¿hacen envíos a Córdoba?");
    await ana.locator("#composer-body").fill("¡Sí! Enviamos a todo el país.");
    await ana.getByRole("button", { name: "Send" }).click();
    await expect(ana.getByTestId("message").filter({ hasText: "Enviamos a todo el país" })).toBeVisible();

    // The visitor's session survives a reload, and the reply is there (polled with JavaScript, rendered without).
    // A background tab's timers are throttled by the browser; the visitor is looking at their chat.
    if (javaScriptEnabled) await visitor.bringToFront();
    else await visitor.reload();
    await expect(visitor.getByText("¡Sí! Enviamos a todo el país.")).toBeVisible({ timeout: 15_000 });
    await visitor.reload();
    await expect(visitor.getByText("Hola, ¿hacen envíos a Córdoba?")).toBeVisible();
  });
}
