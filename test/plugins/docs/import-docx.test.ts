import { Document, Packer, Paragraph } from "docx";
import { beforeAll, describe, expect, it } from "vitest";
import { seedAdmin } from "../../support/accounts";
import { ADMIN } from "../../support/dav";
import { provisionUser } from "../../support/orgs";
import { files, mkcol, share, type Auth } from "../../sharing/support";
import { htmlToDocument } from "../../../plugins/docs/import/html-to-doc";
import { serializeMarkdown } from "../../../plugins/docs/markdown/serialize";
import { PNG, minutesDocx } from "./docx-fixture";
import { api, text, upload } from "./support";

describe("importing a Word document", () => {
  let owner: Auth;
  let reader: Auth;
  let stranger: Auth;
  let docxId: number;
  beforeAll(async () => {
    await seedAdmin();
    owner = await provisionUser(ADMIN, "imp-owner");
    reader = await provisionUser(ADMIN, "imp-reader");
    stranger = await provisionUser(ADMIN, "imp-stranger");
    await mkcol(owner, "/AG");
    docxId = await upload(owner, "/AG/PV%20AG.docx", await minutesDocx());
    await share(owner, { path: "/AG", shareType: "0", shareWith: reader[0], permissions: "1" });
  });

  it("makes a Markdown document beside it, with headings, marks, lists, tables, links, breaks and pictures", async () => {
    const res = await api(owner, "POST", "/api/docs/import", { fileId: docxId });
    expect(res.status).toBe(201);
    const { file } = await res.json<{ file: { id: number; name: string } }>();
    expect(file.name).toBe("PV AG.md");
    const markdown = await text(owner, "/AG/PV%20AG.md");
    expect(markdown).toContain("# Procès-verbal de l'AG\n");
    expect(markdown).toContain("## Présents\n");
    expect(markdown).toContain("**Séance ouverte** à 18 h, *quorum atteint*~~, vote annulé~~");
    expect(markdown).toContain("- Rapport moral\n- Rapport financier\n");
    expect(markdown).toContain("| Poste | Montant |\n| --- | --- |\n| Cotisations | 1 200 € |");
    expect(markdown).toContain("Voir [le site](https://asso.example/ag)");
    expect(markdown).toContain("Ligne un\\\nLigne deux");
    expect(markdown).toContain(`![Logo](.attachments.${file.id}/image-1.png)`);
    // The picture is a file beside the document, where a desktop sync finds it too.
    const picture = await files(owner, "GET", `/AG/.attachments.${file.id}/image-1.png`);
    expect(picture.status).toBe(200);
    expect(new Uint8Array(await picture.arrayBuffer())).toEqual(PNG);
    // The empty file the import started from is no version anyone wrote.
    const { versions } = await (await api(owner, "GET", `/api/versions/${file.id}`)).json<{ versions: { size: number }[] }>();
    expect(versions.filter((v) => v.size === 0)).toEqual([]);
  });

  it("takes a free name when the document exists already", async () => {
    const res = await api(owner, "POST", "/api/docs/import", { fileId: docxId });
    expect(res.status).toBe(201);
    expect((await res.json<{ file: { name: string } }>()).file.name).toBe("PV AG (2).md");
  });

  it("imports a Word file without pictures in one write", async () => {
    await mkcol(owner, "/Simple");
    const docx = await Packer.toArrayBuffer(new Document({ sections: [{ children: [new Paragraph("Ordre du jour")] }] }));
    const id = await upload(owner, "/Simple/ODJ.docx", docx);
    const res = await api(owner, "POST", "/api/docs/import", { fileId: id });
    expect(res.status).toBe(201);
    expect(await text(owner, "/Simple/ODJ.md")).toBe("Ordre du jour\n");
    // No picture, no attachment folder.
    expect(await (await files(owner, "PROPFIND", "/Simple/", { headers: { Depth: "1" } })).text()).not.toContain(".attachments.");
    const { versions } = await (await api(owner, "GET", `/api/versions/${(await res.json<{ file: { id: number } }>()).file.id}`)).json<{ versions: unknown[] }>();
    expect(versions).toEqual([]);
  });

  it("answers a clear 4xx for what is not a readable Word file", async () => {
    const fake = await upload(owner, "/AG/faux.docx", "ceci n'est pas un zip");
    const res = await api(owner, "POST", "/api/docs/import", { fileId: fake });
    expect(res.status).toBe(422);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe("invalid_docx");
    const txt = await upload(owner, "/AG/notes.txt", "notes");
    expect((await api(owner, "POST", "/api/docs/import", { fileId: txt })).status).toBe(415);
    expect((await api(owner, "POST", "/api/docs/import", { fileId: "x" })).status).toBe(400);
  });

  it("refuses strangers (404) and readers who may not create in the folder (403)", async () => {
    expect((await api(stranger, "POST", "/api/docs/import", { fileId: docxId })).status).toBe(404);
    expect((await api(reader, "POST", "/api/docs/import", { fileId: docxId })).status).toBe(403);
    // A folder of their own takes it; someone else's folder is not found.
    const root = (await (await api(reader, "GET", "/api/files/root")).json<{ node: { id: number } }>()).node.id;
    const strangerRoot = (await (await api(stranger, "GET", "/api/files/root")).json<{ node: { id: number } }>()).node.id;
    expect((await api(reader, "POST", "/api/docs/import", { fileId: docxId, folderId: strangerRoot })).status).toBe(404);
    const res = await api(reader, "POST", "/api/docs/import", { fileId: docxId, folderId: root });
    expect(res.status).toBe(201);
    expect((await res.json<{ file: { name: string } }>()).file.name).toBe("PV AG.md");
  });
});

describe("Word's HTML to the editor's document", () => {
  it("keeps a valid document whatever the nesting", () => {
    const doc = htmlToDocument(
      `<h2>Titre <img src="a" alt="logo"/> <br/>suite</h2>
       <ul><li></li><li>un<ul><li>deux<table><tr><td><ul><li>trois</li></ul></td></tr></table></li></ul></li></ul>
       <p>texte <a href="javascript:alert(1)">piège</a> <a id="_Toc1"></a><sup><a href="#footnote-1">[1]</a></sup></p>
       <table><thead><tr><th colspan="2">Entête</th></tr></thead><tbody><tr><td>a</td><td><p>b</p><p>c</p></td></tr></tbody></table>
       <ol start="3"><li>trois</li></ol><pre>x &lt; y</pre><blockquote></blockquote>
       <ol><li id="footnote-1"><p>Note <a href="#footnote-ref-1">↑</a></p></li></ol>`,
      (src) => (src === "a" ? ".attachments.1/a.png" : null),
    );
    doc.check();
    const markdown = serializeMarkdown(doc);
    expect(markdown).toContain("## Titre ![logo](.attachments.1/a.png)");
    expect(markdown).not.toContain("javascript:");
    expect(markdown).toContain("texte piège \\[1\\]");
    expect(markdown).toContain("3. trois");
    expect(markdown).toContain("x < y");
  });

  it("gives an empty document for empty HTML", () => {
    const doc = htmlToDocument("", () => null);
    doc.check();
    expect(serializeMarkdown(doc)).toBe("");
  });
});
