import { execFileSync } from "node:child_process";
import { expect as baseExpect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { E2E_DATA_DIR } from "../../playwright.config";

// An administrator can't lock themself out with one click, deactivating someone else takes a deliberate
// second step (with and without JavaScript), and refusals read in the reader's language, not in English.

// Each test signs in fresh people and posts several forms: more than the default budget on a busy machine.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

const PASSWORD = "safety-password-1";
type Person = { id: number; email: string; password: string; name: string };

/** Fresh people through the real CLI, so each run starts from accounts no other spec touches. */
function addUsers(people: { role: "admin" | "agent"; name: string }[]): Person[] {
  const run = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const env = { ...process.env, DATA_DIR: E2E_DATA_DIR };
  const charla = (...args: string[]) => execFileSync(process.execPath, ["bin/charla.mjs", ...args], { env }).toString();
  const added = people.map(({ role, name }) => {
    const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${run}@example.com`;
    charla("user", "add", "--email", email, "--name", `${name} ${run}`, "--role", role, "--password", PASSWORD);
    return { email, name: `${name} ${run}` };
  });
  const listed = JSON.parse(charla("user", "list", "--json")) as { id: number; email: string }[];
  return added.map((p) => ({ ...p, password: PASSWORD, id: listed.find((u) => u.email === p.email)!.id }));
}

let sofia: Person, otro: Person, renata: Person, bruno: Person, carla: Person, dora: Person, lucia: Person;
test.beforeAll(() => {
  [sofia, otro, renata, bruno, carla, dora, lucia] = addUsers([
    { role: "admin", name: "Sofia Admin" },
    { role: "agent", name: "Otro Agente" },
    { role: "admin", name: "Renata Admin" },
    { role: "agent", name: "Bruno Agente" },
    { role: "admin", name: "Carla Admin" },
    { role: "agent", name: "Dora Agente" },
    { role: "agent", name: "Lucia Agente" },
  ]) as [Person, Person, Person, Person, Person, Person, Person];
});

/** Signed in from a browser set to `locale` (so the interface speaks it), by the form's own submit button. */
async function signedIn(browser: Browser, user: { email: string; password: string }, locale: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ locale, javaScriptEnabled });
  const page = await context.newPage();
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('form button[type="submit"]').click();
  await expect(page).toHaveURL(/\/inbox/);
  return page;
}

const userRow = (page: Page, email: string) => page.getByTestId("users-table").locator("tbody tr", { hasText: email });
const status = (row: Locator) => row.locator("td").nth(2);

test("an admin in Spanish cannot deactivate themself, and is told so in Spanish", async ({ browser }) => {
  const [admin, other] = [sofia, otro];
  const page = await signedIn(browser, admin, "es-ES");
  await page.goto("/admin/users");

  // Their own row offers no way to do it, and says who can.
  const own = userRow(page, admin.email);
  await expect(own).toContainText("No puedes desactivar tu propia cuenta; otro administrador puede hacerlo.");
  await expect(own.locator("[data-testid^='deactivate-']")).toHaveCount(0);

  // A form aimed at themself anyway (an old page, a crafted post) is refused by the server, in Spanish.
  const form = page.getByTestId(`deactivate-${other.id}`);
  await form.locator('input[name="userId"]').evaluate((input, self) => ((input as HTMLInputElement).value = String(self)), admin.id);
  await form.locator("summary").click();
  await form.getByRole("checkbox").check();
  await form.getByRole("button", { name: /^Desactivar/ }).click();
  await expect(page.getByTestId("admin-status")).toContainText("No puedes desactivar tu propia cuenta; otro administrador puede hacerlo.");

  // Still signed in, still active.
  await page.reload();
  await expect(page).toHaveURL(/\/admin\/users/);
  await expect(status(userRow(page, admin.email))).toHaveText("Activo");
  await page.context().close();
});

test("deactivating another user takes the confirmation box, checked by the server too", async ({ browser }) => {
  const [admin, agent] = [renata, bruno];
  const page = await signedIn(browser, admin, "es-ES");
  await page.goto("/admin/users");
  const form = page.getByTestId(`deactivate-${agent.id}`);

  // Nothing to click until the disclosure is opened; then the browser wants the box ticked.
  await expect(form.getByRole("button", { name: /^Desactivar/ })).toBeHidden();
  await form.locator("summary").click();
  await form.getByRole("button", { name: /^Desactivar/ }).click();
  expect(await form.getByRole("checkbox").evaluate((box) => (box as HTMLInputElement).validity.valueMissing)).toBe(true);
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(status(userRow(page, agent.email))).toHaveText("Activo");

  // A post without the box (the browser's check bypassed) is refused by the server, in Spanish.
  await form.getByRole("checkbox").evaluate((box) => box.removeAttribute("required"));
  await form.getByRole("button", { name: /^Desactivar/ }).click();
  await expect(page.getByTestId("admin-status")).toContainText("Primero marca la casilla de confirmación.");
  await expect(status(userRow(page, agent.email))).toHaveText("Activo");

  const again = page.getByTestId(`deactivate-${agent.id}`);
  await again.locator("summary").click();
  await again.getByRole("checkbox").check();
  await again.getByRole("button", { name: /^Desactivar/ }).click();
  await expect(page.getByTestId("admin-status")).toContainText("Usuario desactivado.");
  await expect(status(userRow(page, agent.email))).toHaveText("Inactivo");
  await page.context().close();
});

test.describe("without JavaScript", () => {
  test("the confirmation works as plain HTML: a disclosure, a required box, a form post", async ({ browser }) => {
    const [admin, agent] = [carla, dora];
    const page = await signedIn(browser, admin, "es-ES", false);
    await page.goto("/admin/users");
    const form = page.getByTestId(`deactivate-${agent.id}`);
    await form.locator("summary").click();
    // Unticked, the browser itself keeps the form from being sent.
    await form.getByRole("button", { name: /^Desactivar/ }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(status(userRow(page, agent.email))).toHaveText("Activo");

    await form.getByRole("checkbox").check();
    await form.getByRole("button", { name: /^Desactivar/ }).click();
    await expect(page.getByTestId("admin-status")).toContainText("Usuario desactivado.");
    await expect(status(userRow(page, agent.email))).toHaveText("Inactivo");

    // Undoing it stays one click.
    await userRow(page, agent.email).getByRole("button", { name: /^Reactivar/ }).click();
    await expect(page.getByTestId("admin-status")).toContainText("Usuario reactivado.");
    await expect(status(userRow(page, agent.email))).toHaveText("Activo");
    await page.context().close();
  });
});

test("a Spanish or Portuguese agent reads a refusal in their language, not in English", async ({ browser }) => {
  const agent = lucia;
  const missing = 987654;
  const es = await signedIn(browser, agent, "es-ES");
  await es.goto(`/inbox?chat=${missing}`);
  await expect(es.getByTestId("chat-refused")).toHaveText(`No existe el chat #${missing}.`);
  await es.context().close();

  const pt = await signedIn(browser, agent, "pt-BR");
  await pt.goto(`/inbox?chat=${missing}`);
  await expect(pt.getByTestId("chat-refused")).toHaveText(`Não existe o chat #${missing}.`);
  await pt.context().close();
});
