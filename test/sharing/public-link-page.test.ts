import { beforeAll, describe, expect, it } from "vitest";
import { CREATE, DELETE, READ, UPDATE } from "../../workers/sharing/permission-bits";
import { enc } from "../support/dav";
import { createLink, linkOwner, linkPage } from "./link-support";
import { createSpaceWithManager } from "./space-support";

const prof = linkOwner("prof-page");
const EVIL = `<img src=x onerror=alert(1)>.txt`;

describe("a public link's web page", () => {
  let folder: string;
  let file: string;
  beforeAll(async () => {
    await prof.seed();
    await prof.mkcol("/Sortie scolaire");
    await prof.mkcol("/Sortie scolaire/Photos");
    await prof.put("/Sortie scolaire/autorisation.pdf", "%PDF autorisation");
    await prof.put("/Sortie scolaire/Photos/car.jpg", "jpeg");
    await prof.put(`/Sortie scolaire/${enc(EVIL)}`, "piège");
    folder = (await prof.link("/Sortie scolaire", { note: `Rendez-vous à 8 h <script>alert("note")</script>` })).token;
    file = (await prof.link("/Sortie scolaire/autorisation.pdf")).token;
  });

  it("lists a folder with sizes and dates, the note escaped, no inline script, a strict CSP", async () => {
    const res = await linkPage(folder);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/html");
    const csp = res.headers.get("Content-Security-Policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const body = await res.text();
    expect(body).toContain("Sortie scolaire");
    expect(body).toContain("autorisation.pdf");
    expect(body).toContain("17 o");
    expect(body).toContain(`href="/s/${folder}/download?path=%2Fautorisation.pdf"`);
    expect(body).toContain(`href="/s/${folder}?path=%2FPhotos"`);
    expect(body).toContain("&lt;script&gt;alert(&quot;note&quot;)&lt;/script&gt;");
    expect(body).toContain("&lt;img src=x onerror=alert(1)&gt;.txt");
    expect(body).not.toContain("<img");
    expect(body).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(body).toContain('name="viewport"');
  });

  it("navigates into subfolders with ?path=, and refuses paths that leave the link", async () => {
    const sub = await linkPage(folder, `?path=${encodeURIComponent("/Photos")}`);
    expect(sub.status).toBe(200);
    const body = await sub.text();
    expect(body).toContain("car.jpg");
    expect(body).not.toContain("autorisation.pdf");
    expect(body).toContain(`href="/s/${folder}"`); // back to the parent
    expect((await linkPage(folder, `?path=${encodeURIComponent("/Absent")}`)).status).toBe(404);
    expect((await linkPage(folder, `?path=${encodeURIComponent("/../..")}`)).status).toBe(400);
    expect((await linkPage(folder, `?path=${encodeURIComponent("/autorisation.pdf")}`)).status).toBe(404);
  });

  it("shows a file's name, size, date and Download button", async () => {
    const body = await (await linkPage(file)).text();
    expect(body).toContain("autorisation.pdf");
    expect(body).toContain("17 o");
    expect(body).toContain(`href="/s/${file}/download"`);
    expect(body).toContain("Télécharger");
  });

  it("speaks English to browsers that prefer it, French otherwise", async () => {
    const en = await (await linkPage(file, "", { headers: { "Accept-Language": "de-DE,de;q=0.9,en;q=0.8" } })).text();
    expect(en).toContain("Download");
    expect(en).toContain('lang="en"');
    expect(en).toContain("17 B");
    const fr = await (await linkPage(file, "", { headers: { "Accept-Language": "fr-CA" } })).text();
    expect(fr).toContain('lang="fr"');
    expect(await (await linkPage(file, "", { headers: { "Accept-Language": "" } })).text()).toContain("Télécharger");
  });

  it("hides every download button and link when the link hides downloads", async () => {
    const hidden = (await prof.link("/Sortie scolaire", { hideDownload: true })).token;
    const body = await (await linkPage(hidden)).text();
    expect(body).toContain("autorisation.pdf");
    expect(body).not.toContain("/download");
  });

  it("offers an upload picker on a folder that takes uploads", async () => {
    const upload = (await prof.link("/Sortie scolaire", { permissions: READ | UPDATE | CREATE | DELETE })).token;
    const res = await linkPage(upload);
    expect(res.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    const body = await res.text();
    expect(body).toContain(`data-dav="/public.php/dav/files/${upload}"`);
    expect(body).toContain(`<script src="/s/${upload}/file-drop.js" defer></script>`);
  });

  it("answers 404 for an unknown token", async () => {
    const res = await linkPage("AbCdEfGhIjKlMnO");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("n’existe pas");
    expect((await linkPage("pas-un-jeton.txt")).status).toBe(404);
  });

  it("shows a space's root (open access) under the space's name", async () => {
    const root = await createSpaceWithManager("Partage Codep 34 - Commission technique", "prof-page");
    const link = await createLink("prof-page", root.id);
    const res = await linkPage(link.token);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Partage Codep 34 - Commission technique");
  });
});
