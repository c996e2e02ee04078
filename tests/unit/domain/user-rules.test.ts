import { describe, expect, it } from "vitest";
import { assertNotDeactivatingSelf } from "@/server/domain/user-rules";
import { translateError, translator } from "@/server/i18n/locale";

describe("deactivating an account", () => {
  it("refuses an administrator deactivating their own account, in the reader's language", () => {
    let refusal: unknown;
    try {
      assertNotDeactivatingSelf({ actorId: 4, targetId: 4, active: false });
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toMatchObject({ code: "CONFLICT", text: { key: "error.user.deactivateSelf" } });
    expect(translateError(translator("es"), refusal as never)).toBe("No puedes desactivar tu propia cuenta; otro administrador puede hacerlo.");
  });

  it("lets another administrator, or the command line (no acting user), deactivate them", () => {
    expect(() => assertNotDeactivatingSelf({ actorId: 5, targetId: 4, active: false })).not.toThrow();
    expect(() => assertNotDeactivatingSelf({ actorId: null, targetId: 4, active: false })).not.toThrow();
  });

  it("lets anyone keep or restore their own account active, and change anything else", () => {
    expect(() => assertNotDeactivatingSelf({ actorId: 4, targetId: 4, active: true })).not.toThrow();
    expect(() => assertNotDeactivatingSelf({ actorId: 4, targetId: 4, active: undefined })).not.toThrow();
  });
});
