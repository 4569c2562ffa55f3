import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { chromiumAvailable, launchChromium, logInThroughForm, screenshot, watchForErrors } from "./support/browser";
import { startServer, type RunningServer } from "./support/server";

const ADMIN_PASSWORD = "Bureau-Codep-34!";
const MEMBER_PASSWORD = "Plongee-2024!";
const EXPECTED = [{ status: 401, path: "/api/auth/me" }];
/** French number formats put a no-break space between a number and its unit. */
const plain = (text: string | null) => (text ?? "").replace(/\s/g, " ");

describe.skipIf(!chromiumAvailable())("administration in chromium", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ adminPassword: ADMIN_PASSWORD }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function logIn(page: Page, login: string, password: string) {
    await logInThroughForm(page, login, password);
  }

  async function createUser(page: Page, id: string, name: string, groups: string[], quota: string) {
    await page.getByRole("button", { name: "Nouveau compte" }).click();
    const form = page.getByRole("form", { name: "Nouveau compte" });
    await form.getByLabel("Identifiant").fill(id);
    await form.getByLabel("Nom complet").fill(name);
    await form.getByLabel("Mot de passe").fill(MEMBER_PASSWORD);
    for (const group of groups) await form.getByLabel(group, { exact: true }).check();
    await form.getByLabel("Quota").selectOption({ label: quota });
    await form.getByRole("button", { name: "Créer le compte" }).click();
    await expect.poll(() => page.getByRole("row", { name: new RegExp(name) }).isVisible()).toBe(true);
  }

  it("creates an organisation, a group and accounts; an org admin then manages their organisation", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR", baseURL: server.url });
    const page = await context.newPage();
    const errors = watchForErrors(page, EXPECTED);
    onTestFailed(() => screenshot(page, "failure-admin"));
    await logIn(page, "admin", ADMIN_PASSWORD);

    await page.getByRole("button", { name: /Menu du compte/ }).click();
    await page.getByRole("link", { name: "Administration" }).click();
    await page.getByRole("link", { name: "Organisations" }).click();
    await page.getByLabel("Nom", { exact: true }).fill("Codep 34 – Hérault");
    expect(await page.getByLabel("Identifiant").inputValue()).toBe("codep-34-herault");
    await page.getByLabel("Quota").selectOption({ label: "10 Go" });
    await page.getByRole("button", { name: "Créer l'organisation" }).click();
    await expect.poll(async () => plain(await page.getByRole("row", { name: /Codep 34/ }).textContent())).toContain("10 Go");

    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Groupes" }).click();
    await page.getByLabel("Groupe", { exact: true }).fill("bureau");
    await page.getByRole("button", { name: "Créer le groupe" }).click();
    await expect.poll(() => page.getByRole("row", { name: /bureau/ }).textContent()).toContain("0 membre");

    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Comptes" }).click();
    await createUser(page, "marie", "Marie Curie", ["codep-34-herault", "bureau"], "5 Go");
    await createUser(page, "paul", "Paul Langevin", ["codep-34-herault"], "Quota par défaut");
    const marie = page.getByRole("row", { name: /Marie Curie/ });
    expect(await marie.textContent()).toContain("bureau");

    await marie.getByLabel("Quota de Marie Curie").selectOption({ label: "3 Go" });
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Quota de Marie Curie modifié" }).isVisible()).toBe(true);
    await marie.getByLabel("Marie Curie administre son organisation").check();
    await expect.poll(() => page.getByText("Marie Curie administre désormais codep-34-herault.").isVisible()).toBe(true);

    await marie.getByRole("button", { name: "Désactiver Marie Curie" }).click();
    await expect.poll(() => marie.textContent()).toContain("Désactivé");
    await marie.getByRole("button", { name: "Activer Marie Curie" }).click();
    await expect.poll(() => marie.textContent()).toContain("Actif");

    await page.getByRole("row", { name: /Paul Langevin/ }).getByRole("button", { name: "Supprimer Paul Langevin" }).click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.textContent()).toContain("Supprimer le compte de Paul Langevin");
    await page.keyboard.press("Escape"); // cancelling keeps the account
    expect(await page.getByRole("row", { name: /Paul Langevin/ }).isVisible()).toBe(true);
    await page.getByRole("row", { name: /Paul Langevin/ }).getByRole("button", { name: "Supprimer Paul Langevin" }).click();
    await dialog.getByRole("button", { name: "Supprimer" }).click();
    await expect.poll(() => page.getByRole("row", { name: /Paul Langevin/ }).count()).toBe(0);
    await screenshot(page, "desktop-admin-users");

    await page.getByRole("button", { name: /Menu du compte/ }).click();
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL("**/login");

    // Marie administers her organisation's accounts, not the instance's organisations.
    await logIn(page, "marie", MEMBER_PASSWORD);
    await expect.poll(async () => plain(await page.locator(".quota-label").textContent())).toBe("0 o utilisés sur 3 Go");
    await page.getByRole("button", { name: /Menu du compte/ }).click();
    await page.getByRole("link", { name: "Administration" }).click();
    const adminNav = page.getByRole("navigation", { name: "Administration" });
    await expect.poll(() => adminNav.getByRole("link", { name: "Comptes" }).isVisible()).toBe(true);
    expect(await adminNav.getByRole("link", { name: "Organisations" }).count()).toBe(0);
    await expect.poll(() => page.getByRole("row", { name: /Marie Curie/ }).isVisible()).toBe(true);
    expect(await page.getByRole("row", { name: /Administrateur/ }).count()).toBe(0);

    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "phone-admin-users");
    await context.close();
    expect(errors).toEqual([]);
  });
});
