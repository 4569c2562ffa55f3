import { beforeAll, describe, expect, it } from "vitest";
import { seedAdmin } from "../support/accounts";
import { dav, propfind } from "../support/dav";

const update = (inner: string) => `<?xml version="1.0" encoding="utf-8"?><D:propertyupdate xmlns:D="DAV:" xmlns:Z="urn:cumulus:test">${inner}</D:propertyupdate>`;
const ask = (inner: string) => `<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:" xmlns:Z="urn:cumulus:test"><D:prop>${inner}</D:prop></D:propfind>`;

describe("PROPPATCH keeps dead properties", () => {
  beforeAll(async () => {
    await seedAdmin();
    await dav("PUT", "/proprietes.txt", { body: "p" });
  });

  it("applies set and remove in document order", async () => {
    const res = await dav("PROPPATCH", "/proprietes.txt", {
      body: update("<D:set><D:prop><Z:couleur>bleu</Z:couleur></D:prop></D:set><D:remove><D:prop><Z:couleur/></D:prop></D:remove><D:set><D:prop><Z:forme>rond</Z:forme></D:prop></D:set>"),
    });
    expect(res.status).toBe(207);
    const { text } = await propfind("/proprietes.txt", ask("<Z:couleur/><Z:forme/>"), "0");
    expect(text).toMatch(/<x:forme xmlns:x="urn:cumulus:test">rond<\/x:forme>/);
    expect(text.indexOf("HTTP/1.1 200 OK")).toBeLessThan(text.indexOf("HTTP/1.1 404 Not Found"));
    expect(text.slice(text.indexOf("HTTP/1.1 200 OK"))).toContain("couleur");
  });

  it("keeps high Unicode and XML values, and follows the file when it moves", async () => {
    await dav("PROPPATCH", "/proprietes.txt", { body: update("<D:set><D:prop><Z:note>&#65536; été</Z:note><Z:arbre><Z:branche>feuille</Z:branche></Z:arbre></D:prop></D:set>") });
    await dav("MOVE", "/proprietes.txt", { headers: { Destination: "/remote.php/dav/files/admin/deplace.txt" } });
    const { text } = await propfind("/deplace.txt", ask("<Z:note/><Z:arbre/>"), "0");
    expect(text).toContain("\u{10000} été");
    expect(text).toContain('<branche xmlns="urn:cumulus:test">feuille</branche>');
  });

  it("refuses to set a computed property, and then changes nothing (403 then 424)", async () => {
    const res = await dav("PROPPATCH", "/deplace.txt", { body: update("<D:set><D:prop><D:getetag>faux</D:getetag><Z:autre>x</Z:autre></D:prop></D:set>") });
    const text = await res.text();
    expect(res.status).toBe(207);
    expect(text).toContain("HTTP/1.1 403");
    expect(text).toContain("HTTP/1.1 424");
    expect((await propfind("/deplace.txt", ask("<Z:autre/>"), "0")).text).toContain("HTTP/1.1 404");
  });

  it("answers 400 to a malformed body, 404 on a missing file", async () => {
    expect((await dav("PROPPATCH", "/deplace.txt", { body: "<D:propertyupdate xmlns:D='DAV:'>" })).status).toBe(400);
    expect((await dav("PROPPATCH", "/absent.txt", { body: update("") })).status).toBe(404);
  });
});
