import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/accounts";
import { lifecycleUser } from "../support/lifecycle";

const lea = lifecycleUser("search-lea");
const max = lifecycleUser("search-max");

const NS = 'xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns"';
function body(where: string, options: { scope?: string; orderby?: string; limit?: number; props?: string } = {}) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<d:searchrequest ${NS}><d:basicsearch>
  <d:select><d:prop>${options.props ?? "<d:displayname/><d:getlastmodified/><oc:fileid/>"}</d:prop></d:select>
  <d:from><d:scope><d:href>${options.scope ?? "/files/search-lea"}</d:href><d:depth>infinity</d:depth></d:scope></d:from>
  <d:where>${where}</d:where>
  <d:orderby>${options.orderby ?? ""}</d:orderby>
  ${options.limit === undefined ? "" : `<d:limit><d:nresults>${options.limit}</d:nresults></d:limit>`}
</d:basicsearch></d:searchrequest>`;
}
const like = (term: string) => `<d:like><d:prop><d:displayname/></d:prop><d:literal>${term}</d:literal></d:like>`;
const search = (xml: string, u = lea, path = "/remote.php/dav/") => call(path, { method: "SEARCH", auth: u.auth, headers: { "Content-Type": "text/xml" }, body: xml });
const names = (xml: string) => [...xml.matchAll(/<d:displayname>([^<]*)<\/d:displayname>/g)].map((m) => m[1]);
const touch = (u: typeof lea, path: string, mtime: number) =>
  u.files(path, "PROPPATCH", { body: `<d:propertyupdate xmlns:d="DAV:"><d:set><d:prop><d:getlastmodified>${new Date(mtime * 1000).toUTCString()}</d:getlastmodified></d:prop></d:set></d:propertyupdate>` });

describe("DAV SEARCH", () => {
  beforeAll(async () => {
    await lea.seed();
    await max.seed();
    await lea.mkcol("/Budget");
    await lea.mkcol("/Budget/Écoles");
    await lea.put("/Budget/Rapport annuel.pdf", "pdf");
    await lea.put("/Budget/Écoles/rapport-été.md", "md");
    await lea.put("/Budget/Écoles/ÉTÉ.txt", "txt");
    await lea.put("/photo.jpg", "jpg");
    await max.put("/rapport secret.txt", "max's");
    await touch(lea, "/Budget/Rapport%20annuel.pdf", 1_600_000_000);
    await touch(lea, "/Budget/%C3%89coles/rapport-%C3%A9t%C3%A9.md", 1_700_000_000);
    await touch(lea, "/Budget/%C3%89coles/%C3%89T%C3%89.txt", 1_650_000_000);
    await touch(lea, "/photo.jpg", 1_500_000_000);
  });

  it("finds names with %term%, case-insensitively, at any depth, with hrefs in the files tree", async () => {
    const res = await search(body(like("%RAPPORT%")));
    expect(res.status).toBe(207);
    const xml = await res.text();
    expect(names(xml).sort()).toEqual(["Rapport annuel.pdf", "rapport-été.md"]);
    expect(xml).toContain("<d:href>/remote.php/dav/files/search-lea/Budget/%C3%89coles/rapport-%C3%A9t%C3%A9.md</d:href>");
    expect(xml).not.toContain("secret");
  });

  it("matches accents as typed, in any letter case", async () => {
    expect(names(await (await search(body(like("%été%")))).text()).sort()).toEqual(["rapport-été.md", "ÉTÉ.txt"]);
    expect(names(await (await search(body(like("%ete%")))).text())).toEqual([]);
    expect(names(await (await search(body(like("écoles")))).text())).toEqual(["Écoles"]);
  });

  it("finds names with a hyphen or a slash in the pattern", async () => {
    expect(names(await (await search(body(like("%rapport-été%")))).text())).toEqual(["rapport-été.md"]);
    expect((await search(body(like("%a/b%")))).status).toBe(207);
  });

  it("orders by last modification, newest first, and honours the limit (Recent)", async () => {
    const recent = body(`<d:not><d:is-collection/></d:not>`, { orderby: "<d:order><d:prop><d:getlastmodified/></d:prop><d:descending/></d:order>", limit: 3 });
    expect(names(await (await search(recent)).text())).toEqual(["rapport-été.md", "ÉTÉ.txt", "Rapport annuel.pdf"]);
  });

  it("combines gt/lt on getlastmodified, content types and favorites with and/or", async () => {
    const range = `<d:and><d:gt><d:prop><d:getlastmodified/></d:prop><d:literal>1550000000</d:literal></d:gt><d:lt><d:prop><d:getlastmodified/></d:prop><d:literal>2021-06-01T00:00:00Z</d:literal></d:lt></d:and>`;
    expect(names(await (await search(body(range))).text())).toEqual(["Rapport annuel.pdf"]);
    const types = `<d:or><d:eq><d:prop><d:getcontenttype/></d:prop><d:literal>image/jpeg</d:literal></d:eq><d:like><d:prop><d:getcontenttype/></d:prop><d:literal>application/pdf</d:literal></d:like></d:or>`;
    expect(names(await (await search(body(types))).text()).sort()).toEqual(["Rapport annuel.pdf", "photo.jpg"]);
    await lea.files("/photo.jpg", "PROPPATCH", { body: `<d:propertyupdate ${NS}><d:set><d:prop><oc:favorite>1</oc:favorite></d:prop></d:set></d:propertyupdate>` });
    expect(names(await (await search(body(`<d:eq><d:prop><oc:favorite/></d:prop><d:literal>1</d:literal></d:eq>`))).text())).toEqual(["photo.jpg"]);
  });

  it("answers the Recent request of Nextcloud's web UI (folders excluded unless empty files, paging)", async () => {
    const recent = (first: number) => `<?xml version="1.0" encoding="UTF-8"?>
