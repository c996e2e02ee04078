import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sampleFlow } from "@/server/domain/bot/sample-flow";
import { assignChannelFlow, createFlow, publishFlow, saveDraft } from "@/server/services/bot/flows";
import { postVisitorMessage, visitorConversation } from "@/server/services/webchat";
import { webchatChannel } from "../support/channels";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";

// The web chat shows the bot's menu as buttons (and, for any widget, as a numbered list in the text);
// a tapped button comes back with its choice id.

describe("the bot on the web chat", () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => {
    t = tempDb();
  });
  afterEach(() => t.close());

  it("offers the menu as buttons and follows the tapped one", async () => {
    const db = t.db;
    const admin = await makeUser(db, "admin");
    const channel = webchatChannel(db);
    const ctx = { viewer: admin, now: T0 };
    const flow = createFlow(db, ctx, { name: "Web" });
    saveDraft(db, ctx, flow.id, sampleFlow());
    publishFlow(db, ctx, flow.id);
    assignChannelFlow(db, ctx, { channelId: channel.id, flowId: flow.id, returningAfterHours: null });

    postVisitorMessage(db, channel, { visitorId: "visitor-0001", name: "Eva", text: "hola", clientMessageId: "client-0001" }, T0);
    const shown = visitorConversation(db, channel, "visitor-0001", {}, T0 + 1);
    const menu = shown.at(-1)!;
    expect(menu).toMatchObject({ from: "agent", choices: [{ id: "menu/ventas", title: "Ventas" }, { id: "menu/soporte", title: "Soporte" }, { id: "menu/persona", title: "Hablar con una persona" }] });
    expect(menu.body).toBe("¿En qué te podemos ayudar?\n\n1. Ventas — Precios, pedidos y presupuestos\n2. Soporte — Problemas con tu pedido o producto\n3. Hablar con una persona");
    expect(shown[0]!.choices).toBeNull();

    postVisitorMessage(db, channel, { visitorId: "visitor-0001", name: "Eva", text: "Soporte", clientMessageId: "client-0002", choiceId: "menu/soporte" }, T0 + 2);
    expect(visitorConversation(db, channel, "visitor-0001", {}, T0 + 3).at(-1)!.body).toBe("Para ayudarte, ¿cuál es tu correo electrónico?");
  });
});
