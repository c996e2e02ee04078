import { describe, expect, it } from "vitest";
import { restoreOutcome, takeOutcome } from "@/app/_lib/flash-outcome";

describe("a form's outcome carried beside the address (no JavaScript)", () => {
  it("takes ok / error / formError out of the path and keeps the rest of its query", () => {
    expect(takeOutcome("/inbox?section=mine&chat=4&ok=sent")).toEqual({ clean: "/inbox?section=mine&chat=4", outcome: "ok=sent" });
    expect(takeOutcome("/admin/users?formError=confirm")).toEqual({ clean: "/admin/users", outcome: "formError=confirm" });
    const refused = takeOutcome("/inbox?chat=9&error=Las+respuestas+tienen+un+l%C3%ADmite+de+4.096+caracteres.");
    expect(refused.clean).toBe("/inbox?chat=9");
    expect(new URLSearchParams(refused.outcome!).get("error")).toBe("Las respuestas tienen un límite de 4.096 caracteres.");
  });

  it("carries nothing for a path without an outcome", () => {
    expect(takeOutcome("/inbox?section=all")).toEqual({ clean: "/inbox?section=all", outcome: null });
  });

  it("puts the outcome back into the page's query, and only the outcome's keys", () => {
    const restored = restoreOutcome(new URLSearchParams("section=mine&chat=4"), "ok=sent&section=all&returnTo=%2F%2Fevil");
    expect(restored?.toString()).toBe("section=mine&chat=4&ok=sent");
  });

  it("ignores a cookie that carries no outcome", () => {
    expect(restoreOutcome(new URLSearchParams("chat=1"), "section=all")).toBeNull();
    expect(restoreOutcome(new URLSearchParams("chat=1"), "")).toBeNull();
  });

  it("round-trips what the page will read", () => {
    const { clean, outcome } = takeOutcome("/contacts/7?ok=contact");
    const url = new URL(clean, "http://x");
    expect(restoreOutcome(url.searchParams, outcome!)?.get("ok")).toBe("contact");
  });
});
