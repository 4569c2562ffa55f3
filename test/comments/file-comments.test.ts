import { beforeAll, describe, expect, it } from "vitest";
import { createUser, findUser } from "../../workers/accounts/users";
import { fileComments } from "../../schema/file-lifecycle";
import { call, db, seedAdmin, STRONG_PASSWORD } from "../support/accounts";

const LEA: [string, string] = ["comments-lea", STRONG_PASSWORD];
const MARC: [string, string] = ["comments-marc", STRONG_PASSWORD];
const OC = 'xmlns:oc="http://owncloud.org/ns"';
const COMMENTS = "/remote.php/dav/comments/files";

async function upload(who: [string, string], name: string): Promise<number> {
  const path = `/remote.php/dav/files/${who[0]}/${name}`;
  expect((await call(path, { method: "PUT", auth: who, body: "contenu" })).status).toBeLessThan(300);
  const res = await call(path, { method: "PROPFIND", auth: who, headers: { Depth: "0" }, body: `<d:propfind xmlns:d="DAV:" ${OC}><d:prop><oc:fileid/></d:prop></d:propfind>` });
  return Number(/<oc:fileid>(\d+)<\/oc:fileid>/.exec(await res.text())![1]);
}

function post(who: [string, string], fileId: number, message: unknown, extra: Record<string, unknown> = {}) {
  return call(`${COMMENTS}/${fileId}`, {
    method: "POST",
    auth: who,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ actorType: "users", verb: "comment", message, ...extra }),
  });
}

async function comment(who: [string, string], fileId: number, message: string): Promise<number> {
  const res = await post(who, fileId, message);
  expect(res.status).toBe(201);
  const location = res.headers.get("Content-Location")!;
  expect(location).toMatch(new RegExp(`^${COMMENTS}/${fileId}/\\d+$`));
  return Number(location.split("/").pop());
}

function report(who: [string, string], fileId: number, filter: string) {
  return call(`${COMMENTS}/${fileId}`, {
    method: "REPORT",
    auth: who,
    body: `<?xml version="1.0" encoding="utf-8"?><oc:filter-comments xmlns:D="DAV:" ${OC}>${filter}</oc:filter-comments>`,
  });
}

const messages = (xml: string) => [...xml.matchAll(/<oc:message>([^<]*)<\/oc:message>/g)].map((m) => m[1]);

function filesProps(who: [string, string]) {
  return call(`/remote.php/dav/files/${who[0]}/`, {
    method: "PROPFIND",
    auth: who,
    headers: { Depth: "1" },
    body: `<d:propfind xmlns:d="DAV:" ${OC}><d:prop><oc:fileid/><oc:comments-count/><oc:comments-unread/><oc:comments-href/></d:prop></d:propfind>`,
  }).then((r) => r.text());
}

function entryOf(xml: string, fileId: number): string {
  return xml.split("<d:response>").find((r) => r.includes(`<oc:fileid>${fileId}</oc:fileid>`)) ?? "";
}

