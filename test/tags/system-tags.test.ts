import { beforeAll, describe, expect, it } from "vitest";
import { createUser, findUser } from "../../workers/accounts/users";
import { call, db, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { ADMIN } from "../support/dav";

const LEA: [string, string] = ["tags-lea", STRONG_PASSWORD];
const MARC: [string, string] = ["tags-marc", STRONG_PASSWORD];
const TAGS = "/remote.php/dav/systemtags";
const RELATIONS = "/remote.php/dav/systemtags-relations/files";
const OC = 'xmlns:oc="http://owncloud.org/ns"';

async function upload(who: [string, string], name: string): Promise<number> {
  const path = `/remote.php/dav/files/${who[0]}/${name}`;
  expect((await call(path, { method: "PUT", auth: who, body: "contenu" })).status).toBeLessThan(300);
  const res = await call(path, {
    method: "PROPFIND",
    auth: who,
    headers: { Depth: "0" },
    body: `<d:propfind xmlns:d="DAV:" ${OC}><d:prop><oc:fileid/></d:prop></d:propfind>`,
  });
  return Number(/<oc:fileid>(\d+)<\/oc:fileid>/.exec(await res.text())![1]);
}

function createTag(who: [string, string], body: unknown) {
  return call(`${TAGS}/`, { method: "POST", auth: who, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

async function newTag(who: [string, string], body: Record<string, unknown>): Promise<number> {
  const res = await createTag(who, body);
  expect(res.status).toBe(201);
  const location = res.headers.get("Content-Location")!;
  expect(location).toMatch(/^\/remote\.php\/dav\/systemtags\/\d+$/);
  return Number(location.split("/").pop());
}

const listTags = async (who: [string, string]) =>
  (await call(`${TAGS}/`, { method: "PROPFIND", auth: who, headers: { Depth: "1" } })).text();

describe("system tags over DAV", () => {
  let leaFile: number;
  let marcFile: number;

  beforeAll(async () => {
    await seedAdmin();
    for (const [id] of [LEA, MARC]) if (!(await findUser(db(), id))) await createUser(db(), { id, password: STRONG_PASSWORD });
    leaFile = await upload(LEA, "étiqueté.txt");
    marcFile = await upload(MARC, "secret.txt");
  });

  it("creates a tag, lists it with its flags, and refuses a duplicate name with 409", async () => {
    const id = await newTag(LEA, { name: "Compta 2026", userVisible: true, userAssignable: true, canAssign: true });
    const xml = await listTags(LEA);
    expect(xml).toContain(`<d:href>${TAGS}/${id}</d:href>`);
    expect(xml).toContain("<oc:display-name>Compta 2026</oc:display-name>");
    expect(xml).toMatch(new RegExp(`<oc:id>${id}</oc:id><oc:display-name>Compta 2026</oc:display-name><oc:user-visible>true</oc:user-visible><oc:user-assignable>true</oc:user-assignable><oc:can-assign>true</oc:can-assign>`));
    expect((await createTag(MARC, { name: "Compta 2026" })).status).toBe(409);
    expect((await createTag(MARC, { name: "  Compta 2026 " })).status).toBe(409);
  });

  it("lets only admins create restricted or invisible tags, and hides invisible ones from others", async () => {
    expect((await createTag(LEA, { name: "Restreint lea", userAssignable: false })).status).toBe(403);
    expect((await createTag(LEA, { name: "Invisible lea", userVisible: false })).status).toBe(403);
    const restricted = await newTag(ADMIN, { name: "Validé", userVisible: true, userAssignable: false });
    const invisible = await newTag(ADMIN, { name: "Robot", userVisible: false, userAssignable: false });
    const asLea = await listTags(LEA);
    expect(asLea).toMatch(new RegExp(`<oc:id>${restricted}</oc:id>.*?<oc:can-assign>false</oc:can-assign>`));
    expect(asLea).not.toContain("Robot");
    expect(await listTags(ADMIN)).toContain("Robot");
    const single = await call(`${TAGS}/${invisible}`, { method: "PROPFIND", auth: LEA, headers: { Depth: "0" } });
    expect(single.status).toBe(404);
  });

  it("assigns and unassigns a tag on a file, and shows it in nc:system-tags", async () => {
    const id = await newTag(LEA, { name: "Bleu" });
    expect((await call(`${RELATIONS}/${leaFile}/${id}`, { method: "PUT", auth: LEA })).status).toBe(201);
    expect((await call(`${RELATIONS}/${leaFile}/${id}`, { method: "PUT", auth: LEA })).status).toBe(409);
    const listed = await (await call(`${RELATIONS}/${leaFile}`, { method: "PROPFIND", auth: LEA, headers: { Depth: "1" } })).text();
    expect(listed).toContain(`<d:href>${RELATIONS}/${leaFile}/${id}</d:href>`);
    expect(listed).toContain("<oc:display-name>Bleu</oc:display-name>");

    const files = await call(`/remote.php/dav/files/${LEA[0]}/`, {
      method: "PROPFIND",
      auth: LEA,
      headers: { Depth: "1" },
      body: `<d:propfind xmlns:d="DAV:" xmlns:nc="http://nextcloud.org/ns"><d:prop><nc:system-tags/></d:prop></d:propfind>`,
    });
    const text = await files.text();
    expect(text).toContain(`<nc:system-tag oc:can-assign="true" oc:id="${id}" oc:user-assignable="true" oc:user-visible="true">Bleu</nc:system-tag>`);

    expect((await call(`${RELATIONS}/${leaFile}/${id}`, { method: "DELETE", auth: LEA })).status).toBe(204);
    expect((await call(`${RELATIONS}/${leaFile}/${id}`, { method: "DELETE", auth: LEA })).status).toBe(404);
    const stream = (await (await call(`/api/activity?fileId=${leaFile}`, { auth: LEA })).json()) as { activities: { type: string; details: unknown }[] };
    expect(stream.activities.filter((a) => a.type === "tags_changed").slice(0, 2).map((a) => a.details)).toEqual([
      { tag: "Bleu", action: "unassigned" },
      { tag: "Bleu", action: "assigned" },
    ]);
  });

  it("creates and assigns a tag at once with a POST on the file's relations", async () => {
    const res = await call(`${RELATIONS}/${leaFile}`, { method: "POST", auth: LEA, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "Urgent", userVisible: true, userAssignable: true }) });
    expect(res.status).toBe(201);
    const location = res.headers.get("Content-Location")!;
    expect(location).toMatch(new RegExp(`^${RELATIONS}/${leaFile}/\\d+$`));
    const listed = await (await call(`${RELATIONS}/${leaFile}`, { method: "PROPFIND", auth: LEA, headers: { Depth: "1" } })).text();
    expect(listed).toContain(`<d:href>${location}</d:href>`);
    const onMarc = await call(`${RELATIONS}/${marcFile}`, { method: "POST", auth: LEA, body: JSON.stringify({ name: "Espion" }) });
    expect(onMarc.status).toBe(404);
    expect(await listTags(LEA)).not.toContain("Espion");
  });

  it("refuses to assign a restricted tag to a non-admin (403) and an unknown one (412)", async () => {
    const restricted = await newTag(ADMIN, { name: "Archivé", userAssignable: false });
    expect((await call(`${RELATIONS}/${leaFile}/${restricted}`, { method: "PUT", auth: LEA })).status).toBe(403);
    expect((await call(`${RELATIONS}/${leaFile}/999999`, { method: "PUT", auth: LEA })).status).toBe(412);
  });

  it("answers 404 about a file the asker cannot see", async () => {
    const id = await newTag(LEA, { name: "Curieux" });
    expect((await call(`${RELATIONS}/${marcFile}`, { method: "PROPFIND", auth: LEA, headers: { Depth: "1" } })).status).toBe(404);
    expect((await call(`${RELATIONS}/${marcFile}/${id}`, { method: "PUT", auth: LEA })).status).toBe(404);
    expect((await call(`${RELATIONS}/99999999/${id}`, { method: "PUT", auth: LEA })).status).toBe(404);
  });

  it("renames and deletes tags as an admin only", async () => {
    const id = await newTag(LEA, { name: "Brouillon" });
    const rename = (who: [string, string]) =>
      call(`${TAGS}/${id}`, {
        method: "PROPPATCH",
        auth: who,
        body: `<d:propertyupdate xmlns:d="DAV:" ${OC}><d:set><d:prop><oc:display-name>Définitif</oc:display-name></d:prop></d:set></d:propertyupdate>`,
      });
    expect((await rename(LEA)).status).toBe(403);
    expect((await rename(ADMIN)).status).toBe(207);
    expect(await listTags(LEA)).toContain("<oc:display-name>Définitif</oc:display-name>");
    expect((await call(`${TAGS}/${id}`, { method: "DELETE", auth: LEA })).status).toBe(403);
    expect((await call(`${TAGS}/${id}`, { method: "DELETE", auth: ADMIN })).status).toBe(204);
    expect(await listTags(LEA)).not.toContain("Définitif");
  });

  it("answers bad input with 400, never 500", async () => {
    expect((await call(`${TAGS}/`, { method: "POST", auth: LEA, body: "{pas du json" })).status).toBe(400);
    expect((await createTag(LEA, ["liste"])).status).toBe(400);
    expect((await createTag(LEA, { name: "" })).status).toBe(400);
    expect((await createTag(LEA, { name: "x".repeat(65) })).status).toBe(400);
    expect((await createTag(LEA, { name: "Drapeau", userVisible: "peut-être" })).status).toBe(400);
    const bad = await call(`${TAGS}/`, { method: "PROPFIND", auth: LEA, headers: { Depth: "1" }, body: "<d:propfind xmlns:d='DAV:'><d:prop>" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("<s:message>");
    const anyTag = await newTag(LEA, { name: "Patch" });
    expect((await call(`${TAGS}/${anyTag}`, { method: "PROPPATCH", auth: ADMIN, body: "<oops" })).status).toBe(400);
    expect((await call(`${TAGS}/abc`, { method: "PROPFIND", auth: LEA })).status).toBe(404);
  });
});

describe("system tags over the JSON API", () => {
  let fileId: number;
  beforeAll(async () => {
    await seedAdmin();
    if (!(await findUser(db(), LEA[0]))) await createUser(db(), { id: LEA[0], password: STRONG_PASSWORD });
    fileId = await upload(LEA, "rest.txt");
  });

  const json = (path: string, who: [string, string], method = "GET", body?: unknown) =>
    call(path, { method, auth: who, headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

  it("creates, lists, assigns, unassigns and deletes through the same service", async () => {
    const created = await json("/api/tags", LEA, "POST", { name: "Rest vert" });
    expect(created.status).toBe(201);
    const { tag } = (await created.json()) as { tag: { id: number; canAssign: boolean } };
    expect(tag.canAssign).toBe(true);
    expect((await json("/api/tags", LEA, "POST", { name: "Rest vert" })).status).toBe(409);
    const list = (await (await json("/api/tags", LEA)).json()) as { tags: { name: string }[] };
    expect(list.tags.map((t) => t.name)).toContain("Rest vert");

    expect((await json(`/api/tags/${tag.id}/files/${fileId}`, LEA, "PUT")).status).toBe(201);
    const onFile = (await (await json(`/api/tags/files/${fileId}`, LEA)).json()) as { tags: { id: number }[] };
    expect(onFile.tags.map((t) => t.id)).toEqual([tag.id]);
    // The DAV view agrees: one service behind both.
    const dav = await (await call(`${RELATIONS}/${fileId}`, { method: "PROPFIND", auth: LEA, headers: { Depth: "1" } })).text();
    expect(dav).toContain("Rest vert");
    expect((await json(`/api/tags/${tag.id}/files/${fileId}`, LEA, "DELETE")).status).toBe(204);

    expect((await json(`/api/tags/${tag.id}`, LEA, "PATCH", { name: "Rest rouge" })).status).toBe(403);
    expect((await json(`/api/tags/${tag.id}`, ADMIN, "PATCH", { name: "Rest rouge" })).status).toBe(200);
    expect((await json(`/api/tags/${tag.id}`, LEA, "DELETE")).status).toBe(403);
    expect((await json(`/api/tags/${tag.id}`, ADMIN, "DELETE")).status).toBe(204);
  });

  it("answers bad JSON and unknown fields with a JSON 400", async () => {
    const res = await call("/api/tags", { method: "POST", auth: LEA, headers: { "Content-Type": "application/json" }, body: "{" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy();
    expect((await json("/api/tags", LEA, "POST", { name: "x", couleur: "bleu" })).status).toBe(400);
    expect((await json("/api/tags/files/99999999", LEA)).status).toBe(404);
  });
});
