import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { shares } from "../../schema/core";
import { ALL, CREATE, DELETE, READ, UPDATE } from "../../workers/sharing/permission-bits";
import { insertShare, USER_SHARE } from "../../workers/sharing/share-store";
import { childNamed } from "../../workers/storage/tree";
import { basic, call, db } from "../support/accounts";
import { enc } from "../support/dav";
import { createLink, hrefsOf, linkOwner, PROPS, publicDav } from "./link-support";
import { createSpaceWithManager } from "./space-support";

const prof = linkOwner("prof-dav");
const eleve = linkOwner("eleve-dav");
const UPLOAD = READ | UPDATE | CREATE | DELETE;

describe("public links over WebDAV", () => {
  let readOnly: string;
  let upload: string;
  let single: string;
  beforeAll(async () => {
    await prof.seed();
    await eleve.seed();
    await prof.mkcol("/Cours");
    await prof.mkcol("/Cours/Chapitre 1");
    await prof.put("/Cours/sujet.txt", "Sujet du devoir");
    await prof.put("/Cours/Chapitre 1/exercices.txt", "Exercices");
    await prof.put("/secret.txt", "notes privées");
    await prof.mkcol("/Dépôt");
    await prof.put("/Dépôt/consignes.txt", "consignes");
    readOnly = (await prof.link("/Cours")).token;
    upload = (await prof.link("/Dépôt", { permissions: UPLOAD })).token;
    single = (await prof.link("/Cours/sujet.txt")).token;
  });

  it("read-only: PROPFIND lists the shared folder as the root, GET reads", async () => {
    const res = await publicDav(readOnly, "PROPFIND", "/", { headers: { Depth: "1" }, body: PROPS });
    expect(res.status).toBe(207);
    const xml = await res.text();
    expect(hrefsOf(xml)).toEqual([`/public.php/dav/files/${readOnly}/`, `/public.php/dav/files/${readOnly}/${enc("Chapitre 1")}/`, `/public.php/dav/files/${readOnly}/sujet.txt`]);
    expect(xml).toContain("<oc:permissions>G</oc:permissions>");
    expect(xml).not.toContain("secret");
    // Stars are members' things: no one is logged in through a link.
    expect(xml).not.toContain("<oc:favorite>");
    expect(xml).toMatch(/<oc:favorite\/><\/d:prop><d:status>HTTP\/1.1 404/);
    const get = await publicDav(readOnly, "GET", `/${enc("Chapitre 1")}/exercices.txt`);
    expect(get.status).toBe(200);
    expect(await get.text()).toBe("Exercices");
  });

  it("read-only: every change is refused with 403", async () => {
    const dest = { Destination: `/public.php/dav/files/${readOnly}/copie.txt` };
    const attempts: [string, string, RequestInit][] = [
      ["PUT", "/nouveau.txt", { body: "x" }],
      ["PUT", "/sujet.txt", { body: "écrasé" }],
      ["MKCOL", "/Dossier", {}],
      ["DELETE", "/sujet.txt", {}],
      ["MOVE", "/sujet.txt", { headers: dest }],
      ["COPY", "/sujet.txt", { headers: dest }],
      ["PROPPATCH", "/sujet.txt", { body: '<?xml version="1.0"?><d:propertyupdate xmlns:d="DAV:"><d:set><d:prop><x:a xmlns:x="urn:x">1</x:a></d:prop></d:set></d:propertyupdate>' }],
    ];
    for (const [method, path, init] of attempts) expect((await publicDav(readOnly, method, path, init)).status, `${method} ${path}`).toBe(403);
    expect(await prof.text("/Cours/sujet.txt")).toBe("Sujet du devoir");
    expect(await prof.node("/Cours/copie.txt")).toBeUndefined();
    expect((await publicDav(readOnly, "LOCK", "/sujet.txt", { body: "" })).status).toBe(405);
  });

  it("upload link: writes inside the shared folder, attributed to the link's initiator", async () => {
    expect((await publicDav(upload, "PUT", "/copie-lea.txt", { body: "ma copie" })).status).toBe(201);
    expect((await publicDav(upload, "PUT", "/copie-lea.txt", { body: "ma copie v2" })).status).toBe(204);
    expect((await publicDav(upload, "MKCOL", "/Groupe A")).status).toBe(201);
    expect((await publicDav(upload, "MOVE", "/copie-lea.txt", { headers: { Destination: `/public.php/dav/files/${upload}/${enc("Groupe A")}/copie-lea.txt` } })).status).toBe(201);
    expect((await publicDav(upload, "DELETE", "/consignes.txt")).status).toBe(204);
    const moved = await prof.node("/Dépôt/Groupe A/copie-lea.txt");
    expect(moved?.ownerId).toBe("prof-dav");
    expect(moved?.modifiedBy).toBe("prof-dav");
    expect(await prof.text("/Dépôt/Groupe A/copie-lea.txt")).toBe("ma copie v2");
    const stream = await call("/api/activity", { auth: prof.auth });
    const { activities } = (await stream.json()) as { activities: { type: string; path: string; actorId: string }[] };
    expect(activities.find((a) => a.type === "file_created" && a.path === "/Dépôt/copie-lea.txt")?.actorId).toBe("prof-dav");
  });

  it("upload link: stars are refused, other properties are set", async () => {
    await publicDav(upload, "PUT", "/note.txt", { body: "n" });
    const res = await publicDav(upload, "PROPPATCH", "/note.txt", {
      body: '<?xml version="1.0"?><d:propertyupdate xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:set><d:prop><oc:favorite>1</oc:favorite></d:prop></d:set></d:propertyupdate>',
    });
    expect(res.status).toBe(207);
    expect(await res.text()).toContain("HTTP/1.1 403");
  });

  it("paths cannot leave the shared folder", async () => {
    // An encoded slash is refused, not followed.
    expect((await publicDav(upload, "GET", "/..%2Fsecret.txt")).status).toBe(400);
    expect((await publicDav(upload, "PUT", "/..%2F..%2Fsecret.txt", { body: "x" })).status).toBe(400);
    // Dot segments are resolved by URL parsing before routing: they land on another door, never above the root.
    const dots = await call(`/public.php/dav/files/${upload}/%2e%2e/secret.txt`);
    expect(dots.status).toBe(404);
    // A Destination outside the link is another tree.
    for (const destination of ["/remote.php/dav/files/prof-dav/vole.txt", `/public.php/dav/files/${readOnly}/vole.txt`, `/public.php/dav/files/${upload}/../${readOnly}/vole.txt`]) {
      await publicDav(upload, "PUT", "/a-voler.txt", { body: "x" });
      const res = await publicDav(upload, "MOVE", "/a-voler.txt", { headers: { Destination: destination } });
      expect(res.status, destination).toBe(502);
    }
    expect(await prof.node("/vole.txt")).toBeUndefined();
    expect(await prof.node("/Cours/vole.txt")).toBeUndefined();
  });

  it("legacy door: the token is the Basic user, and is required", async () => {
    const missing = await call("/public.php/webdav/", { method: "PROPFIND", headers: { Depth: "1" } });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("WWW-Authenticate")).toMatch(/^Basic /);
    const res = await call("/public.php/webdav/", { method: "PROPFIND", headers: { Depth: "1", Authorization: basic(readOnly, "") } });
    expect(res.status).toBe(207);
    expect(hrefsOf(await res.text())).toContain("/public.php/webdav/sujet.txt");
    expect((await call("/public.php/webdav/sujet.txt", { headers: { Authorization: basic(readOnly, "") } })).status).toBe(200);
    expect((await call("/public.php/webdav/", { method: "PROPFIND", headers: { Authorization: basic("NoSuchToken1234", "") } })).status).toBe(404);
    // A member's own credentials are no link token.
    expect((await call("/public.php/webdav/", { method: "PROPFIND", headers: { Authorization: basic(...prof.auth) } })).status).toBe(404);
  });

  it("a single-file link: the root is the file itself", async () => {
    const res = await publicDav(single, "PROPFIND", "", { headers: { Depth: "1" }, body: PROPS });
    expect(res.status).toBe(207);
    const xml = await res.text();
    expect(hrefsOf(xml)).toHaveLength(1);
    expect(xml).toContain("<d:getcontentlength>15</d:getcontentlength>");
    expect(xml).not.toContain("<d:collection/>");
    expect(await (await publicDav(single, "GET", "")).text()).toBe("Sujet du devoir");
    expect((await publicDav(single, "GET", "/autre.txt")).status).toBe(404);
  });

  it("a link never grants more than its initiator holds, and dies with their rights", async () => {
    const userShare = await insertShare(db(), { shareType: USER_SHARE, nodeId: (await prof.node("/Cours"))!.id, initiatorId: "prof-dav", shareWith: "eleve-dav", permissions: READ });
    const reshare = await createLink("eleve-dav", (await prof.node("/Cours"))!.id, { permissions: ALL });
    expect((await publicDav(reshare.token, "GET", "/sujet.txt")).status).toBe(200);
    expect((await publicDav(reshare.token, "PUT", "/ajout.txt", { body: "x" })).status).toBe(403);
    await db().delete(shares).where(eq(shares.id, userShare.id));
    expect((await publicDav(reshare.token, "PROPFIND", "/", { headers: { Depth: "0" } })).status).toBe(404);
  });

  it("a link on a space root (open access): files stay the space's, writes are the initiator's", async () => {
    const root = await createSpaceWithManager("Partage Codep 34 - Accès libre", "prof-dav");
    const link = await createLink("prof-dav", root.id, { permissions: UPLOAD });
    expect((await publicDav(link.token, "PUT", "/compte-rendu.txt", { body: "CR" })).status).toBe(201);
    const listing = await (await publicDav(link.token, "PROPFIND", "/", { headers: { Depth: "1" } })).text();
    expect(hrefsOf(listing)).toContain(`/public.php/dav/files/${link.token}/compte-rendu.txt`);
    const file = await childNamed(db(), root.id, "compte-rendu.txt");
    expect(file?.ownerId).toBe(root.ownerId);
    expect(file?.spaceId).toBe(root.spaceId);
    expect(file?.modifiedBy).toBe("prof-dav");
  });
});
