import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { chromiumAvailable, launchChromium, logInThroughForm, screenshot, watchForErrors } from "./support/browser";
import { basicAuth, startServer, type RunningServer } from "./support/server";

// Creating an app password under Paramètres → Sécurité, shown once with its copy button, is web-app.test.ts's.
const ADMIN_PASSWORD = "Bureau-Codep-34!";
const MEMBER_PASSWORD = "Plongee-2024!";
const SPACE = "Partage Codep 34 - Bureau";
const EXPECTED = [{ status: 401, path: "/api/auth/me" }];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
/** Each of these waits on a server round trip; the suite shares its CPU with other tests, so a second is not always enough. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });
/** French number formats put a no-break space between a number and its unit. */
const plain = (text: string | null) => (text ?? "").replace(/\s/g, " ");

describe.skipIf(!chromiumAvailable())("settings and administration in chromium", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ adminPassword: ADMIN_PASSWORD }), launchChromium()]);
    // The member's account comes through the provisioning API: its screen is web-admin.test.ts's.
    const created = await fetch(`${server.url}/ocs/v2.php/cloud/users`, {
      method: "POST",
      headers: { Authorization: basicAuth("admin", ADMIN_PASSWORD), "OCS-APIREQUEST": "true", Accept: "application/json" },
      body: new URLSearchParams({ userid: "marie", password: MEMBER_PASSWORD, displayName: "Marie Curie" }),
    });
    expect(created.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open() {
    const context = await browser.newContext({ viewport: DESKTOP, locale: "fr-FR", baseURL: server.url });
    const page = await context.newPage();
    onTestFailed(() => screenshot(page, "failure-settings"));
    return { context, page, errors: watchForErrors(page, EXPECTED) };
  }

  async function logIn(page: Page, login: string, password: string) {
    await logInThroughForm(page, login, password);
  }

  async function goTo(page: Page, menuEntry: "Paramètres" | "Administration", section: string) {
    await page.getByRole("button", { name: /Menu du compte/ }).click();
    await page.getByRole("link", { name: menuEntry }).click();
    await page.getByRole("navigation", { name: menuEntry }).getByRole("link", { name: section }).click();
    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(section);
  }

  it("saves activity notification settings as they change, and they are still there after a reload", async () => {
    const { context, page, errors } = await open();
    await logIn(page, "admin", ADMIN_PASSWORD);
    await goTo(page, "Paramètres", "Activité");

    const createdByMail = page.getByLabel("Mail : Un nouveau fichier ou dossier a été créé");
    const sharedInStream = page.getByLabel("Flux : Un fichier ou dossier a été partagé", { exact: true });
    const favoritesOnly = page.getByLabel(/^Flux : Limiter les notifications de création et de modification/);
    expect(await createdByMail.isChecked()).toBe(false);
    expect(await sharedInStream.isChecked()).toBe(true);
    expect(await page.getByLabel(/^Mail : Limiter/).count()).toBe(0); // the favourites limit is for the stream only

    await createdByMail.check();
    await poll(() => page.getByRole("status").filter({ hasText: "Enregistré" }).isVisible()).toBe(true);
    await sharedInStream.uncheck();
    await favoritesOnly.check();
    await page.getByLabel("M'informer de mes propres actions par e-mail").check();
    await page.getByLabel("Envoyer les notifications d'activité par e-mail").selectOption({ label: "hebdomadairement" });
    await poll(async () => (await (await page.request.get("/api/activity/settings")).json()) as { settings: { mailFrequency: string } })
      .toMatchObject({ settings: { mailFrequency: "weekly", favoritesOnly: true, mailOwnActions: true } });
    await screenshot(page, "desktop-settings-activity");

    await page.reload();
    await poll(() => createdByMail.isChecked()).toBe(true);
    expect(await sharedInStream.isChecked()).toBe(false);
    expect(await favoritesOnly.isChecked()).toBe(true);
    expect(await page.getByLabel("Lister vos propres actions dans le flux").isChecked()).toBe(true);
    expect(await page.getByLabel("M'informer de mes propres actions par e-mail").isChecked()).toBe(true);
    expect(await page.getByLabel("Envoyer les notifications d'activité par e-mail").inputValue()).toBe("weekly");

    await page.setViewportSize(PHONE);
    await page.waitForTimeout(300); // the sidebar slides away as the window narrows
    await screenshot(page, "phone-settings-activity");
    await context.close();
    expect(errors).toEqual([]);
  });

  it("creates a space, gives a member write access, deletes another space after typing its name; the member finds the space", async () => {
    const { context, page, errors } = await open();
    await logIn(page, "admin", ADMIN_PASSWORD);
    await goTo(page, "Administration", "Espaces");

    const form = page.getByRole("form", { name: "Nouvel espace" });
    await form.getByLabel("Nom").fill(SPACE);
    await form.getByLabel("Quota").selectOption({ label: "5 Go" });
    await form.getByRole("button", { name: "Créer l'espace" }).click();
    const row = page.getByRole("row", { name: new RegExp(SPACE) });
    await poll(async () => plain(await row.textContent())).toContain("0 o utilisés sur 5 Go");
    expect(await row.textContent()).toContain("0 membre");

    // The new space opens for its members; Marie gets "Lecture et écriture".
    const panel = page.getByRole("region", { name: `Espace « ${SPACE} »` });
    await poll(() => panel.isVisible()).toBe(true);
    await panel.getByLabel("Identifiant", { exact: true }).fill("marie");
    await panel.getByLabel("Rôle", { exact: true }).selectOption({ label: "Lecture et écriture" });
    await panel.getByRole("button", { name: "Ajouter", exact: true }).click();
    await poll(() => panel.getByLabel("Rôle de Marie Curie").inputValue()).toBe("write");
    await poll(() => row.textContent()).toContain("1 membre");
    await panel.getByLabel(`Quota de « ${SPACE} »`).selectOption({ label: "10 Go" });
    await poll(async () => plain(await row.textContent())).toContain("sur 10 Go");
    await screenshot(page, "desktop-admin-spaces");

    // Deleting asks for the space's name first.
    await form.getByLabel("Nom").fill("Brouillon");
    await form.getByRole("button", { name: "Créer l'espace" }).click();
    await poll(() => page.getByRole("row", { name: /Brouillon/ }).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Supprimer « Brouillon »" }).click();
    const dialog = page.getByRole("dialog");
    const confirm = dialog.getByRole("button", { name: "Supprimer" });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel("Pour confirmer, tapez « Brouillon »").fill("Brouillo");
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel("Pour confirmer, tapez « Brouillon »").fill("Brouillon");
    await confirm.click();
    await poll(() => page.getByRole("row", { name: /Brouillon/ }).count()).toBe(0);
    expect(await row.isVisible()).toBe(true);

    await page.setViewportSize(PHONE);
    await page.waitForTimeout(300); // the sidebar slides away as the window narrows
    await screenshot(page, "phone-admin-spaces");
    await page.setViewportSize(DESKTOP);
    await page.getByRole("button", { name: /Menu du compte/ }).click();
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL("**/login");

    // Marie sees the space among her files and under Paramètres → Mes espaces.
    await logIn(page, "marie", MEMBER_PASSWORD);
    await poll(() => page.getByRole("row", { name: new RegExp(SPACE) }).isVisible()).toBe(true);
    const mine = (await (await page.request.get("/api/spaces")).json()) as { spaces: { name: string; path: string; role: string }[] };
    expect(mine.spaces).toEqual([expect.objectContaining({ name: SPACE, path: `/${SPACE}`, role: "write" })]);
    const folder = await page.request.get(`/api/files/by-path?path=${encodeURIComponent(`/${SPACE}`)}`);
    expect(folder.status()).toBe(200);
    await goTo(page, "Paramètres", "Mes espaces");
    const card = page.getByRole("region", { name: SPACE });
    await poll(() => card.textContent()).toContain("Votre rôle : Lecture et écriture");
    expect(await card.getByRole("link", { name: `Ouvrir « ${SPACE} » dans Fichiers` }).getAttribute("href")).toBe(`/files?dir=/${encodeURIComponent(SPACE)}`);
    expect(await card.getByRole("table").count()).toBe(0); // a writer does not manage members

    // English and back: the account's language follows.
    await page.getByRole("button", { name: /Menu du compte/ }).click();
    await page.getByLabel("Langue").selectOption("en");
    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("My spaces");
    await poll(() => card.textContent()).toContain("Your role: Read and write");
    await screenshot(page, "desktop-my-spaces-en");
    await page.getByLabel("Language").selectOption("fr");
    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Mes espaces");
    await page.keyboard.press("Escape");
    await page.reload();
    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Mes espaces");

    await context.close();
    expect(errors).toEqual([]);
  });

  it("edits an account's groups from the accounts list, deletes a group, and lists the apps with their state", async () => {
    const { context, page, errors } = await open();
    await logIn(page, "admin", ADMIN_PASSWORD);
    await goTo(page, "Administration", "Groupes");
    await page.getByLabel("Groupe", { exact: true }).fill("benevoles");
    await page.getByRole("button", { name: "Créer le groupe" }).click();
    await poll(() => page.getByRole("row", { name: /benevoles/ }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Supprimer le groupe admin" }).count()).toBe(0);

    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Comptes" }).click();
    const marie = page.getByRole("row", { name: /Marie Curie/ });
    await marie.getByText("Modifier").click();
    await marie.getByLabel("benevoles").check();
    await poll(() => page.getByText("Marie Curie fait désormais partie de benevoles.").isVisible()).toBe(true);
    const groupsOf = async () => ((await (await page.request.get("/ocs/v2.php/cloud/users/marie", { headers: { "OCS-APIREQUEST": "true", Accept: "application/json" } })).json()) as { ocs: { data: { groups: string[] } } }).ocs.data.groups;
    expect(await groupsOf()).toEqual(["benevoles"]);

    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Groupes" }).click();
    await page.getByRole("button", { name: "Supprimer le groupe benevoles" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Supprimer" }).click();
    await poll(() => page.getByRole("row", { name: /benevoles/ }).count()).toBe(0);
    expect(await groupsOf()).toEqual([]);

    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Applications" }).click();
    await poll(async () => plain(await page.getByRole("row", { name: /Documents/ }).textContent())).toContain("Activée");

    await context.close();
    expect(errors).toEqual([]);
  });
});
