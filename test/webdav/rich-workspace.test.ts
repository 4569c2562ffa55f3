import { beforeAll, describe, expect, it } from "vitest";
import { lifecycleUser } from "../support/lifecycle";

const u = lifecycleUser("rich-workspace");
const NS = 'xmlns:d="DAV:" xmlns:nc="http://nextcloud.org/ns" xmlns:oc="http://owncloud.org/ns"';
const propfind = async (path: string, depth = "1") =>
  (await u.files(path, "PROPFIND", { headers: { Depth: depth }, body: `<d:propfind ${NS}><d:prop><nc:rich-workspace/><nc:rich-workspace-file/><oc:fileid/></d:prop></d:propfind>` })).text();

describe("folder description (rich workspace)", () => {
  beforeAll(async () => {
    await u.seed();
    await u.mkcol("/Club");
    await u.mkcol("/Club/Sorties");
    await u.put("/Club/Readme.md", "# Club <plongée> & co\n");
    await u.put("/Club/Sorties/Readme.md", "sorties");
    await u.mkcol("/Vide");
  });

  it("gives the folder's Readme.md text and file id, escaped", async () => {
    const xml = await propfind("/Club", "0");
    const readme = (await u.node("/Club/Readme.md"))!;
    expect(xml).toContain("<nc:rich-workspace># Club &lt;plongée&gt; &amp; co\n</nc:rich-workspace>");
    expect(xml).toContain(`<nc:rich-workspace-file>${readme.id}</nc:rich-workspace-file>`);
  });

  it("reads the text only for the listed folder, not for each child folder", async () => {
    const xml = await propfind("/Club", "1");
    expect(xml).not.toContain("sorties</nc:rich-workspace>");
    const sorties = xml.slice(xml.indexOf("/Club/Sorties/</d:href>"));
    const readme = (await u.node("/Club/Sorties/Readme.md"))!;
    expect(sorties.slice(0, sorties.indexOf("</d:response>"))).toContain(`<nc:rich-workspace-file>${readme.id}</nc:rich-workspace-file>`);
  });

  it("is empty for a folder without a Readme, and undefined on files", async () => {
    const xml = await propfind("/Vide", "0");
    expect(xml).toMatch(/<nc:rich-workspace\/>/);
    expect(xml).toMatch(/<nc:rich-workspace-file\/>/);
    const file = await propfind("/Club/Readme.md", "0");
    expect(file).toContain("404 Not Found");
  });

  it("cuts a long note at 64 KiB", async () => {
    await u.mkcol("/Long");
    await u.put("/Long/Readme.md", "é".repeat(40 * 1024));
    const xml = await propfind("/Long", "0");
    const text = /<nc:rich-workspace>([^<]*)<\/nc:rich-workspace>/.exec(xml)![1]!;
    expect(new TextEncoder().encode(text).byteLength).toBeLessThanOrEqual(64 * 1024);
    expect(text).toMatch(/^é+$/);
  });
});
