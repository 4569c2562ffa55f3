import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import type { Browser } from "playwright-core";
import { chromiumAvailable, launchChromium, screenshot, watchForErrors } from "./support/browser";
import { basicAuth, startServer, type RunningServer } from "./support/server";

const ADMIN_PASSWORD = "Bureau-Codep-34!";
const LINK_PASSWORD = "Devoirs-3eB!";
const PHONE = { width: 390, height: 844 };

// No request of the pages may fail: the form, the script, the uploads.
const EXPECTED: { status: number; path: string }[] = [];

describe.skipIf(!chromiumAvailable())("a file drop in chromium, on a phone", () => {
  let server: RunningServer;
  let browser: Browser;
  const admin = () => basicAuth("admin", ADMIN_PASSWORD);

  /** A new folder of the admin's, shared as an upload-only link; the link's address. */
  async function dropLink(folder: string, password?: string): Promise<string> {
    expect((await fetch(`${server.url}/remote.php/dav/files/admin/${folder}`, { method: "MKCOL", headers: { Authorization: admin() } })).status).toBe(201);
    const created = await fetch(`${server.url}/ocs/v2.php/apps/files_sharing/api/v1/shares?format=json`, {
      method: "POST",
      headers: { Authorization: admin(), "OCS-APIREQUEST": "true", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ path: `/${folder}`, shareType: "3", permissions: "4", ...(password ? { password } : {}) }),
    });
    return ((await created.json()) as { ocs: { data: { url: string } } }).ocs.data.url;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ adminPassword: ADMIN_PASSWORD }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("takes the password, then uploads each picked file with progress, keeping both on a name clash", async () => {
    const link = await dropLink("Devoirs", LINK_PASSWORD);
    const context = await browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await context.newPage();
    onTestFailed(() => screenshot(page, "public-link-drop-failure"));
    const errors = watchForErrors(page, EXPECTED);

    await page.goto(link);
    await page.getByLabel("Mot de passe").fill(LINK_PASSWORD);
    await page.getByRole("button", { name: "Valider" }).click();
    await page.getByRole("heading", { name: "Déposer des fichiers" }).waitFor();
    await page.getByLabel("Choisir des fichiers").setInputFiles([
      { name: "rapport.pdf", mimeType: "application/pdf", buffer: Buffer.from("rapport de Léa") },
      { name: "rapport.pdf", mimeType: "application/pdf", buffer: Buffer.from("rapport de Hugo") },
    ]);
    await expect.poll(() => page.getByText("Envoyé").count(), { timeout: 15_000 }).toBe(2);
    await screenshot(page, "public-link-drop-phone");

    const listing = await fetch(`${server.url}/remote.php/dav/files/admin/Devoirs/`, { method: "PROPFIND", headers: { Authorization: admin(), Depth: "1" } });
    const xml = await listing.text();
    expect(xml).toContain("/Devoirs/rapport.pdf");
    expect(xml).toContain("/Devoirs/rapport%20(2).pdf");
    await context.close();
    expect(errors).toEqual([]);
  });

  it("sends files picked before its script has loaded, as on a slow phone", async () => {
    const link = await dropLink("Lent");
    const context = await browser.newContext({ viewport: PHONE, locale: "fr-FR" });
    const page = await context.newPage();
    onTestFailed(() => screenshot(page, "public-link-drop-slow-failure"));
    // The script is held back until the files are picked.
    let picked!: () => void;
    const pickedFiles = new Promise<void>((resolve) => (picked = resolve));
    await page.route("**/file-drop.js", async (route) => {
      await pickedFiles;
      await route.continue();
    });
    await page.goto(link, { waitUntil: "commit" });
    await page.getByRole("heading", { name: "Déposer des fichiers" }).waitFor();
    await page.getByLabel("Choisir des fichiers").setInputFiles([{ name: "devoir.txt", mimeType: "text/plain", buffer: Buffer.from("devoir d'Inès") }]);
    picked();
    await expect.poll(() => page.getByText("Envoyé").count(), { timeout: 15_000 }).toBe(1);
    const file = await fetch(`${server.url}/remote.php/dav/files/admin/Lent/devoir.txt`, { headers: { Authorization: admin() } });
    expect(await file.text()).toBe("devoir d'Inès");
    await context.close();
  });
});
