import { beforeAll, describe, expect, it } from "vitest";
import { enc } from "../../support/dav";
import { imageSources, linkOwner, linkPage, linkProofCookie, linkResource, submitLinkPassword } from "../../sharing/link-support";
import { PNG } from "./docx-fixture";

const secretaire = linkOwner("secretaire-lien");
const PASSWORD = "Compte-rendu-2026!";
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';

const MINUTES = (docId: number) => `# Compte rendu AG

**Présents** : 12 membres.

- Budget voté
- Sortie à Marseille

<script>alert("md")</script>

![Le bateau](.attachments.${docId}/bateau%20bleu.png)
![Pisteur](https://tracker.example/pixel.png)
[Piège](javascript:alert(1))
`;

describe("a document on a public link's page", () => {
  let docId: number;
  let otherId: number;
  beforeAll(async () => {
    await secretaire.seed();
    await secretaire.mkcol("/AG");
    await secretaire.put("/AG/Compte%20rendu%20AG.md", "");
    docId = (await secretaire.node("/AG/Compte rendu AG.md"))!.id;
    await secretaire.put("/AG/Compte%20rendu%20AG.md", MINUTES(docId));
    await secretaire.mkcol(`/AG/.attachments.${docId}`);
    await secretaire.files(`/AG/.attachments.${docId}/bateau%20bleu.png`, "PUT", { body: PNG });
    await secretaire.put(`/AG/.attachments.${docId}/logo.svg`, SVG);
    await secretaire.put("/AG/Budget.md", "# Budget\n");
    otherId = (await secretaire.node("/AG/Budget.md"))!.id;
    await secretaire.mkcol(`/AG/.attachments.${otherId}`);
    await secretaire.files(`/AG/.attachments.${otherId}/caisse.png`, "PUT", { body: PNG });
    await secretaire.put("/AG/notes.txt", "# pas un document");
  });

  it("shows the text, escaped, with the document's own picture served through the link and nothing from outside", async () => {
    const { token } = await secretaire.link("/AG/Compte rendu AG.md");
    const res = await linkPage(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    const body = await res.text();
    expect(body).toContain("<h1>Compte rendu AG</h1>");
    expect(body).toContain("<strong>Présents</strong>");
    expect(body).toContain("<li>Budget voté</li>");
    expect(body).toContain("&lt;script&gt;alert(&quot;md&quot;)&lt;/script&gt;");
    expect(body).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(body).not.toContain(`href="javascript:`);
    expect(body).not.toContain("tracker.example");
    expect(body).toContain("Pisteur");
    expect(imageSources(body)).toEqual([`/s/${token}/resource?key=bateau%20bleu.png`]);
    expect(body).toContain(`href="/s/${token}/download"`);

    const picture = await linkPage(token, "/resource?key=bateau%20bleu.png");
    expect(picture.status).toBe(200);
    expect(picture.headers.get("Content-Type")).toBe("image/png");
    expect(picture.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(new Uint8Array(await picture.arrayBuffer())).toEqual(PNG);
  });

  it("serves only the document's own pictures: not another document's, not its folder's files, not a path", async () => {
    const { token } = await secretaire.link("/AG/Compte rendu AG.md");
    expect((await linkResource(token, "caisse.png")).status).toBe(404);
    expect((await linkResource(token, `../.attachments.${otherId}/caisse.png`)).status).toBe(404);
    expect((await linkResource(token, "../notes.txt")).status).toBe(404);
    expect((await linkResource(token, "notes.txt")).status).toBe(404);
    expect((await linkResource(token, "")).status).toBe(404);
    // An SVG picture can carry script: it is sent sandboxed, as a download an <img> still shows.
    const svg = await linkResource(token, "logo.svg");
    expect(svg.status).toBe(200);
    expect(svg.headers.get("Content-Security-Policy")).toContain("sandbox");
    expect(svg.headers.get("Content-Disposition")).toMatch(/^attachment/);
    await svg.body?.cancel();
  });

  it("answers nothing for a file no plugin shows, and for a link that is gone", async () => {
    const { token } = await secretaire.link("/AG/notes.txt");
    expect((await linkResource(token, "bateau bleu.png")).status).toBe(404);
    const page = await (await linkPage(token)).text();
    expect(page).not.toContain("<h1># pas un document");
    expect((await linkResource("Inconnu123456789", "bateau bleu.png")).status).toBe(404);
  });

  it("keeps the text and its pictures behind the link's password", async () => {
    const { token } = await secretaire.link("/AG/Compte rendu AG.md", { password: PASSWORD });
    const locked = await (await linkPage(token)).text();
    expect(locked).toContain('name="password"');
    expect(locked).not.toContain("Présents");
    expect((await linkResource(token, "bateau bleu.png")).status).toBe(401);
    const cookie = linkProofCookie(await submitLinkPassword(token, PASSWORD));
    const open = await linkPage(token, "", { headers: { Cookie: cookie } });
    expect(await open.text()).toContain("<strong>Présents</strong>");
    const picture = await linkPage(token, "/resource?key=bateau%20bleu.png", { headers: { Cookie: cookie } });
    expect(picture.status).toBe(200);
    await picture.body?.cancel();
  });

  it("shows the text without a Download button when the link hides downloads", async () => {
    const { token } = await secretaire.link("/AG/Compte rendu AG.md", { hideDownload: true });
    const body = await (await linkPage(token)).text();
    expect(body).toContain("<strong>Présents</strong>");
    expect(body).not.toContain("/download");
    const picture = await linkResource(token, "bateau bleu.png");
    expect(picture.status).toBe(200);
    await picture.body?.cancel();
  });

  it("opens a document of a shared folder on its own page, with its pictures and the way back", async () => {
    const { token } = await secretaire.link("/AG");
    const listing = await (await linkPage(token, "?view=list")).text();
    expect(listing).toContain(`<a href="/s/${token}?path=%2FCompte%20rendu%20AG.md">Compte rendu AG.md</a>`);
    expect(listing).toContain(`href="/s/${token}/download?path=%2Fnotes.txt"`);
    // The pictures' folders are hidden, as in Files.
    expect(listing).not.toContain(".attachments.");

    const page = await linkPage(token, `?path=${encodeURIComponent("/Compte rendu AG.md")}`);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain("<strong>Présents</strong>");
    expect(body).toContain("Retour au dossier");
    expect(body).toContain(`href="/s/${token}/download?path=%2FCompte%20rendu%20AG.md"`);
    const [src] = imageSources(body);
    expect(src).toBe(`/s/${token}/resource?path=%2FCompte%20rendu%20AG.md&key=bateau%20bleu.png`);
    const picture = await linkPage(token, src!.slice(`/s/${token}`.length));
    expect(new Uint8Array(await picture.arrayBuffer())).toEqual(PNG);
    // Another document's picture is not reached through this one.
    expect((await linkResource(token, "caisse.png", "/Compte rendu AG.md")).status).toBe(404);
    const other = await linkResource(token, "caisse.png", "/Budget.md");
    expect(other.status).toBe(200);
    await other.body?.cancel();
    expect((await linkResource(token, "caisse.png", `/../${enc("x")}`)).status).toBe(400);
  });
});
