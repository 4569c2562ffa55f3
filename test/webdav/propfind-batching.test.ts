import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { plugins } from "../../plugins";
import { createApp } from "../../workers/app";
import { asc, eq } from "drizzle-orm";
import { fileNodes } from "../../schema/core";
import { children } from "../../workers/storage/tree";
import { basic, db, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { dav } from "../support/dav";

// The same Worker, with a D1 binding that counts the statements each request sends, and its calls to
// D1 (a batch or a statement sent alone): each call is a round trip.
const app = createApp(plugins);
let statements = 0;
let calls = 0;
const SENDS = new Set(["all", "raw", "run", "first"]);
function countingStatement(statement: D1PreparedStatement): D1PreparedStatement {
  return new Proxy(statement, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== "function") return value;
      if (prop === "bind") return (...args: unknown[]) => countingStatement(target.bind(...args));
      if (SENDS.has(String(prop))) calls++;
      return value.bind(target);
    },
  });
}
const countingDb = new Proxy(env.DB, {
  get(target, prop) {
    if (prop === "prepare") return (query: string) => (statements++, countingStatement(target.prepare(query)));
    if (prop === "batch") return (batch: D1PreparedStatement[]) => (calls++, target.batch(batch));
    const value: unknown = Reflect.get(target, prop);
    return typeof value === "function" ? value.bind(target) : value;
  },
});
const counted = { ...env, DB: countingDb };

/** A PROPFIND through the counting binding: its status, its body and how many statements and calls to D1 it cost. */
async function countedPropfind(path: string, body?: string) {
  statements = 0;
  calls = 0;
  const res = await app.request(
    `/remote.php/dav/files/admin${path}`,
    { method: "PROPFIND", headers: { Authorization: basic("admin", STRONG_PASSWORD), Depth: "1" }, body },
    counted,
  );
  return { status: res.status, text: await res.text(), statements, calls };
}

/** `count` small files in a folder of admin's root, straight in D1 (200 PUTs would only slow the test). */
async function seedFolder(name: string, count: number) {
  expect((await dav("MKCOL", `/${name}`)).status).toBe(201);
  await env.DB.prepare(
    `INSERT INTO file_nodes (owner_id, parent_id, name, is_folder, size, mime, etag, mtime, sha1)
     WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ?2 - 1)
     SELECT 'admin', (SELECT n.id FROM file_nodes n JOIN file_nodes r ON n.parent_id = r.id
       WHERE r.parent_id IS NULL AND r.space_id IS NULL AND r.owner_id = 'admin' AND n.name = ?1),
       'fichier-' || i || '.txt', 0, 10, 'text/plain', lower(hex(randomblob(8))), unixepoch(), lower(hex(randomblob(20))) FROM seq`,
  )
    .bind(name, count)
    .run();
}

const NEXTCLOUD_CLIENT_PROPS = `<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns"><d:prop>
  <d:resourcetype/><d:getlastmodified/><d:getcontentlength/><d:getetag/><oc:size/><oc:id/><oc:fileid/><oc:downloadURL/><oc:dDC/>
  <oc:permissions/><oc:checksums/><oc:share-types/><oc:favorite/><nc:system-tags/><oc:comments-unread/></d:prop></d:propfind>`;

describe("PROPFIND depth 1 costs the same queries whatever the folder's size", () => {
  beforeAll(async () => {
    await seedAdmin();
    await seedFolder("petit", 20);
    await seedFolder("grand", 200);
    // Something for every per-node source to find: a star, a dead property, a lock, a share.
    for (const folder of ["petit", "grand"]) {
      await dav("PROPPATCH", `/${folder}/fichier-3.txt`, {
        body: `<?xml version="1.0"?><d:propertyupdate xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:z="urn:cumulus-test"><d:set><d:prop><oc:favorite>1</oc:favorite><z:couleur>bleu</z:couleur></d:prop></d:set></d:propertyupdate>`,
      });
      const locked = await dav("LOCK", `/${folder}/fichier-5.txt`, {
        headers: { Timeout: "Second-600" },
        body: `<?xml version="1.0"?><d:lockinfo xmlns:d="DAV:"><d:lockscope><d:exclusive/></d:lockscope><d:locktype><d:write/></d:locktype></d:lockinfo>`,
      });
      expect(locked.status).toBe(200);
    }
  });

  for (const [label, body] of [
    ["allprop", undefined],
    ["the Nextcloud client's properties", NEXTCLOUD_CLIENT_PROPS],
  ] as const) {
    it(`${label}: 200 entries cost no more statements than 20, and every entry is there`, async () => {
      const small = await countedPropfind("/petit/", body);
      const large = await countedPropfind("/grand/", body);
      expect(small.status).toBe(207);
      expect(large.status).toBe(207);
      expect(large.statements).toBe(small.statements);
      // Authentication, the path and the listing, then one round for the properties: a handful, never per entry.
      expect(large.statements).toBeLessThanOrEqual(12);
      // Calls to D1: authentication and the path (together), then one batch for the listing, its locks,
      // its dead properties and the property sources' reads.
      expect(large.calls).toBeLessThanOrEqual(3);
      const hrefs = [...large.text.matchAll(/<d:href>([^<]+)<\/d:href>/g)].map((m) => m[1]);
      expect(hrefs[0]).toBe("/remote.php/dav/files/admin/grand/");
      expect(new Set(hrefs.filter((h) => h?.startsWith("/remote.php/dav/files/admin/grand/fichier-"))).size).toBe(200);
      expect(large.text.match(/<oc:favorite>1<\/oc:favorite>/g)).toHaveLength(1);
      expect(large.text.match(/<oc:permissions>RGDNVW<\/oc:permissions>/g)).toHaveLength(200);
      expect(large.text.match(/<oc:checksum>SHA1:[0-9a-f]{40}<\/oc:checksum>/g)).toHaveLength(200);
    });
  }

  it("allprop still carries dead properties and each node's own lock", async () => {
    const { text } = await countedPropfind("/grand/");
    const entry = (name: string) => {
      const at = text.indexOf(`<d:href>/remote.php/dav/files/admin/grand/${name}</d:href>`);
      return text.slice(at, text.indexOf("</d:response>", at));
    };
    expect(entry("fichier-3.txt")).toContain('<x:couleur xmlns:x="urn:cumulus-test">bleu</x:couleur>');
    expect(entry("fichier-5.txt")).toContain("<d:activelock>");
    expect(entry("fichier-5.txt")).toContain("<d:lockroot><d:href>/remote.php/dav/files/admin/grand/fichier-5.txt</d:href></d:lockroot>");
    expect(entry("fichier-6.txt")).toContain("<d:lockdiscovery/>");
    expect(entry("fichier-6.txt")).not.toContain("couleur");
  });

  it("reads a folder's children as drizzle would, booleans included, without its per-cell decoding", async () => {
    await dav("MKCOL", "/grand/sous-dossier");
    const [folder] = await db().select().from(fileNodes).where(eq(fileNodes.name, "grand"));
    const expected = await db().select().from(fileNodes).where(eq(fileNodes.parentId, folder!.id)).orderBy(asc(fileNodes.name));
    const listed = await children(db(), folder!.id);
    expect(listed).toEqual(expected);
    expect(listed.find((n) => n.name === "sous-dossier")?.isFolder).toBe(true);
    expect(listed.find((n) => n.name === "fichier-1.txt")?.isFolder).toBe(false);
  });
});
