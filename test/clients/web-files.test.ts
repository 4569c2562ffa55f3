import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { chromiumAvailable, launchChromium, screenshot, watchForErrors } from "./support/browser";
import { basicAuth, startServer, type RunningServer } from "./support/server";

const ADMIN_PASSWORD = "Bureau-Codep-34!";
const LEA_PASSWORD = "Plongee-Codep-34!";
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };
// Answers, not faults: /api/auth/me says 401 before logging in.
const EXPECTED = [{ status: 401, path: "/api/auth/me" }];

const NOTE = "# Compte rendu\n\n- Budget voté\n- <script>alert('x')</script>\n\n[piège](javascript:alert(1)) et [site](https://example.org)\n";

describe.skipIf(!chromiumAvailable())("the Files browser in chromium", () => {
  let server: RunningServer;
  let browser: Browser;

  const dav = (user: string, password: string, path: string, init: RequestInit = {}) =>
    fetch(`${server.url}/remote.php/dav/files/${user}${path}`, { ...init, headers: { Authorization: basicAuth(user, password), ...init.headers } });
  const ocs = (user: string, password: string, path: string, form: Record<string, string>) =>
    fetch(`${server.url}/ocs/v2.php${path}?format=json`, {
      method: "POST",
      headers: { Authorization: basicAuth(user, password), "OCS-APIREQUEST": "true", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ adminPassword: ADMIN_PASSWORD }), launchChromium()]);
    // Léa shares her committee's folder with the admin, who finds it under "Partagés avec vous".
    expect((await ocs("admin", ADMIN_PASSWORD, "/cloud/users", { userid: "lea", password: LEA_PASSWORD, displayName: "Léa Martin" })).status).toBe(200);
    expect((await dav("lea", LEA_PASSWORD, "/Partage Codep 34 - Plongée", { method: "MKCOL" })).status).toBe(201);
    const shared = await ocs("lea", LEA_PASSWORD, "/apps/files_sharing/api/v1/shares", { path: "/Partage Codep 34 - Plongée", shareType: "0", shareWith: "admin", permissions: "31" });
    expect(shared.status).toBe(200);
    // A file uploaded through the API; the upload buttons have their own test.
    expect((await dav("admin", ADMIN_PASSWORD, "/compte-rendu.md", { method: "PUT", body: NOTE })).status).toBe(201);
    expect((await dav("admin", ADMIN_PASSWORD, "/Adhésions-postales.xlsx", { method: "PUT", body: "xlsx" })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(viewport: typeof DESKTOP) {
    const context = await browser.newContext({ viewport, locale: "fr-FR", baseURL: server.url });
    const page = await context.newPage();
    onTestFailed(() => screenshot(page, `web-files-failure-${viewport.width}`));
    const errors = watchForErrors(page, EXPECTED);
    await page.goto("/login");
    await page.getByLabel("Identifiant ou adresse e-mail").fill("admin");
    await page.getByLabel("Mot de passe", { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL("**/files");
    return { context, page, errors };
  }

  const row = (page: Page, name: string) => page.getByRole("row", { name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
  const status = (page: Page) => page.locator("p.status").first();

  it("creates, renames, moves by drag and drop, reads, deletes and restores, and writes a folder's note", async () => {
    const { context, page, errors } = await open(DESKTOP);
    const listing = page.getByRole("table", { name: "Tous les fichiers" });
    await expect.poll(() => row(page, "compte-rendu.md").isVisible()).toBe(true);
    await expect.poll(() => row(page, "compte-rendu.md").textContent()).toMatch(/à l'instant|il y a/);
    // Received shares carry their mark.
    await expect.poll(() => row(page, "Partage Codep 34").getByRole("button", { name: "Partagé avec vous" }).isVisible()).toBe(true);

    // Nouveau → Nouveau dossier, then rename it in place.
    await page.getByRole("button", { name: "Nouveau" }).click();
    await page.getByRole("button", { name: "Nouveau dossier" }).click();
    await page.getByLabel("Nom du dossier").fill("Bureau");
    await page.getByRole("button", { name: "Créer" }).click();
    await expect.poll(() => listing.getByRole("link", { name: "Bureau", exact: true }).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Actions pour « Bureau »" }).click();
    await page.getByRole("button", { name: "Renommer" }).click();
    await page.getByLabel("Nouveau nom de « Bureau »").fill("Bureau CA");
    await page.keyboard.press("Enter");
    await expect.poll(() => listing.getByRole("link", { name: "Bureau CA" }).isVisible()).toBe(true);
    await expect.poll(() => status(page).textContent()).toBe("Renommé en « Bureau CA ».");

    // Sorting by size puts the bigger file first when descending.
    await page.getByRole("button", { name: "Taille" }).click();
    await page.getByRole("button", { name: "Taille" }).click();
    await expect.poll(() => page.getByRole("columnheader", { name: "Taille" }).getAttribute("aria-sort")).toBe("descending");
    await page.getByRole("button", { name: "Nom" }).click();

    // Drag the spreadsheet onto the folder.
    await row(page, "Adhésions-postales.xlsx").dragTo(row(page, "Bureau CA"));
    await expect.poll(() => status(page).textContent()).toBe("« Adhésions-postales.xlsx » a été déplacé dans « Bureau CA ».");
    await expect.poll(() => row(page, "Adhésions-postales.xlsx").count()).toBe(0);
    await screenshot(page, "files-desktop-root");

    // The Markdown file opens in the reader, rendered and safe.
    await listing.getByRole("link", { name: "compte-rendu.md" }).click();
    const reader = page.getByRole("dialog", { name: "compte-rendu.md" });
    await expect.poll(() => reader.getByRole("heading", { name: "Compte rendu" }).isVisible()).toBe(true);
    expect(await reader.getByText("<script>alert('x')</script>").isVisible()).toBe(true);
    expect(await reader.locator("script").count()).toBe(0);
    expect(await reader.getByRole("link", { name: "piège" }).count()).toBe(0);
    expect(await reader.getByRole("link", { name: "site" }).getAttribute("rel")).toBe("noopener noreferrer");
    await screenshot(page, "files-markdown-reader");
    await page.keyboard.press("Escape");
    await expect.poll(() => reader.count()).toBe(0);

    // Into the folder: the address says where, and the folder's note can be written.
    await listing.getByRole("link", { name: "Bureau CA" }).click();
    await page.waitForURL(/\/files\?dir=\/Bureau%20CA$/);
    await expect.poll(() => row(page, "Adhésions-postales.xlsx").isVisible()).toBe(true);
    await page.getByRole("button", { name: "Ajoutez des notes, listes ou liens…" }).click();
    await page.getByLabel("Description du dossier").fill("## Réunions du CA\n\nOrdre du jour : **budget**");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Réunions du CA" }).isVisible()).toBe(true);
    await expect.poll(() => row(page, "Readme.md").isVisible()).toBe(true);

    // Keyboard: Delete on the focused row asks, then the file goes to the trash.
    await row(page, "Adhésions-postales.xlsx").focus();
    await page.keyboard.press("Delete");
    const question = page.getByRole("dialog");
    await expect.poll(() => question.textContent()).toContain("Supprimer « Adhésions-postales.xlsx » ?");
    await question.getByRole("button", { name: "Supprimer" }).click();
    await expect.poll(() => status(page).textContent()).toBe("« Adhésions-postales.xlsx » a été supprimé.");
    await expect.poll(() => row(page, "Adhésions-postales.xlsx").count()).toBe(0);
    await screenshot(page, "files-desktop-folder");

    await page.getByRole("navigation", { name: "Fichiers" }).getByRole("link", { name: "Fichiers supprimés" }).click();
    await expect.poll(() => row(page, "Adhésions-postales.xlsx").textContent()).toContain("/Bureau CA");
    await screenshot(page, "files-trash");
    await page.getByRole("button", { name: "Restaurer « Adhésions-postales.xlsx »" }).click();
    await expect.poll(() => status(page).textContent()).toBe("« Adhésions-postales.xlsx » a été restauré.");
    await expect.poll(() => page.getByRole("heading", { name: "Aucun fichier supprimé" }).isVisible()).toBe(true);
    await page.goto("/files?dir=/Bureau%20CA");
    await expect.poll(() => row(page, "Adhésions-postales.xlsx").isVisible()).toBe(true);

    // An internal link's target: the item is pointed at in its folder.
    const id = await row(page, "Adhésions-postales.xlsx").getAttribute("data-id");
    await page.goto(`/f/${id}`);
    await page.waitForURL(new RegExp(`/files\\?dir=.*&fileid=${id}$`));
    await expect.poll(() => row(page, "Adhésions-postales.xlsx").getAttribute("class")).toContain("highlighted");

    await context.close();
    expect(errors).toEqual([]);
  });

  it("moves with the destination dialog, lists received shares, and speaks English when asked", async () => {
    const { context, page, errors } = await open(DESKTOP);
    await page.getByRole("button", { name: "Actions pour « compte-rendu.md »" }).click();
    await page.getByRole("button", { name: "Déplacer ou copier" }).click();
    const picker = page.getByRole("dialog", { name: /Choisir la destination/ });
    await picker.getByRole("button", { name: "Bureau CA" }).click();
    await picker.getByRole("button", { name: "Déplacer dans « Bureau CA »" }).click();
    await expect.poll(() => status(page).textContent()).toBe("« compte-rendu.md » a été déplacé dans « Bureau CA ».");

    await page.getByRole("navigation", { name: "Fichiers" }).getByRole("link", { name: "Partagés avec vous" }).click();
    await expect.poll(() => page.getByRole("row", { name: /Partage Codep 34 - Plongée/ }).textContent()).toContain("Léa Martin");
    await screenshot(page, "files-shared-with-you");
    await page.getByRole("link", { name: "Partage Codep 34 - Plongée" }).click();
    await page.waitForURL(/dir=\/Partage%20Codep%2034%20-%20Plong%C3%A9e/);
    await expect.poll(() => page.getByRole("heading", { name: "Aucun fichier ici" }).isVisible()).toBe(true);

    await page.getByRole("button", { name: /Menu du compte/ }).click();
    await page.getByLabel("Langue").selectOption("en");
    await page.keyboard.press("Escape");
    await page.getByRole("navigation", { name: "Files" }).getByRole("link", { name: "Deleted files" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Deleted files");
    await page.getByRole("navigation", { name: "Files" }).getByRole("link", { name: "All files" }).click();
    await expect.poll(() => page.getByRole("columnheader", { name: "Modified" }).isVisible()).toBe(true);
    await expect.poll(() => row(page, "Bureau CA").textContent()).toMatch(/just now|ago/);
    await screenshot(page, "files-desktop-en");
    // Back to French for whoever comes next.
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByLabel("Language").selectOption("fr");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Tous les fichiers");
    await context.close();
    expect(errors).toEqual([]);
  });

  it("keeps the name and a menu on a phone", async () => {
    const { context, page, errors } = await open(PHONE);
    await expect.poll(() => row(page, "Bureau CA").isVisible()).toBe(true);
    expect(await page.getByRole("columnheader", { name: "Taille" }).isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Actions pour « Bureau CA »" }).isVisible()).toBe(true);
    await screenshot(page, "files-phone");
    await context.close();
    expect(errors).toEqual([]);
  });
});
