import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page, Request, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { chromiumAvailable, type ExpectedFailure, launchChromium, logInThroughForm, screenshot, SCREENSHOT_DIR, watchForErrors } from "./support/browser";
import { basicAuth, startServer, type RunningServer } from "./support/server";

const ADMIN_PASSWORD = "Bureau-Codep-34!";
const SMALL_USER = { id: "camille", password: "Petit-Quota-34!" };
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const MiB = 1024 * 1024;
/** Any request of a chunked upload, for page.unroute (which matches the pattern given to page.route). */
const UPLOADS = /\/remote\.php\/dav\/uploads\//;
// Answers, not faults: the app asks /api/auth/me before anyone logs in.
const LOGIN: ExpectedFailure[] = [{ status: 401, path: "/api/auth/me" }];

/** A picture of the page as it is now: with a request held on purpose, the network is never idle. */
const snapshot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

const sha1 = (bytes: Uint8Array) => createHash("sha1").update(bytes).digest("hex");

/** One chunk of a chunked upload: `/remote.php/dav/uploads/admin/<transfer>/<n>`. */
const chunkNumber = (url: string) => /\/remote\.php\/dav\/uploads\/[^/]+\/[^/]+\/(\d+)$/.exec(new URL(url).pathname)?.[1];

describe.skipIf(!chromiumAvailable())("uploads in the web app, in chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  const admin = () => basicAuth("admin", ADMIN_PASSWORD);
  const dav = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}/remote.php/dav/files/admin${path.split("/").map(encodeURIComponent).join("/")}`, { ...init, headers: { Authorization: admin(), ...init.headers } });

  /** The bytes the server holds at a path of admin's files, or null. */
  async function stored(path: string): Promise<Uint8Array | null> {
    const res = await dav(path);
    return res.status === 200 ? new Uint8Array(await res.arrayBuffer()) : null;
  }

  async function uploadsLeft(user = "admin", auth = admin()): Promise<number> {
    const res = await fetch(`${server.url}/remote.php/dav/uploads/${user}/`, { method: "PROPFIND", headers: { Authorization: auth, Depth: "1" } });
    return ((await res.text()).match(/<d:response>/g)?.length ?? 1) - 1;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ adminPassword: ADMIN_PASSWORD }), launchChromium()]);
    for (const folder of ["/Envois", "/Gros", "/Coupure", "/Annulation", "/Reprise", "/Dossiers", "/Glisser", "/Dépôt"]) expect((await dav(folder, { method: "MKCOL" })).status).toBe(201);
    const created = await fetch(`${server.url}/ocs/v2.php/cloud/users?format=json`, {
      method: "POST",
      headers: { Authorization: admin(), "OCS-APIREQUEST": "true", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ userid: SMALL_USER.id, password: SMALL_USER.password, quota: "1 MB" }),
    });
    expect(created.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(viewport: typeof DESKTOP, expected: ExpectedFailure[] = []) {
    const context = await browser.newContext({ viewport, locale: "fr-FR", baseURL: server.url });
    const page = await context.newPage();
    onTestFailed(() => screenshot(page, `upload-failure-${viewport.width}`).catch(() => undefined));
    return { context, page, errors: watchForErrors(page, [...LOGIN, ...expected]) };
  }

  async function logIn(page: Page, login = "admin", password = ADMIN_PASSWORD) {
    await logInThroughForm(page, login, password);
  }

  async function openFolder(page: Page, dir: string) {
    await page.goto(`/files?dir=${encodeURIComponent(dir)}`);
    await page.locator(".files-toolbar .upload-button").waitFor();
  }

  /** Picks files (or a folder) through the toolbar's "Envoyer des fichiers" menu, as a person does. */
  async function pickFiles(page: Page, files: Parameters<import("playwright-core").FileChooser["setFiles"]>[0], entry = "Envoyer des fichiers") {
    const chooser = page.waitForEvent("filechooser");
    await page.locator(".files-toolbar .upload-button").click();
    await page.locator(".menu-panel").getByRole("button", { name: entry }).click();
    await (await chooser).setFiles(files);
  }

  const row = (page: Page, name: string) => page.locator(".upload-item", { has: page.getByText(name, { exact: true }) });
  const stateOf = (page: Page, name: string) => row(page, name).locator(".upload-state").textContent();
  const barOf = (page: Page, name: string) => page.getByRole("progressbar", { name: `Progression de « ${name} »` });
  const barValue = (page: Page, name: string) => barOf(page, name).evaluate((bar) => ({ value: (bar as HTMLProgressElement).value, max: (bar as HTMLProgressElement).max }));

  async function close(context: BrowserContext, errors: string[], allowed: RegExp[] = []) {
    await context.close();
    expect(errors.filter((e) => !allowed.some((pattern) => pattern.test(e)))).toEqual([]);
  }

  /** A big file on disk, so that it keeps its modification time when picked again after a reload. */
  function bigFile(name: string, size: number): { path: string; bytes: Buffer } {
    const bytes = randomBytes(size);
    const path = join(mkdtempSync(join(tmpdir(), "cumulus-upload-")), name);
    writeFileSync(path, bytes);
    utimesSync(path, new Date("2026-03-01T10:00:00Z"), new Date("2026-03-01T10:00:00Z"));
    return { path, bytes };
  }

  it("uploads two small files with the button, each with its progress, then asks about a name clash", async () => {
    const { context, page, errors } = await open(DESKTOP);
    await logIn(page);
    await openFolder(page, "/Envois");
    const notes = Buffer.from("Compte rendu de la réunion du bureau\n".repeat(2000));
    const photo = randomBytes(3 * MiB);
    await pickFiles(page, [
      { name: "compte rendu.txt", mimeType: "text/plain", buffer: notes },
      { name: "photo.jpg", mimeType: "image/jpeg", buffer: photo },
    ]);
    for (const name of ["compte rendu.txt", "photo.jpg"]) {
      await expect.poll(() => stateOf(page, name), { timeout: 20_000 }).toBe("Envoyé");
      const bar = await barValue(page, name);
      expect(bar.value).toBe(bar.max);
    }
    await expect.poll(() => page.locator(".upload-panel-title").textContent(), { timeout: 10_000 }).toBe("2 fichiers envoyés");
    expect(await page.getByRole("progressbar", { name: "Progression totale" }).getAttribute("aria-valuetext")).toMatch(/sur/);
    // The listing shows them without a reload.
    await expect.poll(() => page.locator(".files-page").getByText("photo.jpg", { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await screenshot(page, "upload-desktop-small-files");
    expect(sha1((await stored("/Envois/compte rendu.txt"))!)).toBe(sha1(notes));
    expect(sha1((await stored("/Envois/photo.jpg"))!)).toBe(sha1(photo));

    // The same name again: the question, and "Garder les deux" keeps both.
    await page.getByRole("button", { name: "Fermer le panneau des envois" }).click();
    await pickFiles(page, [{ name: "compte rendu.txt", mimeType: "text/plain", buffer: Buffer.from("nouvelle version") }]);
    const dialog = page.getByRole("dialog", { name: "Ce nom est déjà pris" });
    await expect.poll(() => dialog.textContent(), { timeout: 10_000 }).toContain("« compte rendu.txt » existe déjà dans ce dossier.");
    await screenshot(page, "upload-desktop-conflict");
    await dialog.getByRole("button", { name: "Garder les deux" }).click();
    await expect.poll(() => stateOf(page, "compte rendu (2).txt"), { timeout: 20_000 }).toBe("Envoyé");
    expect(new TextDecoder().decode((await stored("/Envois/compte rendu (2).txt"))!)).toBe("nouvelle version");
    expect(sha1((await stored("/Envois/compte rendu.txt"))!)).toBe(sha1(notes));
    await close(context, errors);
  });

  it("sends a 25 MB file in chunks, the progress bar moving as each one lands", async () => {
    const { context, page, errors } = await open(DESKTOP);
    await logIn(page);
    await openFolder(page, "/Gros");
    const file = bigFile("vidéo AG.mp4", 25 * MiB + 123);
    const sent: string[] = [];
    page.on("request", (request: Request) => {
      if (request.url().includes("/remote.php/dav/uploads/")) sent.push(`${request.method()} ${chunkNumber(request.url()) ?? new URL(request.url()).pathname.split("/").pop()}`);
    });
    // The last chunk waits until the test has seen the bar part-way.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(UPLOADS, async (route: Route) => {
      if (chunkNumber(route.request().url()) !== "3") return route.continue();
      await held;
      await route.continue();
    });
    await pickFiles(page, file.path);
    await expect.poll(async () => (await barValue(page, "vidéo AG.mp4")).value, { timeout: 30_000 }).toBeGreaterThanOrEqual(20 * MiB);
    const midway = await barValue(page, "vidéo AG.mp4");
    expect(midway.value).toBeLessThan(midway.max);
    expect(await stateOf(page, "vidéo AG.mp4")).toMatch(/^Envoi en cours/);
    await snapshot(page, "upload-desktop-chunked-midway");
    release();
    await expect.poll(() => stateOf(page, "vidéo AG.mp4"), { timeout: 30_000 }).toBe("Envoyé");
    await page.unroute(UPLOADS);
    expect(sent).toEqual(["MKCOL " + sent[0]!.split(" ")[1], "PUT 1", "PUT 2", "PUT 3", "MOVE .file"]);
    const bytes = (await stored("/Gros/vidéo AG.mp4"))!;
    expect(bytes.length).toBe(file.bytes.length);
    expect(sha1(bytes)).toBe(sha1(file.bytes));
    // The file keeps its own modification time (X-OC-Mtime).
    const props = await (await dav("/Gros/vidéo AG.mp4", { method: "PROPFIND", headers: { Depth: "0" } })).text();
    expect(props).toContain("Sun, 01 Mar 2026 10:00:00 GMT");
    expect(await uploadsLeft()).toBe(0);
    await close(context, errors);
  });

  it("cancels a chunked upload: the request stops and the server drops its chunks", async () => {
    const { context, page, errors } = await open(DESKTOP);
    await logIn(page);
    await openFolder(page, "/Annulation");
    const file = bigFile("archives.zip", 22 * MiB);
    let reached!: (transfer: string) => void;
    const secondChunk = new Promise<string>((resolve) => (reached = resolve));
    const routes: Route[] = [];
    await page.route(UPLOADS, (route: Route) => {
      if (chunkNumber(route.request().url()) !== "2") return route.continue();
      routes.push(route); // never answered: the upload is cancelled meanwhile
      reached(new URL(route.request().url()).pathname.replace(/\/2$/, ""));
    });
    await pickFiles(page, file.path);
    const transfer = await secondChunk;
    const chunksOnServer = async () => {
      const res = await fetch(`${server.url}${transfer}`, { method: "PROPFIND", headers: { Authorization: admin(), Depth: "1" } });
      return res.status === 404 ? null : ((await res.text()).match(/<d:response>/g)?.length ?? 1) - 1;
    };
    expect(await chunksOnServer()).toBe(1);
    await snapshot(page, "upload-desktop-before-cancel");
    await page.getByRole("button", { name: "Annuler l'envoi de « archives.zip »" }).click();
    await expect.poll(() => stateOf(page, "archives.zip"), { timeout: 10_000 }).toBe("Annulé");
    await expect.poll(() => chunksOnServer(), { timeout: 10_000 }).toBeNull();
    expect(await stored("/Annulation/archives.zip")).toBeNull();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("cumulus.upload:")))).toEqual([]);
    await screenshot(page, "upload-desktop-cancelled");
    await page.unroute(UPLOADS);
    for (const route of routes) await route.abort().catch(() => undefined);
    await close(context, errors);
  });

  it("resumes after a network drop, sending again only the chunks the server lacks", async () => {
    const { context, page, errors } = await open(DESKTOP);
    await logIn(page);
    await openFolder(page, "/Coupure");
    const file = bigFile("sauvegarde.tar", 25 * MiB + 7);
    const requests: string[] = [];
    page.on("request", (request: Request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith("/remote.php/dav/uploads/")) requests.push(`${request.method()} ${chunkNumber(request.url()) ?? url.pathname.split("/").pop()}`);
    });
    let dropped = false;
    await page.route(UPLOADS, async (route: Route) => {
      if (dropped || chunkNumber(route.request().url()) !== "2") return route.continue();
      dropped = true;
      await route.abort("internetdisconnected");
    });
    await pickFiles(page, file.path);
    await expect.poll(() => stateOf(page, "sauvegarde.tar"), { timeout: 20_000 }).toMatch(/Connexion perdue, nouvelle tentative dans \d+ s/);
    await screenshot(page, "upload-desktop-network-drop");
    await expect.poll(() => stateOf(page, "sauvegarde.tar"), { timeout: 60_000 }).toBe("Envoyé");
    await page.unroute(UPLOADS);
    // Chunk 1 went once; after the drop the upload folder was listed, then 2 and 3 were sent.
    expect(requests.filter((r) => r === "PUT 1")).toHaveLength(1);
    expect(requests.filter((r) => r === "PUT 2")).toHaveLength(2);
    const retried = requests.lastIndexOf("PUT 2");
    expect(requests.slice(requests.indexOf("PUT 2") + 1, retried)).toContain(`PROPFIND ${requests[0]!.split(" ")[1]}`);
    const bytes = (await stored("/Coupure/sauvegarde.tar"))!;
    expect(bytes.length).toBe(file.bytes.length);
    expect(sha1(bytes)).toBe(sha1(file.bytes));
    await close(context, errors, [/ERR_INTERNET_DISCONNECTED.*\/remote\.php\/dav\/uploads\/admin\/[^/]+\/2\)$/]);
  });

  it("resumes after a reload when the same file is picked again", async () => {
    const { context, page, errors } = await open(DESKTOP);
    await logIn(page);
    await openFolder(page, "/Reprise");
    const file = bigFile("photos.tar", 25 * MiB);
    const put: string[] = [];
    page.on("request", (request: Request) => {
      const n = chunkNumber(request.url());
      if (n && request.method() === "PUT") put.push(n);
    });
    let reached!: () => void;
    const third = new Promise<void>((resolve) => (reached = resolve));
    const routes: Route[] = [];
    await page.route(UPLOADS, (route: Route) => {
      if (chunkNumber(route.request().url()) !== "3") return route.continue();
      routes.push(route);
      reached();
    });
    await pickFiles(page, file.path);
    await third;
    // The reload cuts the held request, as closing the laptop's lid would.
    await page.reload();
    await page.unroute(UPLOADS);
    for (const route of routes) await route.abort().catch(() => undefined);
    await page.locator(".files-toolbar .upload-button").waitFor();
    put.length = 0;
    await pickFiles(page, file.path);
    await expect.poll(() => stateOf(page, "photos.tar"), { timeout: 30_000 }).toBe("Envoyé");
    expect(put).toEqual(["3"]);
    expect(sha1((await stored("/Reprise/photos.tar"))!)).toBe(sha1(file.bytes));
    expect(await uploadsLeft()).toBe(0);
    // The reload cut the held chunk's request: chromium reports it.
    await close(context, errors, [/\/remote\.php\/dav\/uploads\/admin\/[^/]+\/3\)$/]);
  });

  it("uploads a picked folder with its subfolders, into a folder of that name", async () => {
    const { context, page, errors } = await open(DESKTOP);
    await logIn(page);
    await openFolder(page, "/Dossiers");
    const root = join(mkdtempSync(join(tmpdir(), "cumulus-folder-")), "Sortie été");
    mkdirSync(join(root, "Photos", "Jour 1"), { recursive: true });
    writeFileSync(join(root, "programme.txt"), "Plongée à Sète");
    writeFileSync(join(root, "Photos", "Jour 1", "épave.jpg"), randomBytes(200_000));
    writeFileSync(join(root, "Photos", "groupe.jpg"), randomBytes(100_000));
    await pickFiles(page, root, "Envoyer un dossier");
    for (const label of ["Sortie été/programme.txt", "Sortie été/Photos/groupe.jpg", "Sortie été/Photos/Jour 1/épave.jpg"]) {
      await expect.poll(() => stateOf(page, label), { timeout: 20_000 }).toBe("Envoyé");
    }
    expect(new TextDecoder().decode((await stored("/Dossiers/Sortie été/programme.txt"))!)).toBe("Plongée à Sète");
    expect((await stored("/Dossiers/Sortie été/Photos/Jour 1/épave.jpg"))?.length).toBe(200_000);
    await expect.poll(() => page.locator(".files-page").getByText("Sortie été", { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await close(context, errors);
  });

  it("takes files dropped from the desktop onto the listing, showing where they will go", async () => {
    const { context, page, errors } = await open(DESKTOP);
    await logIn(page);
    await openFolder(page, "/Glisser");
    const dataTransfer = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(["ordre du jour"], "ordre du jour.txt", { type: "text/plain" }));
      data.items.add(new File(["budget"], "budget.csv", { type: "text/csv" }));
      return data;
    });
    const area = page.locator(".files-drop-area");
    await area.dispatchEvent("dragenter", { dataTransfer });
    await area.dispatchEvent("dragover", { dataTransfer });
    await expect.poll(() => page.locator(".upload-drop-overlay").textContent(), { timeout: 10_000 }).toBe("Déposez vos fichiers ou dossiers ici pour les envoyer dans « Glisser »");
    await snapshot(page, "upload-desktop-drop-overlay");
    await area.dispatchEvent("drop", { dataTransfer });
    expect(await page.locator(".upload-drop-overlay").count()).toBe(0);
    for (const name of ["ordre du jour.txt", "budget.csv"]) await expect.poll(() => stateOf(page, name), { timeout: 20_000 }).toBe("Envoyé");
    expect(new TextDecoder().decode((await stored("/Glisser/budget.csv"))!)).toBe("budget");
    await close(context, errors);
  });

  /** Everything below a folder of admin's, by WebDAV: path → size (folders end with "/" and have none). */
  async function tree(path: string): Promise<Record<string, number | null>> {
    const res = await dav(path, { method: "PROPFIND", headers: { Depth: "1" } });
    expect(res.status).toBe(207);
    const found: Record<string, number | null> = {};
    const prefix = `/remote.php/dav/files/admin${path}/`;
    for (const response of (await res.text()).split("<d:response>").slice(1)) {
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

  /**
   * A folder dragged from the desktop, as the operating system hands it to chromium: the drag goes
   * through chromium's own input pipeline (CDP Input.dispatchDragEvent with paths on disk), so the
   * page gets a directory entry backed by the disk, as from a file manager. A DataTransfer built in
   * the page (the test above) can only carry files.
   */
  it("takes a folder dropped from the desktop, with its subfolders, an empty one, and a file dropped beside it", async () => {
    const desktop = mkdtempSync(join(tmpdir(), "cumulus-drop-"));
    const root = join(desktop, "Sortie été");
    mkdirSync(join(root, "Photos", "Jour 1"), { recursive: true });
    mkdirSync(join(root, "Vidéos à trier"));
    const photo = randomBytes(150_000);
    writeFileSync(join(root, "programme.txt"), "Plongée à Sète, départ 8 h");
    writeFileSync(join(root, "Photos", "groupe.jpg"), randomBytes(90_000));
    writeFileSync(join(root, "Photos", "Jour 1", "épave.jpg"), photo);
    writeFileSync(join(desktop, "liste des présents.csv"), "nom;présent\nLéa;oui\n");

    const { context, page, errors } = await open(DESKTOP);
    await logIn(page);
    await openFolder(page, "/Dépôt");
    const box = (await page.locator(".files-drop-area").boundingBox())!;
    const at = { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
    // What the OS gives chromium for a drag of these two icons from a file manager: their paths.
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
    await screenshot(page, "upload-desktop-folder-drop");
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
    expect(sha1((await stored("/Dépôt/Sortie été/Photos/Jour 1/épave.jpg"))!)).toBe(sha1(photo));
    expect(new TextDecoder().decode((await stored("/Dépôt/Sortie été/programme.txt"))!)).toBe("Plongée à Sète, départ 8 h");
    await close(context, errors);
  });

  it("says 'Espace insuffisant' when the quota is full, for one request and for chunks, on a phone", async () => {
    const auth = basicAuth(SMALL_USER.id, SMALL_USER.password);
    const root = await fetch(`${server.url}/api/files/root`, { headers: { Authorization: auth } });
    const rootId = ((await root.json()) as { node: { id: number } }).node.id;
    const { context, page, errors } = await open(PHONE, [{ status: 507, path: `/api/files/${rootId}/content` }]);
    await logIn(page, SMALL_USER.id, SMALL_USER.password);
    await page.locator(".files-toolbar .upload-button").waitFor();
    await pickFiles(page, [
      { name: "affiche.pdf", mimeType: "application/pdf", buffer: randomBytes(2 * MiB) },
      { name: "film.mp4", mimeType: "video/mp4", buffer: randomBytes(11 * MiB) },
    ]);
    for (const name of ["affiche.pdf", "film.mp4"]) await expect.poll(() => stateOf(page, name), { timeout: 20_000 }).toBe("Échec : Espace insuffisant");
    await expect.poll(() => page.locator(".upload-panel-title").textContent(), { timeout: 10_000 }).toBe("Aucun fichier envoyé, 2 échecs");
    await screenshot(page, "upload-phone-quota");
    const box = await page.locator(".upload-panel").boundingBox();
    expect(box?.width).toBe(PHONE.width);
    expect(await uploadsLeft(SMALL_USER.id, auth)).toBe(0);
    // The chunked upload's MKCOL is refused over WebDAV: chromium logs that 507 with the upload's URL.
    await close(context, errors, [/status of 507.*\/remote\.php\/dav\/uploads\/camille\/web-[^/]+\)$/]);
  });
});
