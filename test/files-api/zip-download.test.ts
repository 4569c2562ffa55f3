import { beforeAll, describe, expect, it } from "vitest";
import { READ } from "../../workers/sharing/permission-bits";
import { insertShare, USER_SHARE } from "../../workers/sharing/share-store";
import { db } from "../support/accounts";
import { readZip, type ZipEntry } from "../support/zip-reader";
import { bodyText, linkOwner, linkPage } from "../sharing/link-support";
import { apiUser } from "./support";

const lea = apiUser("zip-lea");
const eve = apiUser("zip-eve");
const hugo = apiUser("zip-hugo");
const prof = linkOwner("zip-prof");

/** Bytes that are not text and span many stream chunks: a CRC or an offset gone wrong shows. */
const photo = Uint8Array.from({ length: 3 * 1024 * 1024 + 17 }, (_, i) => (i * 31 + (i >> 8)) & 0xff);
const text = (s: string) => new TextEncoder().encode(s);

async function zipOf(res: Response): Promise<ZipEntry[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("application/zip");
  return readZip(new Uint8Array(await res.arrayBuffer()));
}

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && a.length === b.length && a.every((byte, i) => byte === b[i]);
const names = (entries: ZipEntry[]) => entries.map((e) => e.name);
const bytesOf = (entries: ZipEntry[], name: string) => entries.find((e) => e.name === name)?.bytes;

