import { beforeAll, describe, expect, it } from "vitest";
import { enc } from "../support/dav";
import { bodyText, imageSources, linkOwner, linkPage, linkProofCookie, submitLinkPassword } from "./link-support";

const prof = linkOwner("prof-galerie");
const PASSWORD = "Photos-2024!";
const now = () => Math.floor(Date.now() / 1000);
const EVIL = `<img src=x onerror=alert(1)>.png`;
const preview = (path: string) => `/preview?path=${encodeURIComponent(path)}`;

describe("the gallery of a public folder link", () => {
  let folder: string;
  beforeAll(async () => {
    await prof.seed();
    await prof.mkcol("/Carnaval");
    await prof.mkcol("/Carnaval/Vidéos");
    await prof.put("/Carnaval/a-defile.jpg", "jpeg bytes");
    await prof.put("/Carnaval/b-masques.png", "png bytes");
    await prof.put("/Carnaval/c-logo.svg", `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`);
    await prof.put("/Carnaval/d-page.html", "<script>alert(1)</script>");
    await prof.put("/Carnaval/e-programme.txt", "programme");
    await prof.put(`/Carnaval/${enc(EVIL)}`, "png");
    // Hidden, as in Files: neither in the gallery nor between its pictures.
    await prof.put("/Carnaval/.vignette.png", "png");
    folder = (await prof.link("/Carnaval")).token;
  });

  it("shows only the bitmaps as lazy thumbnails, escaped, and keeps the other members listed", async () => {
    const res = await linkPage(folder);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    const body = await res.text();
    expect(imageSources(body)).toEqual([`/${EVIL}`, "/a-defile.jpg", "/b-masques.png"].map((path) => `/s/${folder}${preview(path)}`));
    expect(body).toMatch(/<img [^>]*loading="lazy"/);
    expect(body).not.toContain("<img src=x");
    expect(body).toContain("&lt;img src=x onerror=alert(1)&gt;.png");
    expect(body).toContain(`href="/s/${folder}?path=%2Fa-defile.jpg"`);
    for (const other of ["c-logo.svg", "d-page.html", "e-programme.txt", "Vidéos"]) expect(body).toContain(other);
    expect(body).toContain("Galerie");
    expect(body).toContain(`href="/s/${folder}?view=list"`);
    expect(body).not.toMatch(/<script(?![^>]*\ssrc=)/);
  });

  it("lists everything without thumbnails in the list view", async () => {
    const body = await (await linkPage(folder, "?view=list")).text();
    expect(body).not.toContain("<img");
    expect(body).toContain("a-defile.jpg");
    expect(body).toContain(`href="/s/${folder}/download?path=%2Fa-defile.jpg"`);
    expect(body).toContain(`<a href="/s/${folder}">Galerie</a>`);
  });

  it("shows no toggle in a folder without pictures", async () => {
    const body = await (await linkPage(folder, `?path=${encodeURIComponent("/Vidéos")}`)).text();
    expect(body).not.toContain("Galerie");
  });

  it("opens a picture on its own page with the previous and next ones", async () => {
    const res = await linkPage(folder, `?path=${encodeURIComponent("/a-defile.jpg")}`, { headers: { "Accept-Language": "en" } });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(imageSources(body)).toEqual([`/s/${folder}${preview("/a-defile.jpg")}`]);
    expect(body).toContain(`href="/s/${folder}/download?path=%2Fa-defile.jpg"`);
    expect(body).toContain(`href="/s/${folder}?path=${encodeURIComponent(`/${EVIL}`)}" rel="prev"`);
    expect(body).toContain(`href="/s/${folder}?path=%2Fb-masques.png" rel="next"`);
    expect(body).toContain("Next");
    const last = await (await linkPage(folder, `?path=${encodeURIComponent("/b-masques.png")}`)).text();
    expect(last).toContain(`href="/s/${folder}?path=%2Fa-defile.jpg" rel="prev"`);
    expect(last).toContain("Précédente");
    expect(last).not.toContain(`rel="next"`);
    const first = await (await linkPage(folder, `?path=${encodeURIComponent(`/${EVIL}`)}`)).text();
    expect(first).not.toContain(`rel="prev"`);
    expect(first).not.toContain("<img src=x");
    expect((await linkPage(folder, `?path=${encodeURIComponent("/c-logo.svg")}`)).status).toBe(404);
  });

  it("serves a picture inline, typed from the allowlist, with nosniff and a CSP that runs nothing", async () => {
    const res = await linkPage(folder, preview("/a-defile.jpg"));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/jpeg");
    expect(res.headers.get("Content-Disposition")).toMatch(/^inline;/);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    expect(await bodyText(res)).toBe("jpeg bytes");
  });

  it("refuses SVG, HTML, text, folders, and paths that leave the link", async () => {
    for (const path of ["/c-logo.svg", "/d-page.html", "/e-programme.txt", "/Vidéos", "/absent.png", ""]) {
      const res = await linkPage(folder, path ? preview(path) : "/preview");
      expect([403, 404]).toContain(res.status);
      expect(res.headers.get("Content-Type") ?? "").not.toMatch(/svg|html/);
    }
    expect((await linkPage(folder, preview("/../../prof-galerie/Carnaval/a-defile.jpg"))).status).toBe(400);
    expect((await linkPage(folder, preview("/Vidéos/../a-defile.jpg"))).status).toBe(400);
  });

  it("shows a file link's picture inline on its page", async () => {
    const file = (await prof.link("/Carnaval/b-masques.png")).token;
    const body = await (await linkPage(file)).text();
    expect(imageSources(body)).toEqual([`/s/${file}/preview`]);
    expect(body).toContain(`href="/s/${file}/download"`);
    const res = await linkPage(file, "/preview");
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(await bodyText(res)).toBe("png bytes");
    const svg = (await prof.link("/Carnaval/c-logo.svg")).token;
    expect(await (await linkPage(svg)).text()).not.toContain("<img");
    expect((await linkPage(svg, "/preview")).status).toBe(404);
  });

  it("asks for the password cookie before any preview", async () => {
    const locked = (await prof.link("/Carnaval", { password: PASSWORD })).token;
    expect((await linkPage(locked, preview("/a-defile.jpg"))).status).toBe(401);
    const other = linkProofCookie(await submitLinkPassword((await prof.link("/Carnaval", { password: "autre" })).token, "autre"));
    expect((await linkPage(locked, preview("/a-defile.jpg"), { headers: { Cookie: other } })).status).toBe(401);
    const cookie = linkProofCookie(await submitLinkPassword(locked, PASSWORD));
    const res = await linkPage(locked, preview("/a-defile.jpg"), { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/jpeg");
  });

  it("answers 404 once the link has expired", async () => {
    const expired = (await prof.link("/Carnaval", { expiresAt: now() - 1 })).token;
    expect((await linkPage(expired, preview("/a-defile.jpg"))).status).toBe(404);
    expect((await linkPage(expired, `?path=${encodeURIComponent("/a-defile.jpg")}`)).status).toBe(404);
  });

  it("still shows previews when downloads are hidden, but no download link anywhere", async () => {
    const hidden = (await prof.link("/Carnaval", { hideDownload: true })).token;
    const gallery = await (await linkPage(hidden)).text();
    expect(imageSources(gallery)).toHaveLength(3);
    expect(gallery).not.toContain("/download");
    const picture = await (await linkPage(hidden, `?path=${encodeURIComponent("/a-defile.jpg")}`)).text();
    expect(imageSources(picture)).toHaveLength(1);
    expect(picture).not.toContain("/download");
    expect(picture).not.toContain(" download");
    expect((await linkPage(hidden, preview("/a-defile.jpg"))).status).toBe(200);
    expect((await linkPage(hidden, "/download?path=%2Fa-defile.jpg")).status).toBe(403);
    const file = (await prof.link("/Carnaval/b-masques.png", { hideDownload: true })).token;
    const filePage = await (await linkPage(file)).text();
    expect(imageSources(filePage)).toEqual([`/s/${file}/preview`]);
    expect(filePage).not.toContain("/download");
  });
});
