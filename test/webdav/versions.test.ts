import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/accounts";
import { lifecycleUser } from "../support/lifecycle";

const u = lifecycleUser("versions-dav");
const other = lifecycleUser("versions-dav-other");
const base = `/remote.php/dav/versions/${u.id}`;

const versions = (path: string, method: string, init: RequestInit = {}, auth = u.auth) => call(`${base}${path}`, { auth, ...init, method });
const PROPS = `<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:nc="http://nextcloud.org/ns"><d:prop>
  <d:getcontentlength/><d:getcontenttype/><d:getlastmodified/><d:getetag/><nc:version-label/><nc:version-author/>
</d:prop></d:propfind>`;

async function versionHrefs(fileId: number): Promise<string[]> {
  const res = await versions(`/versions/${fileId}`, "PROPFIND", { headers: { Depth: "1" }, body: PROPS });
  expect(res.status).toBe(207);
  const xml = await res.text();
  return [...xml.matchAll(/<d:href>([^<]+)<\/d:href>/g)].map((m) => m[1]!).filter((h) => !h.endsWith("/"));
}

describe("/remote.php/dav/versions", () => {
  let fileId: number;
  beforeAll(async () => {
    await u.seed();
    await other.seed();
    await u.put("/rapport.md", "première");
    await u.put("/rapport.md", "deuxième version");
    fileId = (await u.node("/rapport.md"))!.id;
  });

  it("lists a file's versions named by their timestamp, with their properties", async () => {
    const res = await versions(`/versions/${fileId}`, "PROPFIND", { headers: { Depth: "1" }, body: PROPS });
    const xml = await res.text();
    expect(xml).toMatch(new RegExp(`<d:href>${base}/versions/${fileId}/\\d+</d:href>`));
    expect(xml).toContain(`<d:getcontentlength>${new TextEncoder().encode("première").length}</d:getcontentlength>`);
    expect(xml).toContain("<d:getcontenttype>text/markdown");
    expect(xml).toContain(`<nc:version-author>${u.id}</nc:version-author>`);
  });

  it("downloads a version with GET", async () => {
    const [href] = await versionHrefs(fileId);
    const res = await call(href!, { auth: u.auth });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("première");
  });

  it("sets a label with PROPPATCH", async () => {
    const [href] = await versionHrefs(fileId);
    const res = await call(href!, {
      auth: u.auth,
      method: "PROPPATCH",
      body: `<?xml version="1.0"?><d:propertyupdate xmlns:d="DAV:" xmlns:nc="http://nextcloud.org/ns"><d:set><d:prop><nc:version-label>Envoyé au bureau</nc:version-label></d:prop></d:set></d:propertyupdate>`,
    });
    expect(res.status).toBe(207);
    const xml = await (await versions(`/versions/${fileId}`, "PROPFIND", { headers: { Depth: "1" }, body: PROPS })).text();
    expect(xml).toContain("<nc:version-label>Envoyé au bureau</nc:version-label>");
  });

  it("restores a version with MOVE to restore/target; the replaced content becomes a version", async () => {
    const [href] = await versionHrefs(fileId);
    const before = (await u.node("/rapport.md"))!;
    const res = await call(href!, { auth: u.auth, method: "MOVE", headers: { Destination: `${base}/restore/target` } });
    expect(res.status).toBe(201);
    expect(await u.text("/rapport.md")).toBe("première");
    expect((await u.node("/rapport.md"))!.etag).not.toBe(before.etag);
    const hrefs = await versionHrefs(fileId);
    expect(hrefs).toHaveLength(1);
    expect(await (await call(hrefs[0]!, { auth: u.auth })).text()).toBe("deuxième version");
  });

  it("answers 404 for another user's file and 403 for another user's versions folder", async () => {
    expect((await call(`/remote.php/dav/versions/${other.id}/versions/${fileId}`, { auth: other.auth, method: "PROPFIND", headers: { Depth: "1" } })).status).toBe(404);
    expect((await versions(`/versions/${fileId}`, "PROPFIND", { headers: { Depth: "1" } }, other.auth)).status).toBe(403);
  });

  it("answers 404 for a trashed file's versions", async () => {
    await u.put("/jete.txt", "a");
    await u.put("/jete.txt", "b");
    const id = (await u.node("/jete.txt"))!.id;
    expect(await versionHrefs(id)).toHaveLength(1);
    await u.del("/jete.txt");
    expect((await versions(`/versions/${id}`, "PROPFIND", { headers: { Depth: "1" } })).status).toBe(404);
  });

  it("refuses a restore elsewhere than restore/target, and bad labels", async () => {
    const [href] = await versionHrefs(fileId);
    expect((await call(href!, { auth: u.auth, method: "MOVE", headers: { Destination: `/remote.php/dav/files/${u.id}/copie.md` } })).status).toBe(502);
    const bad = await call(href!, { auth: u.auth, method: "PROPPATCH", body: `<d:propertyupdate xmlns:d="DAV:"><d:set><d:prop><d:getetag>x</d:getetag></d:prop></d:set></d:propertyupdate>` });
    expect(bad.status).toBe(403);
  });
});