describe("files API: folders as a zip", () => {
  let club: number;
  let empty: number;
  beforeAll(async () => {
    for (const u of [lea, eve, hugo]) await u.seed();
    await lea.mkcol("/Club");
    await lea.mkcol("/Club/Sorties été");
    await lea.mkcol("/Club/Sorties été/Photos");
    await lea.mkcol("/Club/Vide");
    await lea.mkcol("/Vide");
    await lea.put("/Club/Readme.md", "# Le club");
    await lea.put("/Club/Sorties été/programme.txt", "Plongée à Sète");
    await lea.put("/Club/vide.txt", "");
    await lea.put("/Club/a%5Cb.txt", "antislash");
    expect((await lea.files("/Club/Sorties été/Photos/fond.bin", "PUT", { body: photo })).status).toBe(201);
    club = (await lea.node("/Club"))!.id;
    empty = (await lea.node("/Vide"))!.id;
  });

  it("streams the folder's tree, paths relative to it, bytes as stored", async () => {
    const res = await lea.api(`/${club}/zip`);
    expect(res.headers.get("Content-Disposition")).toBe("attachment; filename*=UTF-8''Club.zip");
    const entries = await zipOf(res);
    // Depth first, each folder before its members, names sorted as in the listing.
    expect(names(entries)).toEqual([
      "Readme.md",
      "Sorties été/",
      "Sorties été/Photos/",
      "Sorties été/Photos/fond.bin",
      "Sorties été/programme.txt",
      "Vide/",
      "a_b.txt",
      "vide.txt",
    ]);
    expect(entries.every((e) => e.utf8)).toBe(true);
    expect(bytesOf(entries, "Readme.md")).toEqual(text("# Le club"));
    expect(bytesOf(entries, "Sorties été/programme.txt")).toEqual(text("Plongée à Sète"));
    // Compared byte by byte here: a deep equality of 3 MB in vitest takes half a minute.
    expect(sameBytes(bytesOf(entries, "Sorties été/Photos/fond.bin"), photo)).toBe(true);
    expect(bytesOf(entries, "vide.txt")).toEqual(new Uint8Array());
    // No entry can leave the folder it is extracted to.
    expect(entries.some((e) => e.name.startsWith("/") || e.name.split("/").includes("..") || e.name.includes("\\"))).toBe(false);
  });

  it("keeps the files' modification times", async () => {
    const readme = (await lea.node("/Club/Readme.md"))!;
    const entry = (await zipOf(await lea.api(`/${club}/zip`))).find((e) => e.name === "Readme.md")!;
    // DOS times have a 2-second grain and no time zone (UTC in the Worker and here).
    expect(Math.abs(entry.lastModified.getTime() - readme.mtime * 1000)).toBeLessThan(2000 + Math.abs(new Date().getTimezoneOffset()) * 60_000);
  });

  it("gives a valid archive with no entry for an empty folder", async () => {
    const res = await lea.api(`/${empty}/zip`);
    const entries = await zipOf(res);
    expect(entries).toEqual([]);
  });

  it("takes ?ids= of members of one folder", async () => {
    const readme = (await lea.node("/Club/Readme.md"))!.id;
    const outings = (await lea.node("/Club/Sorties été"))!.id;
    const entries = await zipOf(await lea.api(`/${club}/zip?ids=${readme},${outings}`));
    expect(names(entries)).toEqual(["Readme.md", "Sorties été/", "Sorties été/Photos/", "Sorties été/Photos/fond.bin", "Sorties été/programme.txt"]);
    const one = await lea.api(`/${club}/zip?ids=${outings}`);
    expect(one.headers.get("Content-Disposition")).toBe("attachment; filename*=UTF-8''Sorties%20%C3%A9t%C3%A9.zip");
    await one.arrayBuffer();
    const deeper = (await lea.node("/Club/Sorties été/programme.txt"))!.id;
    expect((await lea.api(`/${club}/zip?ids=${deeper}`)).status).toBe(400);
    for (const bad of ["", "1,,2", "abc", "-1", "0"]) expect((await lea.api(`/${club}/zip?ids=${bad}`)).status).toBe(400);
    expect((await lea.api(`/${club}/zip?other=1`)).status).toBe(400);
    expect((await lea.api(`/${readme}/zip`)).status).toBe(400);
  });

  it("answers 404 to strangers and for ids that do not exist", async () => {
    expect((await eve.api(`/${club}/zip`)).status).toBe(404);
    expect((await eve.api(`/${empty}/zip`)).status).toBe(404);
    expect((await lea.api("/999999999/zip")).status).toBe(404);
    // A stranger's id among one's own folder's is refused too, and reveals nothing of it.
    const evesRoot = (await eve.root()).id;
    const stranger = await lea.api(`/${evesRoot}/zip?ids=${club}`);
    expect(stranger.status).toBe(404);
  });

  it("zips a received share for its recipient, and lists mounts in the root's archive under their names", async () => {
    await insertShare(db(), { shareType: USER_SHARE, nodeId: club, initiatorId: lea.id, shareWith: hugo.id, permissions: READ });
    const shared = await zipOf(await hugo.api(`/${club}/zip`));
    expect(bytesOf(shared, "Readme.md")).toEqual(text("# Le club"));
    const root = await hugo.api(`/${(await hugo.root()).id}/zip`);
    expect(root.headers.get("Content-Disposition")).toBe("attachment; filename*=UTF-8''download.zip");
    const entries = await zipOf(root);
    expect(names(entries)).toContain("Club/Sorties été/programme.txt");
    expect(bytesOf(entries, "Club/Readme.md")).toEqual(text("# Le club"));
  });

  it("answers HEAD with the headers alone", async () => {
    const res = await lea.api(`/${club}/zip`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/zip");
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });
});

describe("public links: a folder as a zip", () => {
  let token: string;
  beforeAll(async () => {
    await prof.seed();
    await prof.mkcol("/AG 2025");
    await prof.mkcol("/AG 2025/Annexes");
    await prof.put("/AG 2025/compte rendu.txt", "compte rendu");
    await prof.put("/AG 2025/Annexes/budget.pdf", "budget");
    token = (await prof.link("/AG 2025")).token;
  });

  it("downloads the link's folder, and a subfolder by ?path=, with paths relative to it", async () => {
    const res = await linkPage(token, "/download");
    expect(res.headers.get("Content-Disposition")).toBe("attachment; filename*=UTF-8''AG%202025.zip");
    const entries = await zipOf(res);
    expect(names(entries)).toEqual(["Annexes/", "Annexes/budget.pdf", "compte rendu.txt"]);
    expect(bytesOf(entries, "Annexes/budget.pdf")).toEqual(text("budget"));
    const sub = await linkPage(token, `/download?path=${encodeURIComponent("/Annexes")}`);
    expect(sub.headers.get("Content-Disposition")).toBe("attachment; filename*=UTF-8''Annexes.zip");
    expect(names(await zipOf(sub))).toEqual(["budget.pdf"]);
  });

  it("offers the archive on the folder's page", async () => {
    const page = await (await linkPage(token)).text();
    expect(page).toContain(`href="/s/${token}/download" download>Tout télécharger`);
  });

  it("refuses it when the link hides downloads", async () => {
    const hidden = (await prof.link("/AG 2025", { hideDownload: true })).token;
    const res = await linkPage(hidden, "/download");
    expect(res.status).toBe(403);
    expect(await bodyText(res)).toContain("téléchargement est désactivé");
    expect(await (await linkPage(hidden)).text()).not.toContain("/download");
  });
});
