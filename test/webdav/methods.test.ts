import { beforeAll, describe, expect, it } from "vitest";
import { call, seedAdmin } from "../support/accounts";
import { ADMIN, dav, etagOf, propfind } from "../support/dav";

const ROOT = "/remote.php/dav/files/admin";

describe("WebDAV methods answer as Nextcloud's clients expect", () => {
  beforeAll(async () => {
    await seedAdmin();
  });

  it("advertises classes 1 and 2 and the methods on OPTIONS", async () => {
    const res = await dav("OPTIONS", "/");
    expect(res.status).toBe(200);
    expect(res.headers.get("DAV")).toMatch(/\b1\b.*\b2\b/);
    for (const method of ["PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK"]) expect(res.headers.get("Allow")).toContain(method);
  });

  it("PUT: 201 new, 204 overwrite, 409 without parent, identity headers equal to PROPFIND's", async () => {
    const created = await dav("PUT", "/compte-rendu.txt", { body: "v1", headers: { "X-OC-Mtime": "1653386400" } });
    expect(created.status).toBe(201);
    expect(created.headers.get("X-OC-MTime")).toBe("accepted");
    expect(created.headers.get("OC-FileId")).toMatch(/^\d{8}oc[0-9a-z]+$/);
    const overwritten = await dav("PUT", "/compte-rendu.txt", { body: "version 2" });
    expect(overwritten.status).toBe(204);
    expect(overwritten.headers.get("X-OC-MTime")).toBeNull();
    const etag = overwritten.headers.get("OC-ETag");
    expect(etag).toBe(overwritten.headers.get("ETag"));
    const listed = (await propfind("/compte-rendu.txt", undefined, "0")).text;
    expect(`"${etagOf(listed, `${ROOT}/compte-rendu.txt`)}"`).toBe(etag);
    expect(listed).toContain("<d:getcontentlength>9</d:getcontentlength>");
    expect((await dav("PUT", "/absent/x.txt", { body: "x" })).status).toBe(409);
  });

  it("PUT: If-Match must hold, and a bad X-OC-Mtime is refused before anything is written", async () => {
    expect((await dav("PUT", "/compte-rendu.txt", { body: "v3", headers: { "If-Match": '"stale"' } })).status).toBe(412);
    for (const mtime of ["demain", "99999999999999999999"]) {
      expect((await dav("PUT", "/date.txt", { body: "d", headers: { "X-OC-Mtime": mtime } })).status, mtime).toBe(400);
    }
    expect((await dav("GET", "/date.txt")).status).toBe(404);
    expect(await (await dav("GET", "/compte-rendu.txt")).text()).toBe("version 2");
  });

  it("GET: ETag, OC-ETag, Content-Length, If-None-Match and ranges", async () => {
    const res = await dav("GET", "/compte-rendu.txt");
    expect(res.headers.get("Content-Length")).toBe("9");
    const etag = res.headers.get("OC-ETag")!;
    expect(res.headers.get("ETag")).toBe(etag);
    await res.arrayBuffer();
    expect((await dav("GET", "/compte-rendu.txt", { headers: { "If-None-Match": etag } })).status).toBe(304);
    const tail = await dav("GET", "/compte-rendu.txt", { headers: { Range: "bytes=-1" } });
    expect(tail.status).toBe(206);
    expect(await tail.text()).toBe("2");
    expect((await dav("GET", "/compte-rendu.txt", { headers: { Range: "bytes=50-" } })).status).toBe(416);
    const head = await dav("HEAD", "/compte-rendu.txt");
    expect(head.headers.get("Content-Length")).toBe("9");
  });

  it("MKCOL: 201, 405 when it exists, 415 with a body, 409 without parent", async () => {
    expect((await dav("MKCOL", "/Adhérents")).status).toBe(201);
    expect((await dav("MKCOL", "/Adhérents")).status).toBe(405);
    expect((await dav("MKCOL", "/avec-corps", { body: "<x/>" })).status).toBe(415);
    expect((await dav("MKCOL", "/nulle/part")).status).toBe(409);
  });

  it("COPY and MOVE: Destination as URL or path, 201 new, 204 overwrite, 412 with Overwrite F", async () => {
    await dav("PUT", "/source.txt", { body: "source" });
    expect((await dav("COPY", "/source.txt", { headers: { Destination: `http://cumulus.test${ROOT}/copie.txt` } })).status).toBe(201);
    expect((await dav("COPY", "/source.txt", { headers: { Destination: `${ROOT}/copie.txt` } })).status).toBe(204);
    expect((await dav("COPY", "/source.txt", { headers: { Destination: `${ROOT}/copie.txt`, Overwrite: "F" } })).status).toBe(412);
    const moved = await dav("MOVE", "/copie.txt", { headers: { Destination: `${ROOT}/Adh%C3%A9rents/copie.txt` } });
    expect(moved.status).toBe(201);
    expect(await (await dav("GET", "/Adh%C3%A9rents/copie.txt")).text()).toBe("source");
    expect((await dav("GET", "/copie.txt")).status).toBe(404);
  });

  it("COPY with Depth 0 copies a folder without its members", async () => {
    await dav("MKCOL", "/plein");
    await dav("PUT", "/plein/dedans.txt", { body: "x" });
    expect((await dav("COPY", "/plein", { headers: { Destination: `${ROOT}/vide`, Depth: "0" } })).status).toBe(201);
    const listing = (await propfind("/vide/")).text;
    expect(listing).not.toContain("dedans.txt");
    expect(listing).toContain("<d:collection/>");
  });

  it("DELETE answers 204 and removes the whole subtree", async () => {
    await dav("MKCOL", "/jetable");
    await dav("MKCOL", "/jetable/sous");
    await dav("PUT", "/jetable/sous/f.txt", { body: "f" });
    expect((await dav("DELETE", "/jetable")).status).toBe(204);
    expect((await dav("GET", "/jetable/sous/f.txt")).status).toBe(404);
    expect((await dav("DELETE", "/jetable")).status).toBe(404);
  });

  it("serves the legacy /remote.php/webdav door and tolerates double slashes", async () => {
    const legacy = await call("/remote.php/webdav/compte-rendu.txt", { auth: ADMIN });
    expect(await legacy.text()).toBe("version 2");
    const doubled = await call(`${ROOT}//Adh%C3%A9rents//copie.txt`, { auth: ADMIN });
    expect(await doubled.text()).toBe("source");
    const listing = await call("/remote.php/webdav/", { auth: ADMIN, method: "PROPFIND", headers: { Depth: "0" } });
    expect(await listing.text()).toContain("<d:href>/remote.php/webdav/</d:href>");
  });
});
