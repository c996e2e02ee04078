import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { E2E_DATA_DIR } from "../../playwright.config";
import { pageFor, signIn } from "./helpers";
import { ADMIN } from "./users";
import { receiveWhatsAppText, uniquePhone } from "./webhook";

// Issue 7 in the browser against the production build: security headers on every page, customer text
// that looks like markup stays text, the session cookie's flags, and a deactivated user's session
// dying at the next request.

const charla = (...args: string[]) => execFileSync(process.execPath, ["bin/charla.mjs", ...args], { env: { ...process.env, DATA_DIR: E2E_DATA_DIR } }).toString();

function expectPageHeaders(res: { headers(): Record<string, string> } | null, frameAncestors = "'none'") {
  expect(res).not.toBeNull();
  const h = res!.headers();
  expect(h["content-security-policy"]).toContain("script-src 'self'");
  expect(h["content-security-policy"]).toContain("object-src 'none'");
  expect(h["content-security-policy"]).toContain(`frame-ancestors ${frameAncestors}`);
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("same-origin");
}

test("every page carries the security headers, and CSP breaks nothing", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  expectPageHeaders(await page.goto("/login"));
  expect((await page.request.get("/login")).headers()["x-frame-options"]).toBe("DENY");
  await signIn(page, ADMIN);
  expectPageHeaders(await page.goto("/inbox"));
  expectPageHeaders(await page.goto("/admin/settings"));
  // Client-side code still runs: the live poller answers, and the shortcut dialog opens with "?".
  await page.goto("/inbox");
  await expect(page.getByTestId("pending-all")).toBeVisible();
  expect(violations).toEqual([]);

  // The web chat page may be framed by its channel's sites, and only by them.
  const out = charla("channel", "add", "--type", "webchat", "--name", "Site", "--allowed-origins", "https://shop.example.com", "--json");
  const id = (JSON.parse(out) as { id: number }).id;
  const chat = await page.request.get(`/chat/${id}`);
  expectPageHeaders(chat, "'self' https://shop.example.com");
  expect(chat.headers()["x-frame-options"]).toBeUndefined();
});

test("a contact's message that looks like markup renders as inert text", async ({ browser, request }) => {
  const hostile = 'Oi <script>alert(1)</script> <img src=x onerror=alert(1)> javascript:alert(1) <a href="javascript:alert(1)">link</a>';
  const contact = { waId: uniquePhone(), name: 'Mallory <img src=x onerror=alert(2)>' };
  await receiveWhatsAppText(request, contact, hostile);
  const page = await pageFor(browser, ADMIN);
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await page.goto("/inbox?section=all&status=open");
  await page.getByTestId("chat-row").filter({ hasText: "Mallory" }).first().click();
  const message = page.getByTestId("message").filter({ hasText: "<script>alert(1)</script>" });
  await expect(message).toBeVisible();
  await expect(message).toContainText("<img src=x onerror=alert(1)>");
  await expect(message).toContainText("javascript:alert(1)");
  expect(await message.locator("img, script").count()).toBe(0);
  expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
});

test("the session cookie is httpOnly and SameSite=Lax, and Secure behind HTTPS", async ({ page, playwright, baseURL }) => {
  await signIn(page, ADMIN);
  const session = (await page.context().cookies()).find((c) => /authjs\.session-token$/.test(c.name));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });

  // Behind a TLS proxy (X-Forwarded-Proto: https) Auth.js names the cookie __Secure- and marks it Secure.
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-proto": "https" } });
  const csrf = await api.get("/api/auth/csrf");
  const csrfCookie = csrf.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && /csrf-token=/.test(h.value))!.value;
  expect(csrfCookie).toMatch(/^__Host-authjs\.csrf-token=.*Secure/i);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await api.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: ADMIN.email, password: ADMIN.password },
    headers: { cookie: csrfCookie.split(";")[0]! },
    maxRedirects: 0,
  });
  const sessionCookie = res.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && /session-token=/.test(h.value))?.value ?? "";
  expect(sessionCookie).toMatch(/^__Secure-authjs\.session-token=/);
  expect(sessionCookie).toMatch(/; Secure/i);
  expect(sessionCookie).toMatch(/; HttpOnly/i);
  expect(sessionCookie).toMatch(/; SameSite=Lax/i);
  await api.dispose();
});

test("a deactivated user's open session stops working at the next request: pages, /api/poll and tRPC", async ({ browser }) => {
  const email = `temp.${Date.now()}@example.com`;
  charla("user", "add", "--email", email, "--name", "Temp Agent", "--role", "agent", "--password", "temp-password-1");
  const page = await pageFor(browser, { email, password: "temp-password-1" });
  expect((await page.request.get("/api/poll")).status()).toBe(200);
  expect((await page.request.get("/api/trpc/me.get")).status()).toBe(200);

  charla("user", "deactivate", "--email", email);
  expect((await page.request.get("/api/poll")).status()).toBe(401);
  expect((await page.request.get("/api/trpc/me.get")).status()).toBe(401);
  // The open inbox's own poll may get its 401 first and take the page to the sign-in: either way ends there.
  await page.goto("/inbox").catch((err: Error) => {
    if (!/interrupted by another navigation/.test(err.message)) throw err;
  });
  await expect(page).toHaveURL(/\/login/);
});

test("bodies over the limits get 413: webhooks and tRPC", async ({ request }) => {
  const big = "x".repeat(1024 * 1024 + 100);
  expect((await request.post("/api/webhooks/whatsapp", { data: big, headers: { "content-type": "application/json" } })).status()).toBe(413);
  expect((await request.post("/api/trpc/quickReplies.create", { data: big, headers: { "content-type": "application/json" } })).status()).toBe(413);
});

test("too many wrong passwords lock the account with a clear message", async ({ page }) => {
  const email = `locked.${Date.now()}@example.com`;
  charla("user", "add", "--email", email, "--name", "Locked Agent", "--role", "agent", "--password", "right-password-1");
  for (let i = 0; i < 10; i++) {
    await page.goto("/login");
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toBeVisible();
  }
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill("right-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("Too many attempts. Wait a few minutes and try again.");
});
