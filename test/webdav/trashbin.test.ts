import { beforeAll, describe, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import { trashItems } from "../../schema/core";
import { call, db } from "../support/accounts";
import { lifecycleUser, r2Has } from "../support/lifecycle";

const u = lifecycleUser("trashbin-dav");
const other = lifecycleUser("trashbin-dav-other");
const base = `/remote.php/dav/trashbin/${u.id}`;

const trash = (path: string, method: string, init: RequestInit = {}, auth = u.auth) => call(`${base}${path}`, { auth, ...init, method });
const PROPS = `<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns"><d:prop>
  <nc:trashbin-filename/><nc:trashbin-original-location/><nc:trashbin-deletion-time/><nc:trashbin-title/><d:getcontentlength/><d:resourcetype/><oc:fileid/><oc:id/><d:getetag/><d:getlastmodified/><d:getcontenttype/><oc:nope/>
</d:prop></d:propfind>`;

async function listing(path = "/trash/") {
  const res = await trash(path, "PROPFIND", { headers: { Depth: "1" }, body: PROPS });
  expect(res.status).toBe(207);
  return res.text();
}

/** The trash name (`x.d<time>`) of the item whose original location is `location`. */
async function itemNamed(location: string): Promise<string> {
  const xml = await listing();
  for (const response of xml.split("<d:response>").slice(1)) {
    if (response.includes(`<nc:trashbin-original-location>${location}</nc:trashbin-original-location>`)) {
      return decodeURIComponent(/<d:href>[^<]*\/trash\/([^<\/]+)\/?<\/d:href>/.exec(response)![1]!);
    }
  }
  throw new Error(`${location} is not in the trash`);
}

describe("/remote.php/dav/trashbin", () => {
  beforeAll(async () => {
    await u.seed();
    await other.seed();
  });

  it("lists deleted items with Nextcloud's trashbin properties", async () => {
    await u.mkcol("/Réunions");
    await u.put("/Réunions/ordre du jour.md", "ordre");
    await u.del("/Réunions/ordre du jour.md");
    const xml = await listing();
    expect(xml).toContain("<nc:trashbin-filename>ordre du jour.md</nc:trashbin-filename>");
    expect(xml).toContain("<nc:trashbin-original-location>Réunions/ordre du jour.md</nc:trashbin-original-location>");
    expect(xml).toMatch(/<nc:trashbin-deletion-time>\d+<\/nc:trashbin-deletion-time>/);
    expect(xml).toContain("<d:getcontentlength>5</d:getcontentlength>");
    expect(xml).toMatch(new RegExp(`<d:href>${base}/trash/ordre%20du%20jour\\.md\\.d\\d+</d:href>`));
    expect(xml).toContain("<oc:nope/></d:prop><d:status>HTTP/1.1 404");
  });

  it("browses inside a trashed folder and downloads a file from it", async () => {
    await u.mkcol("/Photos");
    await u.put("/Photos/plage.jpg", "jpeg");
    await u.del("/Photos");
    const item = await itemNamed("Photos");
    const inside = await listing(`/trash/${encodeURIComponent(item)}/`);
    expect(inside).toContain("<nc:trashbin-original-location>Photos/plage.jpg</nc:trashbin-original-location>");
    const res = await trash(`/trash/${encodeURIComponent(item)}/plage.jpg`, "GET");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("jpeg");
  });

  it("restores an item with MOVE to restore/", async () => {
    await u.put("/devis.pdf", "devis");
    await u.del("/devis.pdf");
    const item = await itemNamed("devis.pdf");
    const res = await trash(`/trash/${encodeURIComponent(item)}`, "MOVE", { headers: { Destination: `http://cumulus.test${base}/restore/devis.pdf` } });
    expect(res.status).toBe(201);
    expect(await u.text("/devis.pdf")).toBe("devis");
    expect(await listing()).not.toContain("<nc:trashbin-filename>devis.pdf</nc:trashbin-filename>");
  });

  it("purges an item with DELETE and empties the trash with DELETE on trash/", async () => {
    await u.put("/brouillon.txt", "brouillon");
    const blob = (await u.node("/brouillon.txt"))!.blobKey!;
    await u.del("/brouillon.txt");
    const item = await itemNamed("brouillon.txt");
    expect((await trash(`/trash/${encodeURIComponent(item)}`, "DELETE")).status).toBe(204);
    expect(await r2Has(blob)).toBe(false);
    await u.put("/encore.txt", "encore");
    await u.del("/encore.txt");
    expect((await trash("/trash", "DELETE")).status).toBe(204);
    const xml = await listing();
    expect(xml.split("<d:response>").length - 1).toBe(1);
  });

  it("tells apart two items of one name deleted in the same second", async () => {
    const ids: number[] = [];
    for (const content of ["premier", "second"]) {
      await u.put("/jumeau.txt", content);
      ids.push((await u.node("/jumeau.txt"))!.id);
      await u.del("/jumeau.txt");
    }
    await db().update(trashItems).set({ deletedAt: 1_700_000_000 }).where(inArray(trashItems.nodeId, ids));
    const xml = await listing();
    const hrefs = [...xml.matchAll(/<d:href>([^<]*jumeau[^<]*)<\/d:href>/g)].map((m) => m[1]!);
    expect(new Set(hrefs).size).toBe(2);
    const contents = await Promise.all(hrefs.map(async (h) => (await call(h, { auth: u.auth })).text()));
    expect(contents.sort()).toEqual(["premier", "second"]);
  });

  it("keeps other users out", async () => {
    expect((await trash("/trash/", "PROPFIND", { headers: { Depth: "1" } }, other.auth)).status).toBe(403);
    expect((await trash("/trash/", "DELETE", {}, other.auth)).status).toBe(403);
    expect((await call(`/remote.php/dav/trashbin/${u.id}/trash/`, { method: "PROPFIND" })).status).toBe(401);
  });

  it("answers 404 for an unknown item, as XML", async () => {
    const res = await trash("/trash/inconnu.d123", "DELETE");
    expect(res.status).toBe(404);
    expect(res.headers.get("Content-Type")).toContain("xml");
  });
});
