import { Buffer } from "node:buffer";
import mammoth from "mammoth";
import { beforeAll, describe, expect, it } from "vitest";
import { seedAdmin } from "../../support/accounts";
import { ADMIN } from "../../support/dav";
import { provisionUser } from "../../support/orgs";
import { mkcol, share, type Auth } from "../../sharing/support";
import { PNG } from "./docx-fixture";
import { api, openRoom, typeInto, upload } from "./support";

const MINUTES = `# Compte rendu

**Présents** : Léa, *Hugo* et ~~Marc~~.

- Budget
- Sorties
  - plongée

1. Ouverture
2. Vote

- [x] Convocation envoyée
- [ ] PV signé

| Poste | Montant |
| --- | --- |
| Cotisations | 1 200 € |

> Une citation

\`\`\`
code brut
\`\`\`

Voir [le site](https://asso.example) et \`npm start\`.
`;

describe("exporting a document", () => {
  let owner: Auth;
  let reader: Auth;
  let stranger: Auth;
  let docId: number;
  beforeAll(async () => {
    await seedAdmin();
    owner = await provisionUser(ADMIN, "exp-owner");
    reader = await provisionUser(ADMIN, "exp-reader");
    stranger = await provisionUser(ADMIN, "exp-stranger");
    await mkcol(owner, "/CR");
    docId = await upload(owner, "/CR/Compte%20rendu.md", MINUTES);
    await mkcol(owner, `/CR/.attachments.${docId}`);
    await upload(owner, `/CR/.attachments.${docId}/logo%20club.png`, PNG);
    await share(owner, { path: "/CR", shareType: "0", shareWith: reader[0], permissions: "1" });
  });

  it("gives the Markdown with what was typed a moment ago, as a download", async () => {
    const peer = await openRoom(docId, owner[0]);
    await typeInto(peer, docId, owner[0], `${MINUTES}\nAjouté en séance.\n`);
    const res = await api(owner, "GET", `/api/docs/${docId}/export?format=md`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe("attachment; filename*=UTF-8''Compte%20rendu.md");
    expect(await res.text()).toContain("Ajouté en séance.");
    peer.close();
  });

  it("gives a standalone HTML page with the pictures inside and nothing that runs", async () => {
    const id = await upload(owner, "/CR/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.md", `# Titre\n\n<script>alert(1)</script>\n\n[piège](javascript:alert(1))\n\n![Logo](.attachments.${docId}/logo%20club.png)\n`);
    const res = await api(owner, "GET", `/api/docs/${id}/export?format=html`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; /);
    expect(res.headers.get("Content-Security-Policy")).toContain("sandbox");
    const html = await res.text();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain("<title>&#60;img src=x onerror=alert(1)&#62;</title>");
    expect(html).toContain('<meta http-equiv="Content-Security-Policy"');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script");
    expect(html).not.toContain('href="javascript:');
    // The picture lives in another document's folder: not this one's, so it is not embedded.
    expect(html).not.toContain("data:image/png");

    await upload(owner, "/CR/Compte%20rendu.md", `${MINUTES}\n![Logo](.attachments.${docId}/logo%20club.png)\n`);
    const own = await (await api(owner, "GET", `/api/docs/${docId}/export?format=html`)).text();
    expect(own).toContain(`<img src="data:image/png;base64,${btoa(String.fromCharCode(...PNG))}" alt="Logo">`);
    expect(own).toContain("<h1>Compte rendu</h1>");
    expect(own).toContain("<table>");
    // Task lists read as boxes, ticked or not, rather than as "[x]".
    expect(own).toContain('<li class="task">☑ Convocation envoyée</li>');
    expect(own).toContain('<li class="task">☐ PV signé</li>');
  });

  it("builds a Word file that Word readers open with headings, marks, lists, tables, links and pictures", async () => {
    const res = await api(owner, "GET", `/api/docs/${docId}/export?format=docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(res.headers.get("Content-Disposition")).toBe("attachment; filename*=UTF-8''Compte%20rendu.docx");
    const pictures: string[] = [];
    const { value: html } = await mammoth.convertToHtml(
      { buffer: Buffer.from(await res.arrayBuffer()) },
      { convertImage: mammoth.images.imgElement(async (image) => (pictures.push(image.contentType), { src: "x" })) },
    );
    expect(html).toContain("<h1>Compte rendu</h1>");
    expect(html).toContain("<strong>Présents</strong>");
    expect(html).toContain("<em>Hugo</em>");
    expect(html).toContain("<s>Marc</s>");
    expect(html).toMatch(/<ul><li>Budget<\/li><li>Sorties<ul><li>plongée<\/li><\/ul><\/li><\/ul>/);
    expect(html).toContain("<ol><li>Ouverture</li><li>Vote</li></ol>");
    expect(html).toContain("☒ Convocation envoyée");
    expect(html).toContain("☐ PV signé");
    expect(html).toContain("<tr><th><p><strong>Poste</strong></p></th><th><p><strong>Montant</strong></p></th></tr></thead><tbody><tr><td><p>Cotisations</p></td>");
    expect(html).toContain('<a href="https://asso.example">le site</a>');
    expect(html).toContain("code brut");
    expect(pictures).toEqual(["image/png"]);
  });

  it("is open to readers; strangers get 404 and an unknown format 400", async () => {
    expect((await api(reader, "GET", `/api/docs/${docId}/export?format=md`)).status).toBe(200);
    expect((await api(stranger, "GET", `/api/docs/${docId}/export?format=md`)).status).toBe(404);
    expect((await api(owner, "GET", `/api/docs/${docId}/export?format=pdf`)).status).toBe(400);
    expect((await api(owner, "GET", `/api/docs/99999999/export?format=md`)).status).toBe(404);
  });
});