describe("file comments over DAV", () => {
  let fileId: number;
  let marcFile: number;

  beforeAll(async () => {
    await seedAdmin();
    for (const [id, name] of [[LEA[0], "Léa Martin"], [MARC[0], "Marc"]] as const) {
      if (!(await findUser(db(), id))) await createUser(db(), { id, password: STRONG_PASSWORD, displayName: name });
    }
    fileId = await upload(LEA, "rapport.md");
    marcFile = await upload(MARC, "prive.md");
  });

  it("posts comments and lists them newest first, with limit and offset", async () => {
    for (const m of ["premier", "deuxième", "troisième <&>"]) await comment(LEA, fileId, m);
    const all = await report(LEA, fileId, "<oc:limit>20</oc:limit><oc:offset>0</oc:offset>");
    expect(all.status).toBe(207);
    const xml = await all.text();
    expect(messages(xml)).toEqual(["troisième &lt;&amp;&gt;", "deuxième", "premier"]);
    expect(xml).toContain("<oc:actorType>users</oc:actorType>");
    expect(xml).toContain(`<oc:actorId>${LEA[0]}</oc:actorId>`);
    expect(xml).toContain("<oc:actorDisplayName>Léa Martin</oc:actorDisplayName>");
    expect(xml).toContain("<oc:verb>comment</oc:verb>");
    expect(xml).toContain("<oc:objectType>files</oc:objectType>");
    expect(xml).toContain(`<oc:objectId>${fileId}</oc:objectId>`);
    expect(xml).toMatch(/<oc:creationDateTime>\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT<\/oc:creationDateTime>/);
    expect(xml).toContain("<oc:isUnread>true</oc:isUnread>");
    expect(messages(await (await report(LEA, fileId, "<oc:limit>1</oc:limit><oc:offset>1</oc:offset>")).text())).toEqual(["deuxième"]);
    expect(messages(await (await report(LEA, fileId, "<oc:offset>2</oc:offset>")).text())).toEqual(["premier"]);
  });

  it("reads, edits and deletes one comment; only its author may change it", async () => {
    const id = await comment(LEA, fileId, "à corriger");
    const one = await call(`${COMMENTS}/${fileId}/${id}`, { method: "PROPFIND", auth: LEA, headers: { Depth: "0" }, body: `<d:propfind xmlns:d="DAV:" ${OC}><d:prop><oc:message/><oc:nope/></d:prop></d:propfind>` });
    const text = await one.text();
    expect(text).toContain("<oc:message>à corriger</oc:message>");
    expect(text).toContain("HTTP/1.1 404");
    const edit = (who: [string, string], message: string) =>
      call(`${COMMENTS}/${fileId}/${id}`, {
        method: "PROPPATCH",
        auth: who,
        body: `<d:propertyupdate xmlns:d="DAV:" ${OC}><d:set><d:prop><oc:message>${message}</oc:message></d:prop></d:set></d:propertyupdate>`,
      });
    expect((await edit(LEA, "corrigé")).status).toBe(207);
    expect(messages(await (await report(LEA, fileId, "<oc:limit>1</oc:limit>")).text())).toEqual(["corrigé"]);
    expect((await edit(LEA, "x".repeat(1001))).status).toBe(400);
    expect((await call(`${COMMENTS}/${fileId}/${id}`, { method: "DELETE", auth: LEA })).status).toBe(204);
    expect((await call(`${COMMENTS}/${fileId}/${id}`, { method: "PROPFIND", auth: LEA })).status).toBe(404);
  });

  it("forbids changing someone else's comment (403), even on one's own file", async () => {
    // Today only owners reach a file; a comment by someone else is what a share leaves behind.
    const [row] = await db().insert(fileComments).values({ nodeId: fileId, actorId: MARC[0], message: "de marc" }).returning();
    const id = row!.id;
    const body = `<d:propertyupdate xmlns:d="DAV:" ${OC}><d:set><d:prop><oc:message>réécrit</oc:message></d:prop></d:set></d:propertyupdate>`;
    expect((await call(`${COMMENTS}/${fileId}/${id}`, { method: "PROPPATCH", auth: LEA, body })).status).toBe(403);
    expect((await call(`${COMMENTS}/${fileId}/${id}`, { method: "DELETE", auth: LEA })).status).toBe(403);
    const listed = await (await report(LEA, fileId, "")).text();
    expect(listed).toContain("<oc:message>de marc</oc:message>");
    expect(listed).toContain("<oc:actorDisplayName>Marc</oc:actorDisplayName>");
    // Marc cannot reach Léa's file at all: 404, never a hint that it exists.
    expect((await call(`${COMMENTS}/${fileId}/${id}`, { method: "DELETE", auth: MARC })).status).toBe(404);
    // A comment id of another file is not found through this one.
    const elsewhere = await comment(MARC, marcFile, "chez marc");
    expect((await call(`${COMMENTS}/${fileId}/${elsewhere}`, { method: "PROPFIND", auth: LEA })).status).toBe(404);
  });

  it("answers 404 for a file the asker cannot see", async () => {
    expect((await post(LEA, marcFile, "intrus")).status).toBe(404);
    expect((await report(LEA, marcFile, "<oc:limit>5</oc:limit>")).status).toBe(404);
    expect((await call(`${COMMENTS}/${marcFile}`, { method: "PROPFIND", auth: LEA, headers: { Depth: "1" } })).status).toBe(404);
    expect((await post(LEA, 99999999, "nulle part")).status).toBe(404);
  });

  it("counts comments and unread ones on files, and the read marker clears them", async () => {
    const counted = await upload(LEA, "compte.md");
    await comment(LEA, counted, "un");
    await comment(LEA, counted, "deux");
    let entry = entryOf(await filesProps(LEA), counted);
    expect(entry).toContain("<oc:comments-count>2</oc:comments-count>");
    expect(entry).toContain("<oc:comments-unread>2</oc:comments-unread>");
    expect(entry).toContain(`<oc:comments-href>/remote.php/dav/comments/files/${counted}</oc:comments-href>`);

    const mark = await call(`${COMMENTS}/${counted}`, {
      method: "PROPPATCH",
      auth: LEA,
      body: `<d:propertyupdate xmlns:d="DAV:" ${OC}><d:set><d:prop><oc:readMarker>${new Date(Date.now() + 1000).toUTCString()}</oc:readMarker></d:prop></d:set></d:propertyupdate>`,
    });
    expect(mark.status).toBe(207);
    entry = entryOf(await filesProps(LEA), counted);
    expect(entry).toContain("<oc:comments-count>2</oc:comments-count>");
    expect(entry).toContain("<oc:comments-unread>0</oc:comments-unread>");
    expect(await (await report(LEA, counted, "")).text()).not.toContain("<oc:isUnread>true</oc:isUnread>");
    const uncommented = await upload(LEA, "vierge.md");
    expect(entryOf(await filesProps(LEA), uncommented)).toContain("<oc:comments-count>0</oc:comments-count>");
  });

  it("refuses bad comments and bad bodies with 4xx, never 500", async () => {
    expect((await post(LEA, fileId, "x".repeat(1001))).status).toBe(413);
    expect((await post(LEA, fileId, "")).status).toBe(400);
    expect((await post(LEA, fileId, 42)).status).toBe(400);
    expect((await post(LEA, fileId, "ok", { actorType: "robots" })).status).toBe(400);
    expect((await call(`${COMMENTS}/${fileId}`, { method: "POST", auth: LEA, body: "{cassé" })).status).toBe(400);
    const badXml = await report(LEA, fileId, "<oc:limit>");
    expect(badXml.status).toBe(400);
    expect(await badXml.text()).toContain("<s:message>");
    expect((await report(LEA, fileId, "<oc:limit>-3</oc:limit>")).status).toBe(400);
    expect((await call(`${COMMENTS}/${fileId}`, { method: "REPORT", auth: LEA, body: `<d:propfind xmlns:d="DAV:"/>` })).status).toBe(400);
    expect((await call(`${COMMENTS}/${fileId}`, { method: "PROPPATCH", auth: LEA, body: "<x" })).status).toBe(400);
    expect((await call(`${COMMENTS}/${fileId}`, { method: "PUT", auth: LEA, body: "x" })).status).toBe(405);
  });
});
