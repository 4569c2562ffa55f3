import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { chromiumAvailable, launchChromium, screenshot, watchForErrors } from "./support/browser";
import { basicAuth, startServer, type RunningServer } from "./support/server";

const ADMIN_PASSWORD = "Bureau-Codep-34!";
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

// Answers, not faults: /api/auth/me says 401 to a visitor, and a wrong password is refused with 401.
const EXPECTED = [
  { status: 401, path: "/api/auth/me" },
  { status: 401, path: "/api/auth/login" },
];

describe.skipIf(!chromiumAvailable())("web app in chromium", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ adminPassword: ADMIN_PASSWORD }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(viewport: typeof DESKTOP, options: { locale?: string } = {}) {
    const context = await browser.newContext({ viewport, locale: options.locale ?? "fr-FR", baseURL: server.url });
    const page = await context.newPage();
    onTestFailed(() => screenshot(page, `failure-${viewport.width}`));
    return { context, page, errors: watchForErrors(page, EXPECTED) };
  }

  async function logIn(page: Page) {
    await page.goto("/");
    await page.waitForURL("**/login**");
    await page.getByLabel("Identifiant ou adresse e-mail").fill("admin");
    await page.getByLabel("Mot de passe", { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL("**/files");
  }

  async function close(context: BrowserContext, errors: string[]) {
    await context.close();
    expect(errors).toEqual([]);
  }

  it("logs in, creates an app password that works, switches language and logs out", async () => {
    const { context, page, errors } = await open(DESKTOP);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);

    await page.goto("/");
    await page.waitForURL("**/login");
    await expect.poll(() => page.getByText("au moins 10 caractères").isVisible()).toBe(true);
    await screenshot(page, "desktop-login-fr");

    await page.getByLabel("Identifiant ou adresse e-mail").fill("admin");
    await page.getByLabel("Mot de passe", { exact: true }).fill("pas-le-bon");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("Identifiant ou mot de passe incorrect");

    await page.getByLabel("Mot de passe", { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL("**/files");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Tous les fichiers");
    const sidebar = page.getByRole("navigation", { name: "Fichiers" });
    for (const entry of ["Récent", "Favoris", "Partagés avec vous", "Partages en attente", "Étiquettes", "Fichiers supprimés"]) {
      expect(await sidebar.getByRole("link", { name: entry }).isVisible()).toBe(true);
    }
    await expect.poll(() => page.locator(".quota-label").textContent()).toMatch(/utilisés/);
    await screenshot(page, "desktop-files-fr");

    // Paramètres → Sécurité → "Créer un mot de passe d'application"
    await page.getByRole("button", { name: /Menu du compte/ }).click();
    await page.getByRole("link", { name: "Paramètres" }).click();
    await page.getByRole("link", { name: "Sécurité" }).click();
    await page.getByLabel("Nom de l'appareil").fill("Ordinateur du bureau");
    await page.getByRole("button", { name: "Créer un mot de passe d'application" }).click();
    const tokenField = page.getByLabel("Mot de passe", { exact: true });
    await expect.poll(() => tokenField.inputValue()).toHaveLength(72);
    const token = await tokenField.inputValue();
    await page.getByRole("button", { name: "Copier le mot de passe d'application" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await expect.poll(() => page.getByRole("row", { name: /Ordinateur du bureau/ }).textContent()).toContain("à l'instant");
    await screenshot(page, "desktop-security-new-token-fr");

    const viaApp = await fetch(`${server.url}/ocs/v2.php/cloud/user`, {
      headers: { "OCS-APIREQUEST": "true", Accept: "application/json", Authorization: basicAuth("admin", token) },
    });
    expect(viaApp.status).toBe(200);
    expect(((await viaApp.json()) as { ocs: { data: { id: string } } }).ocs.data.id).toBe("admin");

    await page.getByRole("button", { name: "Terminé" }).click();
    await expect.poll(() => page.getByRole("row", { name: /Ordinateur du bureau/ }).textContent()).toMatch(/il y a \d+ secondes|à l'instant/);

    // The language follows the account: after a reload in a fresh page it is still English.
    await page.getByRole("button", { name: /Menu du compte/ }).click();
    await page.getByLabel("Langue").selectOption("en");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Security");
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("en");
    await page.keyboard.press("Escape");
    await page.reload();
    await expect.poll(() => page.getByRole("heading", { name: "App passwords" }).isVisible()).toBe(true);
    await screenshot(page, "desktop-security-en");

    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL("**/login");
    await expect.poll(() => page.getByRole("button", { name: "Log in" }).isVisible()).toBe(true);
    expect((await page.request.get("/api/auth/me")).status()).toBe(401);
    await close(context, errors);
  });

  it("fits a phone: the sidebar is a drawer opened from the header, and keyboard focus moves through it", async () => {
    const { context, page, errors } = await open(PHONE);
    await logIn(page);
    // The admin chose English in the previous test; the account keeps that choice.
    await page.getByRole("button", { name: "Open the sidebar" }).waitFor();
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByLabel("Language").selectOption("fr");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Tous les fichiers");

    const sidebarLink = page.getByRole("navigation", { name: "Fichiers" }).getByRole("link", { name: "Favoris" });
    expect(await sidebarLink.isVisible()).toBe(false);
    await screenshot(page, "phone-files-closed");

    await page.getByRole("button", { name: "Ouvrir le menu latéral" }).click();
    await expect.poll(() => sidebarLink.isVisible()).toBe(true);
    await expect.poll(async () => (await page.locator("#sidebar").boundingBox())?.x).toBe(0); // slid in fully
    await screenshot(page, "phone-files-drawer");
    await sidebarLink.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL("**/files/favorites");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Favoris");
    await expect.poll(() => sidebarLink.isVisible()).toBe(false); // the drawer slides away
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H1");

    await page.goto("/settings/security");
    await expect.poll(() => page.getByRole("row", { name: /Ordinateur du bureau/ }).isVisible()).toBe(true);
    await screenshot(page, "phone-security");
    await close(context, errors);
  });

  it("shows English to an English browser before login and remembers a switch to French", async () => {
    const { context, page, errors } = await open(DESKTOP, { locale: "en-GB" });
    await page.goto("/login");
    await expect.poll(() => page.getByRole("button", { name: "Log in" }).isVisible()).toBe(true);
    await page.getByLabel("Language").selectOption("fr");
    await expect.poll(() => page.getByRole("button", { name: "Se connecter" }).isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByRole("button", { name: "Se connecter" }).isVisible()).toBe(true);
    await close(context, errors);
  });
});
