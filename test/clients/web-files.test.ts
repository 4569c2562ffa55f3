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

/** A 64×64 blue PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAIAAAAlC+aJAAAAeElEQVR4nO3PQQkAMAzAwLqdq2mtiD2OQSACLjPn/p0XNKAFDWhBA1rQgBY0oAUNaEEDWtCAFjSgBQ1oQQNa0IAWNKAFDWhBA1rQgBY0oAUNaEEDWtCAFjSgBQ1oQQNa0IAWNKAFDWhBA1rQgBY0oAUNaEEDWvDWAmAZUPGyzJVFAAAAAElFTkSuQmCC",
  "base64",
);
/** The machine may be busy (other tests, a build): answers get more than vitest's default second. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

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
    expect((await dav("admin", ADMIN_PASSWORD, "/Photos", { method: "MKCOL" })).status).toBe(201);
    for (const name of ["sortie-1.png", "sortie-2.png"]) expect((await dav("admin", ADMIN_PASSWORD, `/Photos/${name}`, { method: "PUT", body: PNG })).status).toBe(201);
    // A document's picture folder, as the editor makes one: hidden from the listings by default.
    expect((await dav("admin", ADMIN_PASSWORD, "/.attachments.7", { method: "MKCOL" })).status).toBe(201);
    expect((await dav("admin", ADMIN_PASSWORD, "/.attachments.7/schema.png", { method: "PUT", body: PNG })).status).toBe(201);
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
    await poll(() => row(page, "compte-rendu.md").isVisible()).toBe(true);
    await poll(() => row(page, "compte-rendu.md").textContent()).toMatch(/à l'instant|il y a/);
    // Received shares carry their mark.
    await poll(() => row(page, "Partage Codep 34").getByRole("button", { name: "Partagé avec vous" }).isVisible()).toBe(true);

    // Nouveau → Nouveau dossier, then rename it in place.
    await page.getByRole("button", { name: "Nouveau" }).click();
    await page.getByRole("button", { name: "Nouveau dossier" }).click();
    await page.getByLabel("Nom du dossier").fill("Bureau");
    await page.getByRole("button", { name: "Créer" }).click();
    await poll(() => listing.getByRole("link", { name: "Bureau", exact: true }).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Actions pour « Bureau »" }).click();
    await page.getByRole("button", { name: "Renommer" }).click();
    await page.getByLabel("Nouveau nom de « Bureau »").fill("Bureau CA");
    await page.keyboard.press("Enter");
    await poll(() => listing.getByRole("link", { name: "Bureau CA" }).isVisible()).toBe(true);
    await poll(() => status(page).textContent()).toBe("Renommé en « Bureau CA ».");

    // Sorting by size puts the bigger file first when descending.
    await page.getByRole("button", { name: "Taille" }).click();
    await page.getByRole("button", { name: "Taille" }).click();
    await poll(() => page.getByRole("columnheader", { name: "Taille" }).getAttribute("aria-sort")).toBe("descending");
    await page.getByRole("button", { name: "Nom" }).click();

    // Drag the spreadsheet onto the folder.
    await row(page, "Adhésions-postales.xlsx").dragTo(row(page, "Bureau CA"));
    await poll(() => status(page).textContent()).toBe("« Adhésions-postales.xlsx » a été déplacé dans « Bureau CA ».");
    await poll(() => row(page, "Adhésions-postales.xlsx").count()).toBe(0);
    await screenshot(page, "files-desktop-root");

    // The Markdown file opens in the documents plugin's editor, rendered and safe; its back link returns here.
    await listing.getByRole("link", { name: "compte-rendu.md" }).click();
    await page.waitForURL(/\/apps\/docs\/document\/\d+$/);
    const reader = page.getByRole("textbox", { name: "Contenu du document" });
    await poll(() => reader.getByRole("heading", { name: "Compte rendu" }).isVisible()).toBe(true);
    expect(await reader.getByText("<script>alert('x')</script>").isVisible()).toBe(true);
    expect(await reader.locator("script").count()).toBe(0);
    expect(await reader.getByRole("link", { name: "piège" }).count()).toBe(0);
    expect(await reader.getByRole("link", { name: "site" }).getAttribute("rel")).toContain("noopener");
    await screenshot(page, "files-markdown-editor");
    await page.getByRole("link", { name: "Retour au dossier" }).click();
    await poll(() => listing.getByRole("link", { name: "Bureau CA" }).isVisible()).toBe(true);

    // Into the folder: the address says where, and the folder's note can be written.
    await listing.getByRole("link", { name: "Bureau CA" }).click();
    await page.waitForURL(/\/files\?dir=\/Bureau%20CA$/);
    await poll(() => row(page, "Adhésions-postales.xlsx").isVisible()).toBe(true);
    await page.getByRole("button", { name: "Ajoutez des notes, listes ou liens…" }).click();
    await page.getByLabel("Description du dossier").fill("## Réunions du CA\n\nOrdre du jour : **budget**");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await poll(() => page.getByRole("heading", { name: "Réunions du CA" }).isVisible()).toBe(true);
    await poll(() => row(page, "Readme.md").isVisible()).toBe(true);

    // Keyboard: Delete on the focused row asks, then the file goes to the trash.
    await row(page, "Adhésions-postales.xlsx").focus();
    await page.keyboard.press("Delete");
    const question = page.getByRole("dialog");
    await poll(() => question.textContent()).toContain("Supprimer « Adhésions-postales.xlsx » ?");
    await question.getByRole("button", { name: "Supprimer" }).click();
    await poll(() => status(page).textContent()).toBe("« Adhésions-postales.xlsx » a été supprimé.");
    await poll(() => row(page, "Adhésions-postales.xlsx").count()).toBe(0);
    await screenshot(page, "files-desktop-folder");

    await page.getByRole("navigation", { name: "Fichiers" }).getByRole("link", { name: "Fichiers supprimés" }).click();
    await poll(() => row(page, "Adhésions-postales.xlsx").textContent()).toContain("/Bureau CA");
    await screenshot(page, "files-trash");
    await page.getByRole("button", { name: "Restaurer « Adhésions-postales.xlsx »" }).click();
    await poll(() => status(page).textContent()).toBe("« Adhésions-postales.xlsx » a été restauré.");
    await poll(() => page.getByRole("heading", { name: "Aucun fichier supprimé" }).isVisible()).toBe(true);
    await page.goto("/files?dir=/Bureau%20CA");
    await poll(() => row(page, "Adhésions-postales.xlsx").isVisible()).toBe(true);

    // An internal link's target: the item is pointed at in its folder.
    const id = await row(page, "Adhésions-postales.xlsx").getAttribute("data-id");
    await page.goto(`/f/${id}`);
    await page.waitForURL(new RegExp(`/files\\?dir=.*&fileid=${id}$`));
    await poll(() => row(page, "Adhésions-postales.xlsx").getAttribute("class")).toContain("highlighted");

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
    await poll(() => status(page).textContent()).toBe("« compte-rendu.md » a été déplacé dans « Bureau CA ».");

    await page.getByRole("navigation", { name: "Fichiers" }).getByRole("link", { name: "Partagés avec vous" }).click();
    await poll(() => page.getByRole("row", { name: /Partage Codep 34 - Plongée/ }).textContent()).toContain("Léa Martin");
    await screenshot(page, "files-shared-with-you");
    await page.getByRole("link", { name: "Partage Codep 34 - Plongée" }).click();
    await page.waitForURL(/dir=\/Partage%20Codep%2034%20-%20Plong%C3%A9e/);
    await poll(() => page.getByRole("heading", { name: "Aucun fichier ici" }).isVisible()).toBe(true);

    // "Ne plus partager" takes it out of the admin's files only; "Partages supprimés" brings it back.
    await page.getByRole("navigation", { name: "Fichiers" }).getByRole("link", { name: "Tous les fichiers" }).click();
    await page.getByRole("button", { name: "Actions pour « Partage Codep 34 - Plongée »" }).click();
    await page.getByRole("button", { name: "Ne plus partager" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Ne plus partager" }).click();
    await poll(() => row(page, "Partage Codep 34").count()).toBe(0);
    await page.getByRole("navigation", { name: "Fichiers" }).getByRole("link", { name: "Partages supprimés" }).click();
    await page.getByRole("button", { name: "Restaurer le partage « Partage Codep 34 - Plongée »" }).click();
    await poll(() => status(page).textContent()).toBe("« Partage Codep 34 - Plongée » est de retour dans vos fichiers.");
    await page.getByRole("navigation", { name: "Fichiers" }).getByRole("link", { name: "Tous les fichiers" }).click();
    await poll(() => row(page, "Partage Codep 34").isVisible()).toBe(true);

    await page.getByRole("button", { name: /Menu du compte/ }).click();
    await page.getByLabel("Langue").selectOption("en");
    await page.keyboard.press("Escape");
    await page.getByRole("navigation", { name: "Files" }).getByRole("link", { name: "Deleted files" }).click();
    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Deleted files");
    await page.getByRole("navigation", { name: "Files" }).getByRole("link", { name: "All files" }).click();
    await poll(() => page.getByRole("columnheader", { name: "Modified" }).isVisible()).toBe(true);
    await poll(() => row(page, "Bureau CA").textContent()).toMatch(/just now|ago/);
    await screenshot(page, "files-desktop-en");
    // Back to French for whoever comes next.
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByLabel("Language").selectOption("fr");
    await page.keyboard.press("Escape");
    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Tous les fichiers");
    await context.close();
    expect(errors).toEqual([]);
  });

  it("shows pictures in a lightbox, opens an item's details beside the listing, downloads a selection and lists a tag's files", async () => {
    const { context, page, errors } = await open(DESKTOP);
    await page.goto("/files?dir=/Photos");
    await page.getByRole("link", { name: "sortie-1.png" }).click();
    await page.getByRole("dialog", { name: "sortie-1.png" }).waitFor();
    await page.getByRole("button", { name: "Suivante" }).click();
    const second = page.getByRole("dialog", { name: "sortie-2.png" });
    await poll(() => second.getByText("2 sur 2").isVisible()).toBe(true);
    await poll(() => second.getByRole("img", { name: "sortie-2.png" }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
    await screenshot(page, "files-lightbox");
    await page.keyboard.press("ArrowLeft");
    await page.getByRole("dialog", { name: "sortie-1.png" }).waitFor();
    await page.getByRole("button", { name: "Fermer" }).click();

    await page.getByRole("button", { name: "Actions pour « sortie-2.png »" }).click();
    await page.getByRole("button", { name: "Détails" }).click();
    const details = page.getByRole("complementary", { name: /sortie-2\.png/ });
    await poll(() => details.getByRole("heading", { name: "sortie-2.png" }).isVisible()).toBe(true);
    await page.getByRole("checkbox", { name: "Tout sélectionner" }).check();
    await poll(() => page.getByText("2 éléments sélectionnés").isVisible()).toBe(true);
    expect(await page.getByRole("region", { name: "Actions sur la sélection" }).getByRole("link", { name: "Télécharger" }).getAttribute("href")).toMatch(
      new RegExp(`^/api/files/\\d+/zip\\?ids=\\d+,\\d+$`),
    );
    await screenshot(page, "files-details-and-selection");

    // Étiquettes: pick a tag, see the files that carry it.
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}/api${path}`, { ...init, headers: { Authorization: basicAuth("admin", ADMIN_PASSWORD), "Content-Type": "application/json", ...init.headers } });
    const photo = (await (await api(`/files/by-path?path=${encodeURIComponent("/Photos/sortie-2.png")}`)).json()) as { node: { id: number } };
    const tag = (await (await api("/tags", { method: "POST", body: JSON.stringify({ name: "Assemblée générale" }) })).json()) as { tag: { id: number } };
    expect((await api(`/tags/${tag.tag.id}/files/${photo.node.id}`, { method: "PUT" })).status).toBe(201);
    await page.getByRole("navigation", { name: "Fichiers" }).getByRole("link", { name: "Étiquettes" }).click();
    await page.getByRole("link", { name: "Assemblée générale" }).click();
    const tagged = page.getByRole("table", { name: "Fichiers avec l'étiquette « Assemblée générale »" });
    await poll(() => tagged.getByRole("row", { name: /sortie-2\.png/ }).textContent()).toContain("/Photos");
    expect(await tagged.getByRole("row", { name: /sortie-1\.png/ }).count()).toBe(0);
    await context.close();
    expect(errors).toEqual([]);
  });

  it("hides hidden items from the folder and from Récent until the settings show them", async () => {
    const { context, page, errors } = await open(DESKTOP);
    await poll(() => row(page, "Photos").isVisible()).toBe(true);
    expect(await row(page, ".attachments.7").count()).toBe(0);
    await page.getByRole("button", { name: "Paramètres" }).click();
    await page.getByLabel("Afficher les fichiers masqués").check();
    await poll(() => row(page, ".attachments.7").isVisible()).toBe(true);
    await page.getByRole("link", { name: "Récent" }).click();
    await poll(() => row(page, "schema.png").isVisible()).toBe(true);
    // The choice stays on this browser.
    await page.reload();
    await poll(() => row(page, "schema.png").isVisible()).toBe(true);
    await page.getByRole("button", { name: "Paramètres" }).click();
    await page.getByLabel("Afficher les fichiers masqués").uncheck();
    await poll(() => row(page, "schema.png").count()).toBe(0);
    await context.close();
    expect(errors).toEqual([]);
  });

  it("keeps the name and a menu on a phone", async () => {
    const { context, page, errors } = await open(PHONE);
    await poll(() => row(page, "Bureau CA").isVisible()).toBe(true);
    expect(await page.getByRole("columnheader", { name: "Taille" }).isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Actions pour « Bureau CA »" }).isVisible()).toBe(true);
    await screenshot(page, "files-phone");
    await context.close();
    expect(errors).toEqual([]);
  });
});
