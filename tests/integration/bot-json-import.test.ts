import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createFlow, importFlowJson } from "@/server/services/bot/flows";
import { translateError, translator } from "@/server/i18n/locale";
import type { PublicUser } from "@/server/services/users";
import { tempDb } from "../support/db";
import { makeUser, T0 } from "../support/fixtures";
import { refusal } from "../support/refusal";

// Importing a flow's JSON that is not JSON is refused in the reader's language only: the engine's English
// message (and its quote of the text) never reaches the screen; where it gives an offset, the refusal names
// the line and column, and the draft stays as it was.

// Words of JSON.parse's messages in any engine; none is Spanish.
const ENGLISH = /\b(Unexpected|Expected|token|position|property|input|valid JSON|after|end of)\b/;

describe("importing a flow's JSON that is not JSON", () => {
  let t: ReturnType<typeof tempDb>;
  let db: Db;
  let admin: PublicUser;
  let flowId: number;
  const es = translator("es");

  beforeEach(async () => {
    t = tempDb();
    db = t.db;
    admin = await makeUser(db, "admin", "Ada");
    flowId = createFlow(db, { viewer: admin, now: T0 }, { name: "Bienvenida" }).id;
  });
  afterEach(() => t.close());

  const draftOf = () => db.$client.prepare("SELECT draft FROM bot_flows WHERE id = ?").pluck().get(flowId);

  it("names the line and column of the fault, in Spanish with no English in it", () => {
    const before = draftOf();
    const json = '{\n  "start": "inicio",\n  "steps": [],\n}';
    const err = refusal(() => importFlowJson(db, { viewer: admin, now: T0 + 1 }, flowId, json));
    const text = translateError(es, err);
    expect(text).toBe("Eso no es un flujo en JSON: el texto deja de ser JSON válido en la línea 4, columna 1.");
    expect(text).not.toMatch(ENGLISH);
    expect(translateError(translator("pt"), err)).toBe("Isso não é um fluxo em JSON: o texto deixa de ser um JSON válido na linha 4, coluna 1.");
    expect(draftOf()).toBe(before);
  });

  it("says just 'not valid JSON' when the engine gives no place, still with no English", () => {
    for (const json of ["", '{"start": "inicio", "steps": [', '{"start": tru}']) {
      const text = translateError(es, refusal(() => importFlowJson(db, { viewer: admin, now: T0 + 1 }, flowId, json)));
      expect(text).toMatch(/^Eso no es un flujo en JSON: el texto (no es JSON válido\.|deja de ser JSON válido en la línea \d+, columna \d+\.)$/);
      expect(text).not.toMatch(ENGLISH);
      expect(text).not.toContain("tru");
    }
    expect(translateError(es, refusal(() => importFlowJson(db, { viewer: admin, now: T0 + 1 }, flowId, "")))).toBe("Eso no es un flujo en JSON: el texto no es JSON válido.");
  });
});
