import { beforeAll, describe, expect, it } from "vitest";
import { call, seedAdmin } from "../../support/accounts";
import { ADMIN } from "../../support/dav";
import { provisionUser } from "../../support/orgs";
import { files, mkcol, share, type Auth } from "../../sharing/support";
import { PNG } from "./docx-fixture";
import { api, upload } from "./support";

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';

const putPicture = (user: Auth, docId: number, name: string, body: BodyInit, type = "image/png") =>
  call(`/api/docs/${docId}/attachments/${encodeURIComponent(name)}`, { method: "PUT", auth: user, headers: { "Content-Type": type }, body });

describe("pictures in a document", () => {
  let owner: Auth;
  let editor: Auth;
  let reader: Auth;
  let stranger: Auth;
  let docId: number;
  let photoId: number;
  beforeAll(async () => {
    await seedAdmin();
    owner = await provisionUser(ADMIN, "att-owner");
    editor = await provisionUser(ADMIN, "att-editor");
    reader = await provisionUser(ADMIN, "att-reader");
    stranger = await provisionUser(ADMIN, "att-stranger");
    await mkcol(owner, "/Club");
    docId = await upload(owner, "/Club/Sortie.md", "# Sortie\n");
    photoId = await upload(owner, "/photo%20mer.png", PNG);
    // The document alone is shared, not its folder: its pictures must still reach the recipients.
    await share(owner, { path: "/Club/Sortie.md", shareType: "0", shareWith: editor[0], permissions: "3" });
    await share(owner, { path: "/Club/Sortie.md", shareType: "0", shareWith: reader[0], permissions: "1" });
  });

  it("copies a picture from the user's files into the document's attachment folder", async () => {
    const res = await api(owner, "POST", `/api/docs/${docId}/attachments`, { fileId: photoId });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ src: `.attachments.${docId}/photo%20mer.png`, name: "photo mer.png" });
    const copy = await files(owner, "GET", `/Club/.attachments.${docId}/photo%20mer.png`);
    expect(new Uint8Array(await copy.arrayBuffer())).toEqual(PNG);
    // Inserted again: a second file, the first one stays.
    const again = await api(owner, "POST", `/api/docs/${docId}/attachments`, { fileId: photoId });
    expect((await again.json<{ name: string }>()).name).toBe("photo mer (2).png");
  });

  it("takes an uploaded picture, from an editor of the document shared alone", async () => {
    const res = await putPicture(editor, docId, "collé.png", PNG);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ src: `.attachments.${docId}/coll%C3%A9.png`, name: "collé.png" });
  });

  it("serves a picture to anyone who may read the document, as a picture that is never sniffed", async () => {
    const res = await call(`/api/docs/${docId}/attachments/${encodeURIComponent("photo mer.png")}`, { auth: reader });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
    expect((await call(`/api/docs/${docId}/attachments/absente.png`, { auth: reader })).status).toBe(404);
  });

  it("serves SVG as a sandboxed download", async () => {
    expect((await putPicture(owner, docId, "schéma.svg", SVG, "image/svg+xml")).status).toBe(201);
    const res = await call(`/api/docs/${docId}/attachments/${encodeURIComponent("schéma.svg")}`, { auth: reader });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/svg+xml");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; /);
    expect(res.headers.get("Content-Security-Policy")).toContain("sandbox");
  });

  it("refuses what is not a picture", async () => {
    const textId = await upload(owner, "/notes.txt", "notes");
    expect((await api(owner, "POST", `/api/docs/${docId}/attachments`, { fileId: textId })).status).toBe(415);
    expect((await putPicture(owner, docId, "page.html", "<h1>x</h1>", "text/html")).status).toBe(415);
    expect((await putPicture(owner, docId, "faux.png", "<h1>x</h1>", "text/html")).status).toBe(415);
  });

  it("refuses pictures over 20 MB before reading them", async () => {
    const big = new ReadableStream({ start: (c) => (c.enqueue(new Uint8Array(10)), c.close()) });
    const res = await call(`/api/docs/${docId}/attachments/grande.png`, { method: "PUT", auth: owner, headers: { "Content-Type": "image/png", "Content-Length": String(21 * 1024 * 1024) }, body: big, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
  });

  it("refuses strangers (404) and readers' changes (403)", async () => {
    expect((await call(`/api/docs/${docId}/attachments/${encodeURIComponent("photo mer.png")}`, { auth: stranger })).status).toBe(404);
    expect((await putPicture(stranger, docId, "x.png", PNG)).status).toBe(404);
    expect((await api(stranger, "POST", `/api/docs/${docId}/attachments`, { fileId: photoId })).status).toBe(404);
    expect((await putPicture(reader, docId, "x.png", PNG)).status).toBe(403);
    // The reader's own picture, into a document they may only read.
    const own = await upload(reader, "/mien.png", PNG);
    expect((await api(reader, "POST", `/api/docs/${docId}/attachments`, { fileId: own })).status).toBe(403);
    // A picture the caller cannot see cannot be copied in.
    expect((await api(editor, "POST", `/api/docs/${docId}/attachments`, { fileId: photoId })).status).toBe(404);
  });
});
