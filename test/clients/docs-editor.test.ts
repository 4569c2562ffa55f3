import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import type { Browser, BrowserContext, Page, WebSocketRoute } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { chromiumAvailable, launchChromium, screenshot, watchForErrors } from "./support/browser";
import { basicAuth, startServer, type RunningServer } from "./support/server";

const PASSWORDS = { admin: "Bureau-Codep-34!", lea: "Plongee-Codep-34!", hugo: "Lecture-Codep-34!" } as const;
type Who = keyof typeof PASSWORDS;
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };
/** A 64×64 blue PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAIAAAAlC+aJAAAAeElEQVR4nO3PQQkAMAzAwLqdq2mtiD2OQSACLjPn/p0XNKAFDWhBA1rQgBY0oAUNaEEDWtCAFjSgBQ1oQQNa0IAWNKAFDWhBA1rQgBY0oAUNaEEDWtCAFjSgBQ1oQQNa0IAWNKAFDWhBA1rQgBY0oAUNaEEDWvDWAmAZUPGyzJVFAAAAAElFTkSuQmCC",
  "base64",
);
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

describe.skipIf(!chromiumAvailable())("the documents editor in chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  let docId: number;
  const shareIds: Partial<Record<Who, number>> = {};
  const opened: { context: BrowserContext; errors: string[] }[] = [];

  const dav = (user: Who, path: string, init: RequestInit = {}) =>
    fetch(`${server.url}/remote.php/dav/files/${user}${path}`, { ...init, headers: { Authorization: basicAuth(user, PASSWORDS[user]), ...init.headers } });
  const ocs = (user: Who, path: string, form: Record<string, string>) =>
    fetch(`${server.url}/ocs/v2.php${path}?format=json`, {
      method: "POST",
      headers: { Authorization: basicAuth(user, PASSWORDS[user]), "OCS-APIREQUEST": "true", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });
  const fileText = async () => (await dav("admin", "/Compte%20rendu%20AG.md")).text();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ adminPassword: PASSWORDS.admin }), launchChromium()]);
    for (const [userid, displayName] of [
      ["lea", "Léa Martin"],
      ["hugo", "Hugo Bernard"],
    ] as const) {
      expect((await ocs("admin", "/cloud/users", { userid, password: PASSWORDS[userid], displayName })).status).toBe(200);
    }
    const put = await dav("admin", "/Compte%20rendu%20AG.md", { method: "PUT", body: "# Compte rendu AG\n\nOrdre du jour.\n" });
    expect(put.status).toBe(201);
    docId = Number(put.headers.get("OC-FileId")!.slice(0, 8));
    expect((await dav("admin", "/Photos", { method: "MKCOL" })).status).toBe(201);
    expect((await dav("admin", "/Photos/sortie.png", { method: "PUT", body: PNG })).status).toBe(201);
    // Léa may write, Hugo may only read.
    for (const [shareWith, permissions] of [
      ["lea", "3"],
      ["hugo", "1"],
    ] as const) {
      const shared = await ocs("admin", "/apps/files_sharing/api/v1/shares", { path: "/Compte rendu AG.md", shareType: "0", shareWith, permissions });
      expect(shared.status).toBe(200);
      shareIds[shareWith] = ((await shared.json()) as { ocs: { data: { id: number | string } } }).ocs.data.id as number;
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A browser context logged in through the API (the login form has its own test), on the phone or a desktop. */
  async function login(who: Who, viewport = DESKTOP, locale = "fr-FR") {
    const context = await browser.newContext({ viewport, locale, baseURL: server.url });
    const answer = await context.request.post("/api/auth/login", { data: { login: who, password: PASSWORDS[who] } });
    expect(answer.status()).toBe(200);
    const page = await context.newPage();
    onTestFailed(() => screenshot(page, `docs-editor-failure-${who}`));
    // What the server said last, for a failure seen only in CI.
    onTestFailed(() => console.log(`server log (end):\n${server.output().slice(-6_000)}`));
    const errors = watchForErrors(page);
    opened.push({ context, errors });
    return { context, page, errors };
  }

  const editorOf = (page: Page) => page.getByRole("textbox", { name: "Contenu du document" });
  const saveStatus = (page: Page) => page.locator(".docs-save");

  async function openDocument(page: Page, saved = "Enregistré") {
    await page.goto(`/apps/docs/document/${docId}`);
    await poll(() => editorOf(page).textContent()).toContain("Ordre du jour.");
    await poll(() => saveStatus(page).textContent()).toBe(saved);
  }

  /**
   * Moves the caret with `key` until the page's selection is where `reached` says. A remote change
   * landing between the key and ProseMirror reading the new DOM selection puts the caret back where it
   * was (y-prosemirror restores the selection it saved): a person presses the key again, and so do we.
   */
  async function caretTo(page: Page, key: string, reached: () => boolean) {
    await poll(async () => {
      await page.keyboard.press(key);
      return page.evaluate(reached);
    }).toBe(true);
  }

  /** Types at the end of the document, in a new paragraph. */
  async function typeAtEnd(page: Page, text: string) {
    await editorOf(page).click();
    await caretTo(page, "Control+End", () => {
      const selection = getSelection();
      const last = document.querySelector(".docs-prose")?.lastElementChild;
      const node = selection?.anchorNode;
      return !!node && !!last?.contains(node) && selection!.anchorOffset === (node.nodeType === Node.TEXT_NODE ? node.textContent!.length : node.childNodes.length);
    });
    await page.keyboard.press("Enter");
    await page.keyboard.type(text);
  }

  /** Types at the start of the document's first line (its title). */
  async function typeAtStart(page: Page, text: string) {
    await editorOf(page).getByRole("heading").first().click();
    await caretTo(page, "Home", () => {
      const selection = getSelection();
      const first = document.querySelector(".docs-prose")?.firstElementChild;
      return !!selection?.anchorNode && !!first?.contains(selection.anchorNode) && selection.anchorOffset === 0;
    });
    await page.keyboard.type(text);
  }

  it("lets two people type at once, each seeing the other's text and caret, and writes the Markdown to the file", async () => {
    const [admin, lea] = await Promise.all([login("admin"), login("lea")]);
    await Promise.all([openDocument(admin.page), openDocument(lea.page)]);
    expect(await admin.page.title()).toBe("Compte rendu AG.md – Cumulus");
    expect(await editorOf(admin.page).getAttribute("contenteditable")).toBe("true");

    // Both type at once, in different places (y-prosemirror matches two new empty paragraphs created at
    // the very same spot by content alone, so each keystroke race there may land in the other's paragraph).
    await Promise.all([typeAtEnd(admin.page, "Présents : Léa, Hugo."), typeAtStart(lea.page, "Brouillon : ")]);
    for (const page of [admin.page, lea.page]) {
      await poll(() => editorOf(page).textContent()).toContain("Présents : Léa, Hugo.");
      await poll(() => editorOf(page).getByRole("heading").textContent()).toContain("Brouillon : ");
    }
    // Who is here, and where the other one is typing.
    await poll(() => admin.page.getByRole("region", { name: "Présents" }).textContent()).toContain("Léa Martin");
    await poll(() => admin.page.locator(".collaboration-carets__label").allTextContents()).toContain("Léa Martin");
    await poll(() => lea.page.locator(".collaboration-carets__label").allTextContents()).toContain("Administrateur");
    await poll(() => saveStatus(admin.page).textContent()).toBe("Enregistré");
    await screenshot(admin.page, "docs-editor-two-people");

    // Formatting through the toolbar reaches the others as Markdown structure.
    await admin.page.keyboard.press("Enter");
    await admin.page.getByRole("button", { name: "Liste de tâches" }).click();
    await admin.page.keyboard.type("Envoyer le compte rendu");
    await poll(() => lea.page.locator('ul[data-type="taskList"] li > div').textContent()).toContain("Envoyer le compte rendu");
    expect(await lea.page.getByRole("checkbox", { name: "Tâche à faire : Envoyer le compte rendu" }).count()).toBe(1);

    // The room writes the Markdown back after a pause in typing, and at once when the last editor leaves.
    await Promise.all([admin.context.close(), lea.context.close()]);
    // A regular expression rather than a yes/no, so that a failure shows what the file holds.
    await poll(fileText).toMatch(/^# Brouillon : Compte rendu AG\n[^]*Présents : Léa, Hugo\.[^]*- \[ \] Envoyer le compte rendu/);
  });

  it("shows a read-only share the live document, in English, and lets it change nothing", async () => {
    const hugo = await login("hugo", PHONE, "en-GB");
    const editorLabel = hugo.page.getByRole("textbox", { name: "Document content" });
    await hugo.page.goto(`/apps/docs/document/${docId}`);
    await poll(() => editorLabel.textContent()).toContain("Ordre du jour.");
    await poll(() => saveStatus(hugo.page).textContent()).toBe("Saved");
    await poll(() => hugo.page.getByRole("note").textContent()).toBe("Read only: you can read this document but not change it.");
    expect(await editorLabel.getAttribute("contenteditable")).toBe("false");
    await poll(() => editorLabel.textContent()).toContain("Envoyer le compte rendu");
    expect(await editorLabel.getByRole("heading").count()).toBe(1);
    expect(await hugo.page.getByRole("toolbar", { name: "Formatting" }).count()).toBe(0);
    expect(await hugo.page.getByRole("button", { name: "Export" }).isVisible()).toBe(true);
    const before = await fileText();
    await editorLabel.click();
    await hugo.page.keyboard.type("Hugo écrit ici");
    await hugo.page.keyboard.press("Enter");
    expect(await editorLabel.textContent()).not.toContain("Hugo écrit ici");
    await screenshot(hugo.page, "docs-editor-read-only-phone");
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await fileText()).toBe(before);
    await hugo.context.close();
  });

  it("keeps an offline edit across a reload and merges it on reconnection", async () => {
    const [admin, lea] = await Promise.all([login("admin"), login("lea", PHONE)]);
    // The document's socket goes through a route the test can cut: Chromium's offline mode alone holds
    // frames on an open socket and sends them when it comes back, which is not a network loss.
    let blocked = false;
    const open: WebSocketRoute[] = [];
    await admin.page.routeWebSocket(/\/collab\//, (ws) => {
      if (blocked) return void ws.close();
      open.push(ws);
      ws.connectToServer();
    });
    await Promise.all([openDocument(admin.page), openDocument(lea.page)]);

    blocked = true;
    await Promise.all(open.map((ws) => ws.close()));
    await admin.context.setOffline(true);
    await poll(() => saveStatus(admin.page).textContent()).toBe("Hors ligne – les modifications seront fusionnées");
    await typeAtEnd(admin.page, "Ajouté hors ligne.");
    await new Promise((r) => setTimeout(r, 500)); // IndexedDB writes are asynchronous
    expect(await editorOf(lea.page).textContent()).not.toContain("Ajouté hors ligne.");

    // The network is back for the page but not for the document's socket: what IndexedDB kept shows after a reload.
    await admin.context.setOffline(false);
    await admin.page.reload();
    await poll(() => editorOf(admin.page).textContent()).toContain("Ajouté hors ligne.");
    await poll(() => saveStatus(admin.page).textContent()).toBe("Hors ligne – les modifications seront fusionnées");
    await screenshot(admin.page, "docs-editor-offline");
    expect(await editorOf(lea.page).textContent()).not.toContain("Ajouté hors ligne.");

    blocked = false;
    await poll(() => saveStatus(admin.page).textContent()).toBe("Enregistré");
    await poll(() => editorOf(lea.page).textContent()).toContain("Ajouté hors ligne.");
    await screenshot(lea.page, "docs-editor-phone");
    await Promise.all([admin.context.close(), lea.context.close()]);
    await poll(fileText).toContain("Ajouté hors ligne.");
  });

  it("closes the editor of a share that was taken back, and keeps its later typing out of the file", async () => {
    const lea = await login("lea");
    await openDocument(lea.page);
    const shareApi = `${server.url}/ocs/v2.php/apps/files_sharing/api/v1/shares/${shareIds.lea}?format=json`;
    const unshared = await fetch(shareApi, { method: "DELETE", headers: { Authorization: basicAuth("admin", PASSWORDS.admin), "OCS-APIREQUEST": "true" } });
    expect(unshared.status).toBe(200);
    // A writer's rights are confirmed again at its next change, at most a few seconds after the last check.
    await new Promise((r) => setTimeout(r, 2_100));
    // Where the caret lands does not matter here, and the editor may already have closed.
    await editorOf(lea.page).click();
    await lea.page.keyboard.type("Après le retrait");
    await poll(() => saveStatus(lea.page).textContent()).toBe("Vous n'avez plus accès à ce document.");
    await poll(() => editorOf(lea.page).getAttribute("contenteditable")).toBe("false");
    await lea.context.close();
    expect(await fileText()).not.toContain("Après le retrait");
  });

  it("opens a Markdown file from Files, and creates a new document from the New menu", async () => {
    const { page } = await login("admin");
    await page.goto("/files");
    await page.getByRole("table", { name: "Tous les fichiers" }).getByRole("link", { name: "Compte rendu AG.md" }).click();
    await page.waitForURL(`**/apps/docs/document/${docId}`);
    await poll(() => editorOf(page).textContent()).toContain("Ordre du jour.");
    await page.getByRole("link", { name: "Retour au dossier" }).click();
    await page.waitForURL(/\/files(\?|$)/);

    await page.getByRole("button", { name: "Nouveau" }).click();
    await page.getByRole("button", { name: "Nouveau document" }).click();
    await poll(() => page.getByLabel("Nom du fichier").inputValue()).toBe("Document.md");
    await page.getByRole("button", { name: "Créer" }).click();
    await page.waitForURL("**/apps/docs/document/*");
    await poll(() => saveStatus(page).textContent()).toBe("Enregistré");
    await poll(() => editorOf(page).getAttribute("contenteditable")).toBe("true");
    await editorOf(page).click();
    await page.keyboard.type("Bonjour à tous");
    await poll(() => saveStatus(page).textContent()).toBe("Enregistré");
    await screenshot(page, "docs-editor-new-document");
    await page.close();
    await poll(async () => (await dav("admin", "/Document.md")).text()).toContain("Bonjour à tous");
  });

  it("inserts a picture from the user's files, takes a named snapshot and exports the document", async () => {
    const { page } = await login("admin");
    await openDocument(page);
    await editorOf(page).click();
    await page.keyboard.press("Control+End");
    await page.getByRole("button", { name: "Insérer une image" }).click();
    const picker = page.getByRole("dialog", { name: "Insérer une image" });
    await picker.getByRole("button", { name: "Photos" }).click();
    await picker.getByRole("button", { name: "Insérer « sortie.png »" }).click();
    // The document keeps the path beside the file; the browser reads the picture through the plugin's route.
    const picture = editorOf(page).locator('img[alt="sortie.png"]');
    await poll(() => picture.getAttribute("src")).toBe(`/api/docs/${docId}/attachments/sortie.png`);
    await poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);

    await page.getByRole("button", { name: "Prendre un instantané" }).click();
    const dialog = page.getByRole("dialog", { name: "Prendre un instantané" });
    await dialog.getByLabel("Nom de l'instantané").fill("Avant le vote");
    await dialog.getByRole("button", { name: "Enregistrer" }).click();
    await poll(() => page.locator("p.status").first().textContent()).toBe("Instantané « Avant le vote » enregistré : il apparaît dans l'onglet Versions.");

    await page.getByRole("button", { name: "Exporter" }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Word (.docx)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await screenshot(page, "docs-editor-picture");
    // An export writes the document back first.
    await poll(fileText).toContain(`](.attachments.${docId}/sortie.png)`);
  });

  it("imports a Word file opened from Files as a collaborative document beside it", async () => {
    const word = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: "Assemblée générale", heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ children: [new TextRun({ text: "Quorum atteint", bold: true }), new TextRun(", séance ouverte.")] }),
            new Paragraph({ text: "Rapport moral", bullet: { level: 0 } }),
            new Paragraph({ text: "Rapport financier", bullet: { level: 0 } }),
          ],
        },
      ],
    });
    const put = await dav("admin", "/Assembl%C3%A9e%20g%C3%A9n%C3%A9rale.docx", { method: "PUT", body: new Uint8Array(await Packer.toBuffer(word)) });
    expect(put.status).toBe(201);

    const { page } = await login("admin", PHONE);
    await page.goto("/files");
    await page.getByRole("link", { name: "Assemblée générale.docx" }).click();
    await page.waitForURL("**/apps/docs/import/*");
    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Assemblée générale.docx");
    expect(await page.getByRole("link", { name: "Télécharger le fichier Word" }).getAttribute("href")).toMatch(/^\/api\/files\/\d+\/content$/);
    await screenshot(page, "docs-import-phone");
    await page.getByRole("button", { name: "Importer comme document collaboratif" }).click();
    await page.waitForURL("**/apps/docs/document/*");
    await poll(() => editorOf(page).getByRole("heading").textContent()).toBe("Assemblée générale");
    await poll(() => editorOf(page).locator("strong").textContent()).toBe("Quorum atteint");
    const markdown = await (await dav("admin", "/Assembl%C3%A9e%20g%C3%A9n%C3%A9rale.md")).text();
    expect(markdown).toMatch(/^# Assemblée générale\n/);
    expect(markdown).toContain("- Rapport financier");
    await page.close();
  });

  it("lets a visitor of a link that allows editing co-edit under the name they give", async () => {
    const link = await ocs("admin", "/apps/files_sharing/api/v1/shares", { path: "/Compte rendu AG.md", shareType: "3", permissions: "3" });
    expect(link.status).toBe(200);
    const { url } = ((await link.json()) as { ocs: { data: { url: string } } }).ocs.data;
    const admin = await login("admin");
    await openDocument(admin.page);
    // A visitor without an account, on a phone.
    const context = await browser.newContext({ viewport: PHONE, locale: "fr-FR", baseURL: server.url });
    const page = await context.newPage();
    onTestFailed(() => screenshot(page, "docs-editor-failure-guest"));
    opened.push({ context, errors: watchForErrors(page) });
    await page.goto(new URL(url).pathname);
    await poll(() => page.locator("article.doc").textContent()).toContain("Ordre du jour.");
    await page.getByRole("link", { name: "Modifier le document" }).click();
    await page.getByLabel("Votre nom").fill("Camille");
    await page.getByRole("button", { name: "Ouvrir le document" }).click();
    await poll(() => editorOf(page).getAttribute("contenteditable")).toBe("true");
    // The document's picture shows through the link too.
    await poll(() => editorOf(page).locator("img").first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    // At the end of the agenda line, wherever the earlier tests left it in the document.
    await editorOf(page).locator("p", { hasText: "Ordre du jour." }).first().click();
    await caretTo(page, "End", () => {
      const selection = getSelection();
      const node = selection?.anchorNode;
      return node?.nodeType === Node.TEXT_NODE && node.textContent!.endsWith("Ordre du jour.") && selection!.anchorOffset === node.textContent!.length;
    });
    await page.keyboard.type(" Question de Camille.");
    await poll(() => editorOf(admin.page).textContent()).toContain("Ordre du jour. Question de Camille.");
    await poll(() => admin.page.locator(".collaboration-carets__label").allTextContents()).toContain("Camille (invité)");
    await poll(() => page.getByRole("region", { name: "Présents" }).textContent()).toContain("Administrateur");
    await poll(() => saveStatus(page).textContent()).toBe("Enregistré");
    await screenshot(page, "docs-editor-guest");
    await Promise.all([context.close(), admin.context.close()]);
    await poll(fileText).toContain("Ordre du jour. Question de Camille.");
  });

  it("ran without page or console errors", () => {
    expect(opened.flatMap((o) => o.errors)).toEqual([]);
  });
});
