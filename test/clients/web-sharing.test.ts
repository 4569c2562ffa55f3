import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { chromiumAvailable, launchChromium, logInThroughForm, screenshot, watchForErrors } from "./support/browser";
import { basicAuth, startServer, type RunningServer } from "./support/server";

const ADMIN_PASSWORD = "Bureau-Codep-34!";
const LEA_PASSWORD = "Plongee-2024!";
const LINK_PASSWORD = "Lien-Codep-34!";
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
// Answers, not faults: /api/auth/me says 401 to a visitor.
const EXPECTED = [{ status: 401, path: "/api/auth/me" }];

interface OcsShare {
  id: string;
  share_type: number;
  share_with: string | null;
  permissions: number;
  expiration: string | null;
  password: string | null;
  url?: string;
}

/** A date `days` from now, as a date input and the share API write it. */
function inDays(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

describe.skipIf(!chromiumAvailable())("the details sidebar's sharing, comments and versions in chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  const admin = () => basicAuth("admin", ADMIN_PASSWORD);

  async function api(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${server.url}${path}`, { ...init, headers: { Authorization: admin(), "OCS-APIREQUEST": "true", ...init.headers } });
  }
  const dav = (path: string, init: RequestInit = {}) => api(`/remote.php/dav/files/admin${path}`, init);

  async function sharesOf(path: string): Promise<OcsShare[]> {
    const response = await api(`/ocs/v2.php/apps/files_sharing/api/v1/shares?format=json&reshares=true&path=${encodeURIComponent(path)}`);
    return ((await response.json()) as { ocs: { data: OcsShare[] } }).ocs.data;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ adminPassword: ADMIN_PASSWORD }), launchChromium()]);
    const lea = await api("/ocs/v2.php/cloud/users?format=json", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ userid: "lea", password: LEA_PASSWORD, displayName: "Léa Martin" }),
    });
    expect(lea.status).toBe(200);
    for (const folder of ["/Bureau", "/Devoirs"]) expect((await dav(folder, { method: "MKCOL" })).status).toBe(201);
    expect((await dav("/Bureau/ordre-du-jour.txt", { method: "PUT", body: "1. Budget 2. Sorties" })).status).toBe(201);
    expect((await dav("/compte-rendu.txt", { method: "PUT", body: "première version" })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(viewport: typeof DESKTOP, name: string) {
    const context = await browser.newContext({ viewport, locale: "fr-FR", baseURL: server.url });
    const page = await context.newPage();
    onTestFailed(() => screenshot(page, `failure-sharing-${name}`));
    return { context, page, errors: watchForErrors(page, EXPECTED) };
  }

  async function logIn(page: Page, login = "admin", password = ADMIN_PASSWORD) {
    await logInThroughForm(page, login, password);
  }

  /** The listing's way in: the item's menu, then "Détails", opens the sidebar beside the listing. */
  async function openDetails(page: Page, name: string): Promise<Locator> {
    await page.getByRole("button", { name: `Actions pour « ${name} »` }).click();
    await page.getByRole("button", { name: "Détails", exact: true }).click();
    const sidebar = page.getByRole("complementary", { name: `Détails de ${name}` });
    await sidebar.waitFor();
    return sidebar;
  }

  async function close(context: BrowserContext, errors: string[]) {
    await context.close();
    expect(errors).toEqual([]);
  }

  it("shares a folder with a person and by a protected link, which opens in a fresh browser", async () => {
    const { context, page, errors } = await open(DESKTOP, "link");
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await logIn(page);
    const sidebar = await openDetails(page, "Bureau");
    await sidebar.getByRole("tab", { name: "Partage" }).click();
    expect(await sidebar.getByRole("tab", { name: "Partage" }).getAttribute("aria-selected")).toBe("true");
    expect(await sidebar.getByRole("tab", { name: "Versions" }).count()).toBe(0); // a folder has none

    // A person, found by the sharees search, with "Peut modifier".
    await sidebar.getByRole("combobox", { name: /Partager avec/ }).fill("Léa");
    await sidebar.getByRole("option", { name: /Léa Martin/ }).click();
    const withLea = sidebar.getByRole("group", { name: "Partagé avec Léa Martin" });
    await withLea.waitFor();
    expect(await withLea.getByLabel("Peut modifier").isChecked()).toBe(true);
    expect(await withLea.getByLabel("Peut créer").isVisible()).toBe(true); // a folder's toggles
    await withLea.getByLabel("Peut supprimer").uncheck();
    await expect.poll(async () => (await sharesOf("/Bureau")).find((s) => s.share_type === 0)?.permissions).toBe(1 | 2 | 4 | 16);
    expect((await sharesOf("/Bureau")).find((s) => s.share_type === 0)?.share_with).toBe("lea");

    // A link with a password and an expiry date.
    await sidebar.getByRole("button", { name: "Créer un lien de partage" }).click();
    const link = sidebar.getByRole("group", { name: "Lien de partage" });
    await link.waitFor();
    await link.getByRole("button", { name: "Options du lien" }).click();
    await link.getByLabel("Protéger par un mot de passe").check();
    await link.getByLabel("Mot de passe du lien").fill(LINK_PASSWORD);
    await link.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
    await expect.poll(() => link.getByText("Mot de passe enregistré.").isVisible()).toBe(true);
    const expiry = inDays(7);
    await link.getByLabel("Définir une date d'expiration").check();
    await link.getByLabel("Date d'expiration", { exact: true }).fill(expiry);
    await expect.poll(async () => (await sharesOf("/Bureau")).find((s) => s.share_type === 3)?.expiration).toBe(`${expiry} 00:00:00`);
    expect((await sharesOf("/Bureau")).find((s) => s.share_type === 3)?.password).not.toBeNull();
    await screenshot(page, "sharing-desktop-link-options");

    await link.getByRole("button", { name: "Copier le lien public" }).click();
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toMatch(new RegExp(`^${server.url}/s/[A-Za-z0-9]+$`));
    expect(await link.getByLabel("Adresse du lien").inputValue()).toBe(url);

    // Others: the internal link, and the sentence in the activity.
    expect(await sidebar.getByText("Ne fonctionne que pour les personnes ayant déjà accès").isVisible()).toBe(true);
    await sidebar.getByRole("tab", { name: "Activité" }).click();
    await expect.poll(() => sidebar.getByText("Vous avez partagé Bureau avec lea").count()).toBeGreaterThan(0);
    await screenshot(page, "sharing-desktop-activity");

    // A visitor with nothing but the link and its password sees the folder.
    const visitor = await browser.newContext({ viewport: DESKTOP, locale: "fr-FR" });
    const visitorPage = await visitor.newPage();
    const visitorErrors = watchForErrors(visitorPage);
    await visitorPage.goto(url);
    await visitorPage.getByLabel("Mot de passe").fill(LINK_PASSWORD);
    await visitorPage.getByRole("button", { name: "Valider" }).click();
    await expect.poll(() => visitorPage.getByText("ordre-du-jour.txt").isVisible()).toBe(true);
    await screenshot(visitorPage, "sharing-public-folder");
    await visitor.close();
    expect(visitorErrors).toEqual([]);
    await close(context, errors);
  });

  it("makes a file drop whose public page takes an upload that lands in the owner's folder", async () => {
    const { context, page, errors } = await open(DESKTOP, "drop");
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await logIn(page);
    const sidebar = await openDetails(page, "Devoirs");
    await sidebar.getByRole("tab", { name: "Partage" }).click();
    await sidebar.getByRole("button", { name: "Créer un lien de partage" }).click();
    const link = sidebar.getByRole("group", { name: "Lien de partage" });
    await link.getByRole("button", { name: "Options du lien" }).click();
    await link.getByLabel("Dépôt de fichiers (envoi uniquement)").check();
    await expect.poll(async () => (await sharesOf("/Devoirs")).find((s) => s.share_type === 3)?.permissions).toBe(4);
    await expect.poll(() => link.getByText("Dépôt de fichiers", { exact: true }).isVisible()).toBe(true);
    await link.getByRole("button", { name: "Copier le lien public" }).click();
    const url = await page.evaluate(() => navigator.clipboard.readText());

    const student = await browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const studentPage = await student.newPage();
    const studentErrors = watchForErrors(studentPage);
    await studentPage.goto(url);
    await studentPage.getByRole("heading", { name: "Déposer des fichiers" }).waitFor();
    await studentPage.getByLabel("Choisir des fichiers").setInputFiles([{ name: "devoir-lea.pdf", mimeType: "application/pdf", buffer: Buffer.from("le devoir de Léa") }]);
    await expect.poll(() => studentPage.getByText("Envoyé").count(), { timeout: 15_000 }).toBe(1);
    await student.close();
    expect(studentErrors).toEqual([]);

    // The owner finds it in the folder.
    await sidebar.getByRole("button", { name: "Fermer les détails" }).click();
    await page.getByRole("link", { name: "Devoirs", exact: true }).click();
    await page.waitForURL(/Devoirs/);
    await expect.poll(() => page.getByRole("link", { name: "devoir-lea.pdf" }).isVisible()).toBe(true);
    await screenshot(page, "sharing-desktop-drop-landed");
    await close(context, errors);
  });

  it("adds a comment and restores a version after the file was overwritten", async () => {
    const { context, page, errors } = await open(DESKTOP, "versions");
    await logIn(page);
    const sidebar = await openDetails(page, "compte-rendu.txt");
    await sidebar.getByRole("tab", { name: "Commentaires" }).click();
    const field = sidebar.getByLabel("Nouveau commentaire");
    await field.fill("Relu, c'est bon pour moi.");
    await field.press("Enter");
    await expect.poll(() => sidebar.getByText("Relu, c'est bon pour moi.").isVisible()).toBe(true);
    expect(await field.inputValue()).toBe("");
    expect(await sidebar.getByRole("listitem").filter({ hasText: "Relu" }).textContent()).toContain("à l'instant");
    await screenshot(page, "sharing-desktop-comments");
    // One's own comment: edited in place, or deleted after a confirmation.
    await sidebar.getByRole("button", { name: "Modifier le commentaire" }).click();
    await sidebar.getByLabel("Modifier le commentaire").fill("Relu et approuvé.");
    await sidebar.getByLabel("Modifier le commentaire").press("Enter");
    await expect.poll(() => sidebar.getByText("Relu et approuvé.").isVisible()).toBe(true);
    expect(await sidebar.getByText("(modifié)").isVisible()).toBe(true);
    await field.fill("Un commentaire de trop");
    await sidebar.getByRole("button", { name: "Envoyer" }).click();
    await sidebar.getByRole("listitem").filter({ hasText: "Un commentaire de trop" }).getByRole("button", { name: "Supprimer le commentaire" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Supprimer" }).click();
    await expect.poll(() => sidebar.getByText("Un commentaire de trop").count()).toBe(0);
    expect(await sidebar.getByText("Relu et approuvé.").isVisible()).toBe(true); // the confirmation's Escape or click closed only itself

    // Overwritten from elsewhere: the first content becomes a version.
    expect((await dav("/compte-rendu.txt", { method: "PUT", body: "deuxième version, fausse" })).ok).toBe(true);
    await sidebar.getByRole("tab", { name: "Versions" }).click();
    await sidebar.getByRole("button", { name: "Nommer la version" }).first().click();
    await sidebar.getByLabel(/Nom de la version du/).fill("Avant relecture");
    await sidebar.getByRole("button", { name: "Enregistrer le nom" }).click();
    await expect.poll(() => sidebar.getByText("Avant relecture").isVisible()).toBe(true);
    await sidebar.getByRole("button", { name: /Restaurer la version/ }).first().click();
    await page.getByRole("dialog").getByRole("button", { name: "Restaurer" }).click();
    await expect.poll(() => sidebar.getByText("Version restaurée.").isVisible()).toBe(true);
    expect(await (await dav("/compte-rendu.txt")).text()).toBe("première version");
    await screenshot(page, "sharing-desktop-versions");
    await close(context, errors);
  });

  it("shows the shares above an item, what was shared with you, and why you may not reshare", async () => {
    const { context, page, errors } = await open(DESKTOP, "others");
    await logIn(page);
    await page.getByRole("link", { name: "Bureau", exact: true }).click();
    await page.waitForURL(/Bureau/);
    let sidebar = await openDetails(page, "ordre-du-jour.txt");
    await sidebar.getByRole("tab", { name: "Partage" }).click();
    await sidebar.getByRole("button", { name: "Autres personnes ayant accès" }).click();
    await expect.poll(() => sidebar.getByText("Lien de partage, via /Bureau").isVisible()).toBe(true);
    expect(await sidebar.getByText("par Administrateur, via /Bureau").isVisible()).toBe(true);
    expect(await sidebar.getByText("Léa Martin").isVisible()).toBe(true);
    await context.close();
    expect(errors).toEqual([]);

    // Léa receives Bureau (she may reshare) and the minutes read-only (she may not).
    const minutes = await api("/ocs/v2.php/apps/files_sharing/api/v1/shares?format=json", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ path: "/compte-rendu.txt", shareType: "0", shareWith: "lea", permissions: "1" }),
    });
    expect(minutes.status).toBe(200);
    const lea = await open(DESKTOP, "recipient");
    await logIn(lea.page, "lea", LEA_PASSWORD);
    sidebar = await openDetails(lea.page, "Bureau");
    await sidebar.getByRole("tab", { name: "Partage" }).click();
    await expect.poll(() => sidebar.getByText("Partagé avec vous par Administrateur").isVisible()).toBe(true);
    expect(await sidebar.getByRole("combobox", { name: /Partager avec/ }).isVisible()).toBe(true);
    await sidebar.getByRole("button", { name: "Fermer les détails" }).click();
    sidebar = await openDetails(lea.page, "compte-rendu.txt");
    await sidebar.getByRole("tab", { name: "Partage" }).click();
    await expect.poll(() => sidebar.getByText("Partagé avec vous par Administrateur").isVisible()).toBe(true);
    expect(await sidebar.getByText("vous n'avez pas le droit de le repartager").isVisible()).toBe(true);
    expect(await sidebar.getByRole("combobox").count()).toBe(0);
    expect(await sidebar.getByRole("button", { name: "Créer un lien de partage" }).count()).toBe(0);
    await expect.poll(() => sidebar.getByText("Chargement…").count()).toBe(0);
    await screenshot(lea.page, "sharing-desktop-recipient");
    await close(lea.context, lea.errors);
  });

  it("takes the whole screen on a phone and closes with Escape", async () => {
    const { context, page, errors } = await open(PHONE, "phone");
    await logIn(page);
    const sidebar = await openDetails(page, "Bureau");
    await sidebar.getByRole("tab", { name: "Partage" }).click();
    await sidebar.getByRole("tab", { name: "Partage" }).press("ArrowRight"); // keyboard: the next tab
    await expect.poll(() => sidebar.getByRole("tab", { name: "Activité" }).getAttribute("aria-selected")).toBe("true");
    await sidebar.getByRole("tab", { name: "Activité" }).press("ArrowLeft");
    await expect.poll(() => sidebar.getByRole("tab", { name: "Partage" }).getAttribute("aria-selected")).toBe("true");
    const box = await sidebar.boundingBox();
    expect(box).toMatchObject({ x: 0, width: PHONE.width });
    await expect.poll(() => sidebar.getByRole("group", { name: "Partagé avec Léa Martin" }).isVisible()).toBe(true);
    await screenshot(page, "sharing-phone");
    await page.keyboard.press("Escape");
    await expect.poll(() => sidebar.count()).toBe(0);
    await close(context, errors);
  });
});