<d:searchrequest ${NS} xmlns:ns="https://github.com/icewind1991/SearchDAV/ns">
 <d:basicsearch>
  <d:select><d:prop><d:displayname/><oc:favorite/><oc:permissions/><d:resourcetype/></d:prop></d:select>
  <d:from><d:scope><d:href>/files/search-lea/</d:href><d:depth>infinity</d:depth></d:scope></d:from>
  <d:where><d:and>
   <d:or>
    <d:not><d:eq><d:prop><d:getcontenttype/></d:prop><d:literal>httpd/unix-directory</d:literal></d:eq></d:not>
    <d:eq><d:prop><oc:size/></d:prop><d:literal>0</d:literal></d:eq>
   </d:or>
   <d:gt><d:prop><d:getlastmodified/></d:prop><d:literal>1550000000</d:literal></d:gt>
  </d:and></d:where>
  <d:orderby><d:order><d:prop><d:getlastmodified/></d:prop><d:descending/></d:order></d:orderby>
  <d:limit><d:nresults>2</d:nresults><ns:firstresult>${first}</ns:firstresult></d:limit>
 </d:basicsearch>
</d:searchrequest>`;
    const page1 = await search(recent(0));
    expect(page1.status).toBe(207);
    expect(names(await page1.text())).toEqual(["rapport-été.md", "ÉTÉ.txt"]);
    expect(names(await (await search(recent(2))).text())).toEqual(["Rapport annuel.pdf"]);
  });

  it("searches only below the scope, and only the asker's own tree", async () => {
    expect(names(await (await search(body(like("%"), { scope: "/files/search-lea/Budget/%C3%89coles" }))).text()).sort()).toEqual(["rapport-été.md", "ÉTÉ.txt"]);
    expect((await search(body(like("%"), { scope: "/files/search-max" }))).status).toBe(403);
    expect((await search(body(like("%"), { scope: "/files/search-lea/nowhere" }))).status).toBe(400);
    expect((await search(body(like("%"), { scope: "/files/search-lea/../search-max" }))).status).toBeGreaterThanOrEqual(400);
    expect((await search(body(like("%")), lea, "/remote.php/dav")).status).toBe(207);
  });

  it("answers unsupported or malformed searches with an XML 400, never a 500", async () => {
    for (const xml of [
      body(`<d:like><d:prop><oc:owner-id/></d:prop><d:literal>x</d:literal></d:like>`),
      body(`<d:gt><d:prop><d:displayname/></d:prop><d:literal>x</d:literal></d:gt>`),
      body(`<d:gt><d:prop><d:getlastmodified/></d:prop><d:literal>yesterday-ish</d:literal></d:gt>`),
      body(`<d:contains>x</d:contains>`),
      body(like("%"), { limit: -1 }),
      body(like("%"), { orderby: "<d:order><d:prop><oc:owner-id/></d:prop></d:order>" }),
      `<d:searchrequest xmlns:d="DAV:"/>`,
      "<not xml",
    ]) {
      const res = await search(xml);
      expect(res.status, xml).toBe(400);
      expect(res.headers.get("Content-Type")).toContain("xml");
    }
  });

  it("takes a backslash in a pattern as an escape, even a trailing one, without a 500", async () => {
    expect(names(await (await search(body(like("%annuel\\.pdf")))).text())).toEqual(["Rapport annuel.pdf"]);
    const trailing = await search(body(like("%rapport\\")));
    expect(trailing.status).toBe(207);
    expect(names(await trailing.text())).toEqual([]);
    expect((await search(body(like("%été\\")))).status).toBe(207);
  });

  it("does not take over the other /remote.php/dav methods", async () => {
    expect((await call("/remote.php/dav/", { method: "GET", auth: lea.auth })).status).not.toBe(207);
    expect((await lea.files("/", "PROPFIND", { headers: { Depth: "0" } })).status).toBe(207);
  });
});
