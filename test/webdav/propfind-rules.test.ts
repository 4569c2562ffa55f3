import { beforeAll, describe, expect, it } from "vitest";
import { seedAdmin } from "../support/accounts";
import { dav, enc, etagOf, propfind } from "../support/dav";

describe("PROPFIND answers as sync clients need", () => {
  beforeAll(async () => {
    await seedAdmin();
    await dav("MKCOL", "/Partage%20Codep%2034");
    await dav("PUT", `/Partage%20Codep%2034/${enc("le cloud #1 & 100% + plus.txt")}`, { body: "contenu", headers: { "X-OC-Mtime": "1653386400" } });
  });

  it("lists the collection first, with absolute encoded hrefs, 200 before 404", async () => {
    const { status, text } = await propfind(
      "/Partage%20Codep%2034/",
      '<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop><d:getetag/><oc:fileid/><oc:permissions/><oc:checksums/><d:nothing/></d:prop></d:propfind>',
    );
    expect(status).toBe(207);
    const hrefs = [...text.matchAll(/<d:href>([^<]+)<\/d:href>/g)].map((m) => m[1]);
    expect(hrefs).toEqual(["/remote.php/dav/files/admin/Partage%20Codep%2034/", `/remote.php/dav/files/admin/Partage%20Codep%2034/${enc("le cloud #1 & 100% + plus.txt")}`]);
    expect(text.indexOf("HTTP/1.1 200 OK")).toBeLessThan(text.indexOf("HTTP/1.1 404 Not Found"));
    expect(text).toContain("<oc:permissions>RGDNVCK</oc:permissions>");
    expect(text).toContain("<oc:permissions>RGDNVW</oc:permissions>");
    expect(text).toContain("<oc:checksum>SHA1:");
  });

  it("keeps the client's modification time and gives a stable oc:id across a rename", async () => {
    const before = await propfind(`/Partage%20Codep%2034/${enc("le cloud #1 & 100% + plus.txt")}`, undefined, "0");
    expect(before.text).toContain("Tue, 24 May 2022 10:00:00 GMT");
    const id = /<oc:id>([^<]+)<\/oc:id>/.exec(before.text)![1];
    const moved = await dav("MOVE", `/Partage%20Codep%2034/${enc("le cloud #1 & 100% + plus.txt")}`, { headers: { Destination: "/remote.php/dav/files/admin/renamed.txt" } });
    expect(moved.status).toBe(201);
    const after = await propfind("/renamed.txt", undefined, "0");
    expect(/<oc:id>([^<]+)<\/oc:id>/.exec(after.text)![1]).toBe(id);
  });

  it("gives every ancestor a new ETag on a change deep down", async () => {
    await dav("MKCOL", "/a");
    await dav("MKCOL", "/a/b");
    const root1 = (await propfind("/", undefined, "0")).text;
    const a1 = (await propfind("/a/", undefined, "0")).text;
    await dav("PUT", "/a/b/note.md", { body: "# Note" });
    const root2 = (await propfind("/", undefined, "0")).text;
    const a2 = (await propfind("/a/", undefined, "0")).text;
    expect(etagOf(root2, "/remote.php/dav/files/admin/")).not.toBe(etagOf(root1, "/remote.php/dav/files/admin/"));
    expect(etagOf(a2, "/remote.php/dav/files/admin/a/")).not.toBe(etagOf(a1, "/remote.php/dav/files/admin/a/"));
    expect(a2).toContain("<oc:size>6</oc:size>");
  });

  it("refuses Depth infinity and malformed XML with 4xx", async () => {
    expect((await propfind("/", undefined, "infinity")).status).toBe(403);
    expect((await propfind("/", "<d:propfind xmlns:d='DAV:'><d:prop>")).status).toBe(400);
    expect((await propfind("/", "<d:propfind xmlns:d='DAV:' xmlns:bar=''><d:prop/></d:propfind>")).status).toBe(400);
  });
});
