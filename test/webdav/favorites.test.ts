import { beforeAll, describe, expect, it } from "vitest";
import { systemTagRelations, systemTags } from "../../schema/core";
import { db } from "../support/accounts";
import { lifecycleUser } from "../support/lifecycle";

const marie = lifecycleUser("fav-marie");
const paul = lifecycleUser("fav-paul");

const OC = 'xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"';
const star = (value: "0" | "1") => `<?xml version="1.0"?><d:propertyupdate ${OC}><d:set><d:prop><oc:favorite>${value}</oc:favorite></d:prop></d:set></d:propertyupdate>`;
const favoriteOf = async (u: typeof marie, path: string) => {
  const res = await u.files(path, "PROPFIND", { headers: { Depth: "0" }, body: `<d:propfind ${OC}><d:prop><oc:favorite/></d:prop></d:propfind>` });
  return /<oc:favorite>(\d)<\/oc:favorite>/.exec(await res.text())?.[1];
};
const report = (u: typeof marie, path: string, rules: string, props = "<d:prop><d:displayname/><oc:favorite/><oc:fileid/></d:prop>") =>
  u.files(path, "REPORT", { body: `<?xml version="1.0"?><oc:filter-files ${OC}>${props}<oc:filter-rules>${rules}</oc:filter-rules></oc:filter-files>` });

describe("favorites over WebDAV", () => {
  beforeAll(async () => {
    for (const u of [marie, paul]) {
      await u.seed();
      await u.mkcol("/Projets");
      await u.mkcol("/Projets/Été");
      await u.put("/Projets/Été/plan.md", "plan");
      await u.put("/notes.txt", "notes");
    }
  });

  it("PROPPATCH oc:favorite stars and unstars, and PROPFIND reads it back", async () => {
    expect(await favoriteOf(marie, "/notes.txt")).toBe("0");
    const res = await marie.files("/notes.txt", "PROPPATCH", { body: star("1") });
    expect(res.status).toBe(207);
    expect(await res.text()).toContain("HTTP/1.1 200 OK");
    expect(await favoriteOf(marie, "/notes.txt")).toBe("1");
    await marie.files("/notes.txt", "PROPPATCH", { body: star("0") });
    expect(await favoriteOf(marie, "/notes.txt")).toBe("0");
  });

  it("keeps stars per person: Marie's favorite is not Paul's", async () => {
    await marie.files("/Projets/Été/plan.md", "PROPPATCH", { body: star("1") });
    expect(await favoriteOf(marie, "/Projets/Été/plan.md")).toBe("1");
    expect(await favoriteOf(paul, "/Projets/Été/plan.md")).toBe("0");
  });

  it("answers oc:favorite for every entry of a listing", async () => {
    await marie.files("/Projets/Été", "PROPPATCH", { body: star("1") });
    const res = await marie.files("/Projets", "PROPFIND", { headers: { Depth: "1" }, body: `<d:propfind ${OC}><d:prop><oc:favorite/></d:prop></d:propfind>` });
    const xml = await res.text();
    expect(xml).toMatch(/Projets\/<\/d:href><d:propstat><d:prop><oc:favorite>0<\/oc:favorite>/);
    expect(xml).toMatch(/%C3%89t%C3%A9\/<\/d:href><d:propstat><d:prop><oc:favorite>1<\/oc:favorite>/);
  });

  it("REPORT filter-files lists the asker's favorites at any depth below the folder", async () => {
    const res = await report(marie, "/", "<oc:favorite>1</oc:favorite>");
    expect(res.status).toBe(207);
    const xml = await res.text();
    expect(xml).toContain(`<d:href>/remote.php/dav/files/fav-marie/Projets/%C3%89t%C3%A9/plan.md</d:href>`);
    expect(xml).toContain(`<d:href>/remote.php/dav/files/fav-marie/Projets/%C3%89t%C3%A9/</d:href>`);
    expect(xml).not.toContain("notes.txt");
    expect(xml).toContain("<d:displayname>plan.md</d:displayname>");
    expect(xml).toContain("<oc:favorite>1</oc:favorite>");
    const inside = await (await report(marie, "/Projets/%C3%89t%C3%A9", "<oc:favorite>1</oc:favorite>")).text();
    expect(inside).toContain("plan.md");
    expect(inside).not.toContain("<d:href>/remote.php/dav/files/fav-marie/Projets/%C3%89t%C3%A9/</d:href>");
    const pauls = await (await report(paul, "/", "<oc:favorite>1</oc:favorite>")).text();
    expect(pauls).not.toContain("<d:response>");
  });

  it("REPORT filter-files lists files with a system tag, and with a tag and a star together", async () => {
    const [tag] = await db().insert(systemTags).values({ name: "fav-test-urgent" }).onConflictDoUpdate({ target: systemTags.name, set: { userVisible: true } }).returning();
    const plan = (await marie.node("/Projets/Été/plan.md"))!;
    const notes = (await marie.node("/notes.txt"))!;
    await db().insert(systemTagRelations).values([{ tagId: tag!.id, nodeId: plan.id }, { tagId: tag!.id, nodeId: notes.id }]).onConflictDoNothing();
    const tagged = await (await report(marie, "/", `<oc:systemtag>${tag!.id}</oc:systemtag>`)).text();
    expect(tagged).toContain("plan.md");
    expect(tagged).toContain("notes.txt");
    const both = await (await report(marie, "/", `<oc:systemtag>${tag!.id}</oc:systemtag><oc:favorite>1</oc:favorite>`)).text();
    expect(both).toContain("plan.md");
    expect(both).not.toContain("notes.txt");
  });

  it("refuses a REPORT without rules, with an unknown rule, or of another kind, with a 4xx", async () => {
    expect((await report(marie, "/", "")).status).toBe(400);
    expect((await report(marie, "/", "<oc:owner>x</oc:owner>")).status).toBe(400);
    expect((await report(marie, "/", "<oc:systemtag>abc</oc:systemtag>")).status).toBe(400);
    const other = await marie.files("/", "REPORT", { body: `<d:sync-collection xmlns:d="DAV:"/>` });
    expect(other.status).toBe(415);
    expect(other.headers.get("Content-Type")).toContain("xml");
    expect((await marie.files("/", "REPORT", { body: "<oops" })).status).toBe(400);
  });

  it("a starred file that is deleted leaves the favorites", async () => {
    await marie.put("/temp.txt", "t");
    await marie.files("/temp.txt", "PROPPATCH", { body: star("1") });
    await marie.del("/temp.txt");
    expect(await (await report(marie, "/", "<oc:favorite>1</oc:favorite>")).text()).not.toContain("temp.txt");
  });
});
