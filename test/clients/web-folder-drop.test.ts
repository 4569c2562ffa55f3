import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { chromiumAvailable, launchChromium, screenshot, watchForErrors } from "./support/browser";
import { basicAuth, startServer, type RunningServer } from "./support/server";

const ADMIN_PASSWORD = "Bureau-Codep-34!";
const DESKTOP = { width: 1280, height: 800 };

/**
 * A folder dragged from the desktop, as the operating system hands it to chromium: the drag goes
 * through chromium's own input pipeline (CDP Input.dispatchDragEvent with real paths), so the page
 * gets a DataTransfer whose item is a directory entry backed by the disk, exactly as from a file
 * manager. A DataTransfer built in the page (web-upload.test.ts) can only carry files.
 */
describe.skipIf(!chromiumAvailable())("a folder dropped from the desktop in chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  const admin = basicAuth("admin", ADMIN_PASSWORD);
  const davPath = (path: string) => `${server.url}/remote.php/dav/files/admin${path.split("/").map(encodeURIComponent).join("/")}`;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ adminPassword: ADMIN_PASSWORD }), launchChromium()]);
    expect((await fetch(davPath("/Dépôt"), { method: "MKCOL", headers: { Authorization: admin } })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Everything below a folder of admin's, by WebDAV: path → size (folders end with "/" and have none). */
  async function tree(path: string): Promise<Record<string, number | null>> {
    const res = await fetch(davPath(path), { method: "PROPFIND", headers: { Authorization: admin, Depth: "1" } });
    expect(res.status).toBe(207);
    const xml = await res.text();
    const found: Record<string, number | null> = {};
    const prefix = `/remote.php/dav/files/admin${path}/`;
    for (const response of xml.split("<d:response>").slice(1)) {
      const href = decodeURIComponent(/<d:href>([^<]+)<\/d:href>/.exec(response)![1]!);
      if (!href.startsWith(prefix) || href === prefix) continue; // the folder itself
      const name = href.slice(prefix.length);
      if (name.endsWith("/")) {
        found[name] = null;
        for (const [below, size] of Object.entries(await tree(`${path}/${name.slice(0, -1)}`))) found[`${name}${below}`] = size;
      } else {
        found[name] = Number(/<d:getcontentlength>(\d+)<\/d:getcontentlength>/.exec(response)?.[1]);
      }
    }
    return found;
  }

  async function logIn(page: Page) {
    await page.goto("/login");
    await page.getByLabel("Identifiant ou adresse e-mail").fill("admin");
    await page.getByLabel("Mot de passe", { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL("**/files");
  }

  const stateOf = (page: Page, label: string) =>
    page.locator(".upload-item", { has: page.getByText(label, { exact: true }) }).locator(".upload-state").textContent();

  it("uploads a dropped folder with its subfolders, an empty one, and a file dropped beside it", async () => {
    const desktop = mkdtempSync(join(tmpdir(), "cumulus-drop-"));
    const root = join(desktop, "Sortie été");
    mkdirSync(join(root, "Photos", "Jour 1"), { recursive: true });
    mkdirSync(join(root, "Vidéos à trier"));
    const photo = randomBytes(150_000);
    writeFileSync(join(root, "programme.txt"), "Plongée à Sète, départ 8 h");
    writeFileSync(join(root, "Photos", "groupe.jpg"), randomBytes(90_000));
    writeFileSync(join(root, "Photos", "Jour 1", "épave.jpg"), photo);
    writeFileSync(join(desktop, "liste des présents.csv"), "nom;présent\nLéa;oui\n");

    const context = await browser.newContext({ viewport: DESKTOP, locale: "fr-FR", baseURL: server.url });
    const page = await context.newPage();
    onTestFailed(() => screenshot(page, "folder-drop-failure").catch(() => undefined));
    const errors = watchForErrors(page, [{ status: 401, path: "/api/auth/me" }]);
    await logIn(page);
    await page.goto(`/files?dir=${encodeURIComponent("/Dépôt")}`);
    await page.locator(".files-toolbar .upload-button").waitFor();

    // What the OS gives chromium for a drag of these two icons from a file manager: their paths.
    const box = (await page.locator(".files-drop-area").boundingBox())!;
    const at = { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
    const data = { items: [], files: [root, join(desktop, "liste des présents.csv")], dragOperationsMask: 1 };
    const cdp = await context.newCDPSession(page);
    await cdp.send("Input.dispatchDragEvent", { type: "dragEnter", ...at, data });
    await cdp.send("Input.dispatchDragEvent", { type: "dragOver", ...at, data });
    await expect.poll(() => page.locator(".upload-drop-overlay").textContent(), { timeout: 10_000 }).toBe("Déposez vos fichiers ou dossiers ici pour les envoyer dans « Dépôt »");
    await cdp.send("Input.dispatchDragEvent", { type: "drop", ...at, data });

    for (const label of ["Sortie été/programme.txt", "Sortie été/Photos/groupe.jpg", "Sortie été/Photos/Jour 1/épave.jpg", "liste des présents.csv"]) {
      await expect.poll(() => stateOf(page, label), { timeout: 30_000 }).toBe("Envoyé");
    }
    await expect.poll(() => page.locator(".upload-panel-title").textContent(), { timeout: 10_000 }).toBe("4 fichiers envoyés");
    await expect.poll(() => page.locator(".files-page").getByText("Sortie été", { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await screenshot(page, "folder-drop-desktop");

    // The server holds the whole tree, names as they were, the empty folder included.
    expect(await tree("/Dépôt")).toEqual({
      "Sortie été/": null,
      "Sortie été/Photos/": null,
      "Sortie été/Photos/Jour 1/": null,
      "Sortie été/Photos/Jour 1/épave.jpg": 150_000,
      "Sortie été/Photos/groupe.jpg": 90_000,
      "Sortie été/Vidéos à trier/": null,
      "Sortie été/programme.txt": Buffer.byteLength("Plongée à Sète, départ 8 h"),
      "liste des présents.csv": Buffer.byteLength("nom;présent\nLéa;oui\n"),
    });
    const stored = await fetch(davPath("/Dépôt/Sortie été/Photos/Jour 1/épave.jpg"), { headers: { Authorization: admin } });
    expect(Buffer.from(await stored.arrayBuffer()).equals(photo)).toBe(true);
    expect(await (await fetch(davPath("/Dépôt/Sortie été/programme.txt"), { headers: { Authorization: admin } })).text()).toBe("Plongée à Sète, départ 8 h");

    await context.close();
    expect(errors).toEqual([]);
  });
});
