import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { shares } from "../../schema/core";
import { call, db, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { provisionUser } from "../support/orgs";
import { day, fileId, files, groupWith, listing, listShares, mkcol, ocsBody, put, share, shareApi, type Auth, type ShareJson } from "./support";

const admin: Auth = ["admin", STRONG_PASSWORD];
let lea: Auth;
let marc: Auth;
let nina: Auth;

const href = (user: Auth, path: string) => `/remote.php/dav/files/${user[0]}${path}`;


describe("a received share in the recipient's DAV tree", () => {
  beforeAll(async () => {
    await seedAdmin();
    lea = await provisionUser(admin, "lea");
    marc = await provisionUser(admin, "marc");
    nina = await provisionUser(admin, "nina");
    await groupWith(admin, "bureau", ["lea", "nina"]);
    await mkcol(admin, "/Lecture");
    await put(admin, "/Lecture/a.txt", "original");
    await mkcol(admin, "/Ecriture");
    await put(admin, "/Ecriture/b.txt", "b");
  });

  it("mounts a read-only folder share in the root with S, M and G, and no C, K, W or R", async () => {
    await share(admin, { path: "/Lecture", shareType: "0", shareWith: "lea", permissions: "1" });
    const root = await listing(lea);
    const mount = root.get(href(lea, "/Lecture/"))!;
    expect(mount.permissions).toMatch(/^S.*M.*G/);
    expect(mount.permissions).not.toMatch(/[CKWR]/);
    const inside = await listing(lea, "/Lecture/");
    expect(inside.get(href(lea, "/Lecture/a.txt"))!.permissions).not.toMatch(/[WDNV]/);
  });

  it("answers 403 to a PUT into a read-only share and writes nothing", async () => {
    expect((await files(lea, "PUT", "/Lecture/a.txt", { body: "changed" })).status).toBe(403);
    expect((await files(lea, "PUT", "/Lecture/new.txt", { body: "new" })).status).toBe(403);
    expect((await files(lea, "MKCOL", "/Lecture/dossier")).status).toBe(403);
    expect((await files(lea, "DELETE", "/Lecture/a.txt")).status).toBe(403);
    expect(await (await files(admin, "GET", "/Lecture/a.txt")).text()).toBe("original");
    expect((await files(admin, "GET", "/Lecture/new.txt")).status).toBe(404);
  });

  it("lets a write share take PUT and MKCOL, with C, K and W in its letters", async () => {
    await share(admin, { path: "/Ecriture", shareType: "0", shareWith: "lea", permissions: "15" });
    const root = await listing(lea);
    expect(root.get(href(lea, "/Ecriture/"))!.permissions).toContain("CK");
    expect((await listing(lea, "/Ecriture/")).get(href(lea, "/Ecriture/b.txt"))!.permissions).toContain("W");
    expect((await files(lea, "PUT", "/Ecriture/de-lea.txt", { body: "bonjour" })).status).toBe(201);
    expect((await files(lea, "MKCOL", "/Ecriture/Photos")).status).toBe(201);
    expect(await (await files(admin, "GET", "/Ecriture/de-lea.txt")).text()).toBe("bonjour");
  });

  it("lets the recipient of a single file change it only with the update bit, and leave it without deleting it", async () => {
    await put(admin, "/tarifs.txt", "10 €");
    await put(admin, "/statuts.txt", "article 1");
    await share(admin, { path: "/tarifs.txt", shareType: "0", shareWith: "lea" });
    await share(admin, { path: "/statuts.txt", shareType: "0", shareWith: "lea", permissions: "1" });
    const root = await listing(lea);
    expect(root.get(href(lea, "/tarifs.txt"))!.permissions).toContain("W");
    expect(root.get(href(lea, "/statuts.txt"))!.permissions).not.toContain("W");
    expect((await files(lea, "PUT", "/tarifs.txt", { body: "12 €" })).status).toBe(204);
    expect(await (await files(admin, "GET", "/tarifs.txt")).text()).toBe("12 €");
    expect((await files(lea, "PUT", "/statuts.txt", { body: "article 2" })).status).toBe(403);
    expect(await (await files(admin, "GET", "/statuts.txt")).text()).toBe("article 1");
    expect((await files(lea, "DELETE", "/statuts.txt")).status).toBe(204);
    expect((await files(admin, "GET", "/statuts.txt")).status).toBe(200);
  });

  it("changes the recipient's root ETag when the owner changes a file in the shared folder", async () => {
    const before = (await listing(lea)).get(href(lea, "/"))!.etag;
    await put(admin, "/Lecture/a.txt", "version 2");
    const after = (await listing(lea)).get(href(lea, "/"))!.etag;
    expect(after).not.toBe(before);
    expect(await (await files(lea, "GET", "/Lecture/a.txt")).text()).toBe("version 2");
  });

  it("removes access at once on unshare", async () => {
    await mkcol(admin, "/Temporaire");
    await put(admin, "/Temporaire/t.txt", "t");
    const created = await share(admin, { path: "/Temporaire", shareType: "0", shareWith: "lea" });
    expect((await files(lea, "GET", "/Temporaire/t.txt")).status).toBe(200);
    expect((await shareApi(admin, "DELETE", `/shares/${created.id}`)).status).toBe(200);
    expect((await files(lea, "PROPFIND", "/Temporaire/", { headers: { Depth: "0" } })).status).toBe(404);
    expect((await files(lea, "GET", "/Temporaire/t.txt")).status).toBe(404);
    expect((await listing(lea)).has(href(lea, "/Temporaire/"))).toBe(false);
    const { activities } = await (await call("/api/activity", { auth: lea })).json<{ activities: { type: string }[] }>();
    expect(activities.some((a) => a.type === "unshared")).toBe(true);
  });

  it("kills a reshare when the upstream share is deleted", async () => {
    await mkcol(admin, "/Chaine");
    await put(admin, "/Chaine/c.txt", "c");
    const upstream = await share(admin, { path: "/Chaine", shareType: "0", shareWith: "lea" });
    await share(lea, { path: "/Chaine", shareType: "0", shareWith: "marc" });
    expect((await files(marc, "GET", "/Chaine/c.txt")).status).toBe(200);
    await shareApi(admin, "DELETE", `/shares/${upstream.id}`);
    expect((await files(marc, "GET", "/Chaine/c.txt")).status).toBe(404);
    expect((await listing(marc)).has(href(marc, "/Chaine/"))).toBe(false);
    expect((await listShares(marc, "?shared_with_me=true")).some((s) => s.path === "/Chaine")).toBe(false);
  });

  it("lets the recipient remove a share from their files, list it in deletedshares, and restore it", async () => {
    await mkcol(admin, "/Corbeille");
    const created = await share(admin, { path: "/Corbeille", shareType: "0", shareWith: "lea" });
    expect((await files(lea, "DELETE", "/Corbeille")).status).toBe(204);
    expect((await listing(lea)).has(href(lea, "/Corbeille/"))).toBe(false);
    expect((await files(admin, "PROPFIND", "/Corbeille/", { headers: { Depth: "0" } })).status).toBe(207);
    const deleted = (await ocsBody<ShareJson[]>(await shareApi(lea, "GET", "/deletedshares"))).ocs.data;
    const entry = deleted.find((s) => s.item_source === created.item_source)!;
    expect(entry).toMatchObject({ id: `ocinternal:${created.id}`, state: 2, path: "/Corbeille" });
    expect((await shareApi(lea, "POST", `/deletedshares/${entry.id}`)).status).toBe(200);
    expect((await listing(lea)).has(href(lea, "/Corbeille/"))).toBe(true);
    // The OCS DELETE of a received share does the same: out of the recipient's files, not ended.
    expect((await shareApi(lea, "DELETE", `/shares/${created.id}`)).status).toBe(200);
    expect((await listing(lea)).has(href(lea, "/Corbeille/"))).toBe(false);
    expect((await listShares(admin)).some((s) => s.id === created.id)).toBe(true);
    expect((await shareApi(lea, "POST", `/deletedshares/${created.id}`)).status).toBe(200);
    expect((await shareApi(lea, "POST", `/deletedshares/${created.id}`)).status).toBe(404);
  });

  it("shows a group share to members only, and a MOVE renames the mount for that member only", async () => {
    await mkcol(admin, "/Groupe");
    await share(admin, { path: "/Groupe", shareType: "1", shareWith: "bureau" });
    expect((await listing(nina)).has(href(nina, "/Groupe/"))).toBe(true);
    expect((await listing(marc)).has(href(marc, "/Groupe/"))).toBe(false);
    const moved = await files(lea, "MOVE", "/Groupe", { headers: { Destination: `http://cumulus.test${href(lea, "/Bureau")}` } });
    expect(moved.status).toBe(201);
    expect((await listing(lea)).has(href(lea, "/Bureau/"))).toBe(true);
    expect((await listing(nina)).has(href(nina, "/Groupe/"))).toBe(true);
    const received = await listShares(lea, "?shared_with_me=true");
    expect(received.find((s) => s.share_with === "bureau")).toMatchObject({ path: "/Bureau", file_target: "/Bureau", share_type: 1 });
  });

  it("does not mount an expired share", async () => {
    await mkcol(admin, "/Expire");
    const created = await share(admin, { path: "/Expire", shareType: "0", shareWith: "lea", expireDate: day(0) });
    expect((await listing(lea)).has(href(lea, "/Expire/"))).toBe(true);
    await db().update(shares).set({ expiresAt: Math.floor(Date.now() / 1000) - 1 }).where(eq(shares.id, Number(created.id)));
    expect((await listing(lea)).has(href(lea, "/Expire/"))).toBe(false);
    expect((await files(lea, "PROPFIND", "/Expire/", { headers: { Depth: "0" } })).status).toBe(404);
  });

  it("lists share types in PROPFIND: the asker's shares, and everyone's on their own files", async () => {
    await mkcol(admin, "/Types");
    await share(admin, { path: "/Types", shareType: "3" });
    await share(admin, { path: "/Types", shareType: "0", shareWith: "marc" });
    const own = await listing(admin);
    expect(own.get(href(admin, "/Types/"))!.shareTypes).toEqual([0, 3]);
    expect(own.get(href(admin, "/Groupe/"))!.shareTypes).toEqual([1]);
    expect(own.get(href(admin, "/Lecture/"))!.shareTypes).toEqual([0]);
    await mkcol(admin, "/Sans");
    expect((await listing(admin)).get(href(admin, "/Sans/"))!.shareTypes).toEqual([]);
    // Marc received Types but shared nothing of it.
    expect((await listing(marc)).get(href(marc, "/Types/"))!.shareTypes).toEqual([]);
    // Lea's reshare shows in her tree and, as a share of his file, in the owner's.
    await mkcol(admin, "/Relais");
    await share(admin, { path: "/Relais", shareType: "0", shareWith: "lea" });
    await share(lea, { path: "/Relais", shareType: "3" });
    expect((await listing(lea)).get(href(lea, "/Relais/"))!.shareTypes).toEqual([3]);
    expect((await listing(admin)).get(href(admin, "/Relais/"))!.shareTypes).toEqual([0, 3]);
  });

  it("tells the desktop client what it may share with (ocs:share-permissions)", async () => {
    const body = '<d:propfind xmlns:d="DAV:" xmlns:ocs="http://open-collaboration-services.org/ns"><d:prop><ocs:share-permissions/></d:prop></d:propfind>';
    const bitsOf = async (user: Auth, path: string) => {
      const text = await (await files(user, "PROPFIND", path, { headers: { Depth: "0" }, body })).text();
      return Number(/<x:share-permissions xmlns:x="http:\/\/open-collaboration-services.org\/ns">(\d+)</.exec(text)?.[1]);
    };
    expect(await bitsOf(admin, "/Lecture/")).toBe(31);
    expect(await bitsOf(admin, "/Lecture/a.txt")).toBe(19);
    expect(await bitsOf(lea, "/Lecture/")).toBe(0);
    expect(await bitsOf(lea, "/Relais/")).toBe(31);
  });

  it("opens internal links /f/{id} for those with access, and reveals nothing to others", async () => {
    const id = await fileId(admin, "/Lecture/a.txt");
    const opened = await call(`/f/${id}`, { auth: lea, redirect: "manual" });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toBe(`/files?dir=%2FLecture&fileid=${id}`);
    const folder = await fileId(admin, "/Lecture");
    expect((await call(`/index.php/f/${folder}`, { auth: admin, redirect: "manual" })).headers.get("Location")).toBe(`/files?dir=%2FLecture&fileid=${folder}`);
    expect((await call(`/f/${id}`, { auth: marc, redirect: "manual" })).status).toBe(404);
    expect((await call("/f/99999999", { auth: lea, redirect: "manual" })).status).toBe(404);
    const anonymous = await call(`/f/${id}`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/login?next=${encodeURIComponent(`/f/${id}`)}`);
  });
});
