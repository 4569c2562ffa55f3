import { beforeAll, describe, expect, it } from "vitest";
import { CREATE } from "../../workers/sharing/permission-bits";
import { call } from "../support/accounts";
import { enc } from "../support/dav";
import { hrefsOf, linkOwner, linkPage, PROPS, publicDav } from "./link-support";

const prof = linkOwner("prof-depot");

describe("a file drop (zone de dépôt)", () => {
  let token: string;
  beforeAll(async () => {
    await prof.seed();
    await prof.mkcol("/Devoirs 3e B");
    await prof.put("/Devoirs 3e B/copie-de-lucas.pdf", "la copie de Lucas");
    await prof.put("/Devoirs 3e B/Readme.md", "Barème : confidentiel");
    token = (await prof.link("/Devoirs 3e B", { permissions: CREATE, note: "Rendre avant vendredi" })).token;
  });

  it("shows an upload page only: no listing, a picker, its script from a file", async () => {
    const res = await linkPage(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    const body = await res.text();
    expect(body).toContain("Déposer des fichiers");
    expect(body).toContain("Rendre avant vendredi");
    expect(body).toContain('type="file" multiple');
    expect(body).toContain(`data-dav="/public.php/dav/files/${token}"`);
    expect(body).not.toContain("copie-de-lucas");
    expect(body).not.toMatch(/<script(?![^>]*\ssrc=)/);
    const script = await linkPage(token, "/file-drop.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("Content-Type")).toContain("javascript");
    expect(await script.text()).toContain('xhr.open("PUT"');
    expect((await linkPage(token, "/download?path=%2Fcopie-de-lucas.pdf")).status).toBe(404);
  });

  it("PROPFIND shows the root alone, of size 0, where files can only be added", async () => {
    const res = await publicDav(token, "PROPFIND", "/", { headers: { Depth: "1" }, body: PROPS });
    expect(res.status).toBe(207);
    const xml = await res.text();
    expect(hrefsOf(xml)).toEqual([`/public.php/dav/files/${token}/`]);
    expect(xml).toContain("<oc:size>0</oc:size>");
    expect(xml).toContain("<d:quota-used-bytes>0</d:quota-used-bytes>");
    expect(xml).toContain("<oc:permissions>CK</oc:permissions>");
    expect(xml).not.toContain("copie-de-lucas");
    // Not even the folder's note (its Readme) shows through a drop.
    const note = await publicDav(token, "PROPFIND", "/", {
      headers: { Depth: "0" },
      body: '<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:nc="http://nextcloud.org/ns"><d:prop><nc:rich-workspace/><nc:rich-workspace-file/></d:prop></d:propfind>',
    });
    expect(await note.text()).not.toContain("Barème");
    expect((await publicDav(token, "PROPFIND", "/copie-de-lucas.pdf", { headers: { Depth: "0" } })).status).toBe(404);
  });

  it("reads nothing: GET and HEAD answer 404", async () => {
    for (const method of ["GET", "HEAD"]) {
      expect((await publicDav(token, method, "/copie-de-lucas.pdf")).status, method).toBe(404);
      expect((await publicDav(token, method, "/")).status, method).toBe(404);
    }
  });

  it("keeps both files when a name is taken: rapport.pdf, rapport (2).pdf, rapport (3).pdf", async () => {
    expect((await publicDav(token, "PUT", "/rapport.pdf", { body: "rapport de Léa" })).status).toBe(201);
    const second = await publicDav(token, "PUT", "/rapport.pdf", { body: "rapport de Hugo" });
    expect(second.status).toBe(201);
    expect((await publicDav(token, "PUT", "/rapport.pdf", { body: "rapport de Inès" })).status).toBe(201);
    expect((await publicDav(token, "PUT", "/copie-de-lucas.pdf", { body: "tentative d'écrasement" })).status).toBe(201);
    expect(await prof.content("/Devoirs 3e B/rapport.pdf")).toBe("rapport de Léa");
    expect(await prof.content(`/Devoirs 3e B/${enc("rapport (2).pdf")}`)).toBe("rapport de Hugo");
    expect(await prof.content(`/Devoirs 3e B/${enc("rapport (3).pdf")}`)).toBe("rapport de Inès");
    expect(await prof.content("/Devoirs 3e B/copie-de-lucas.pdf")).toBe("la copie de Lucas");
    expect(await prof.content(`/Devoirs 3e B/${enc("copie-de-lucas (2).pdf")}`)).toBe("tentative d'écrasement");
    expect(second.headers.get("OC-FileId")).toMatch(/^\d{8}oc/);
  });

  it("the owner sees every dropped file in their own tree", async () => {
    const res = await call(`/remote.php/dav/files/prof-depot/${enc("Devoirs 3e B")}/`, { method: "PROPFIND", headers: { Depth: "1" }, auth: prof.auth });
    const names = hrefsOf(await res.text()).map((h) => decodeURIComponent(h.split("/").pop()!));
    expect(names).toEqual(expect.arrayContaining(["rapport.pdf", "rapport (2).pdf", "rapport (3).pdf", "copie-de-lucas.pdf", "copie-de-lucas (2).pdf"]));
  });

  it("refuses everything but adding files: MKCOL, DELETE, MOVE, COPY, PROPPATCH answer 403", async () => {
    const dest = { Destination: `/public.php/dav/files/${token}/autre.pdf` };
    const attempts: [string, string, RequestInit][] = [
      ["MKCOL", "/Dossier", {}],
      ["DELETE", "/rapport.pdf", {}],
      ["MOVE", "/rapport.pdf", { headers: dest }],
      ["COPY", "/rapport.pdf", { headers: dest }],
      ["PROPPATCH", "/", { body: '<?xml version="1.0"?><d:propertyupdate xmlns:d="DAV:"><d:set><d:prop><x:a xmlns:x="urn:x">1</x:a></d:prop></d:set></d:propertyupdate>' }],
    ];
    for (const [method, path, init] of attempts) expect((await publicDav(token, method, path, init)).status, method).toBe(403);
    expect((await publicDav(token, "PUT", "/sous-dossier/x.pdf", { body: "x" })).status).toBe(409);
    expect(await prof.content("/Devoirs 3e B/rapport.pdf")).toBe("rapport de Léa");
  });
});
