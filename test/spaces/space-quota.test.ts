import { beforeAll, describe, expect, it } from "vitest";
import { call, ocs, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { provisionUser } from "../support/orgs";
import { api, createSpace, files, grant, type Auth, type SpaceJson } from "./support";

const admin: Auth = ["admin", STRONG_PASSWORD];
const bytes = (n: number) => "x".repeat(n);

describe("a space's quota", () => {
  let writer: Auth;
  let space: SpaceJson;

  beforeAll(async () => {
    await seedAdmin();
    writer = await provisionUser(admin, "tresoriere");
    space = await createSpace(admin, { name: "Trésorerie", quotaBytes: 1000 });
    await grant(admin, space.id, "user", "tresoriere", "write");
  });

  it("answers 507 to an upload over it and writes nothing", async () => {
    expect((await files(writer, "PUT", "/Tr%C3%A9sorerie/budget.ods", { body: bytes(700) })).status).toBe(201);
    expect((await files(writer, "PUT", "/Tr%C3%A9sorerie/bilan.ods", { body: bytes(400) })).status).toBe(507);
    expect((await files(writer, "GET", "/Tr%C3%A9sorerie/bilan.ods")).status).toBe(404);
    expect((await files(writer, "PUT", "/Tr%C3%A9sorerie/bilan.ods", { body: bytes(300) })).status).toBe(201);
  });

  it("is the space's, not the member's: their own files are not limited by it", async () => {
    expect((await files(writer, "PUT", "/perso.txt", { body: bytes(2000) })).status).toBe(201);
  });

  it("shows what the space uses, and lifting it to unlimited lets the upload through", async () => {
    const before = (await (await api(`/api/admin/spaces/${space.id}`, admin)).json()) as SpaceJson;
    expect(before).toMatchObject({ quotaBytes: 1000, usedBytes: 1000 });
    expect((await files(writer, "PUT", "/Tr%C3%A9sorerie/gros.bin", { body: bytes(500) })).status).toBe(507);
    expect((await api(`/api/admin/spaces/${space.id}`, admin, "PATCH", { quotaBytes: null })).status).toBe(200);
    expect((await files(writer, "PUT", "/Tr%C3%A9sorerie/gros.bin", { body: bytes(500) })).status).toBe(201);
  });

  it("shows the space's own quota and name on its folder, as clients read them before uploading", async () => {
    expect((await api(`/api/admin/spaces/${space.id}`, admin, "PATCH", { quotaBytes: 5000 })).status).toBe(200);
    const body = '<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop><d:quota-available-bytes/><d:quota-used-bytes/><oc:owner-display-name/></d:prop></d:propfind>';
    const xml = await (await files(writer, "PROPFIND", "/", { headers: { Depth: "1" }, body })).text();
    const at = xml.indexOf("<d:href>/remote.php/dav/files/tresoriere/Tr%C3%A9sorerie/</d:href>");
    expect(at).toBeGreaterThan(0);
    const entry = xml.slice(at, xml.indexOf("</d:response>", at));
    expect(entry).toContain("<d:quota-used-bytes>1500</d:quota-used-bytes>");
    expect(entry).toContain("<d:quota-available-bytes>3500</d:quota-available-bytes>");
    expect(entry).toContain("<oc:owner-display-name>Trésorerie</oc:owner-display-name>");
    const own = xml.slice(0, xml.indexOf("</d:response>"));
    expect(own).toContain("<d:quota-used-bytes>2000</d:quota-used-bytes>");
    expect(own).toContain("<oc:owner-display-name>tresoriere</oc:owner-display-name>");
  });

  it("moving a member's own file into a full space is refused (507)", async () => {
    expect((await api(`/api/admin/spaces/${space.id}`, admin, "PATCH", { quotaBytes: 1500 })).status).toBe(200);
    const move = await files(writer, "MOVE", "/perso.txt", { headers: { Destination: "/remote.php/dav/files/tresoriere/Tr%C3%A9sorerie/perso.txt" } });
    expect(move.status).toBe(507);
    expect((await files(writer, "GET", "/perso.txt")).status).toBe(200);
  });
});

describe("a chunked upload (v2) into a space", () => {
  let member: Auth;
  const uploads = (path: string, method: string, init: RequestInit = {}) => call(`/remote.php/dav/uploads/petit-quota${path}`, { ...init, method, auth: member });
  const destination = (path: string) => `/remote.php/dav/files/petit-quota/${path}`;

  beforeAll(async () => {
    await seedAdmin();
    member = await provisionUser(admin, "petit-quota");
    expect((await ocs("/ocs/v2.php/cloud/users/petit-quota", { method: "PUT", auth: admin, form: { key: "quota", value: "100" } })).status).toBe(200);
    await grant(admin, (await createSpace(admin, { name: "Grand" })).id, "user", "petit-quota", "write");
    await grant(admin, (await createSpace(admin, { name: "Plein", quotaBytes: 100 })).id, "user", "petit-quota", "write");
  });

  it("is measured against the space's quota, not the member's own", async () => {
    const mkcol = await uploads("/t1", "MKCOL", { headers: { Destination: destination("Grand/video.bin"), "OC-Total-Length": "500" } });
    expect(mkcol.status).toBe(201);
    expect((await uploads("/t1/1", "PUT", { body: bytes(500) })).status).toBe(201);
    const done = await uploads("/t1/.file", "MOVE", { headers: { Destination: destination("Grand/video.bin"), "OC-Total-Length": "500" } });
    expect(done.status).toBe(201);
    expect((await files(member, "GET", "/Grand/video.bin")).status).toBe(200);
    expect((await uploads("/t2", "MKCOL", { headers: { Destination: destination("Plein/video.bin"), "OC-Total-Length": "500" } })).status).toBe(507);
    expect((await uploads("/t3", "MKCOL", { headers: { Destination: destination("video.bin"), "OC-Total-Length": "500" } })).status).toBe(507);
  });
});

describe("an organisation's pool with a space", () => {
  let member: Auth;
  let space: SpaceJson;

  beforeAll(async () => {
    await seedAdmin();
    const org = await api("/api/admin/orgs", admin, "POST", { id: "pool-espace", name: "Pool avec espace", quotaBytes: 2000 });
    expect([201, 409]).toContain(org.status);
    member = await provisionUser(admin, "pool-membre", ["pool-espace"]);
    space = await createSpace(admin, { name: "Commun", orgId: "pool-espace" });
    await grant(admin, space.id, "user", "pool-membre", "write");
  });

  it("counts the space's files: once the space fills the pool, members' own uploads get 507", async () => {
    expect((await files(member, "PUT", "/Commun/archives.zip", { body: bytes(1500) })).status).toBe(201);
    expect((await files(member, "PUT", "/moi.txt", { body: bytes(600) })).status).toBe(507);
    expect((await files(member, "PUT", "/moi.txt", { body: bytes(400) })).status).toBe(201);
    expect((await files(member, "PUT", "/Commun/encore.txt", { body: bytes(200) })).status).toBe(507);
  });

  it("does not count the space's holder as one of the org's members", async () => {
    const orgs = ((await (await api("/api/admin/orgs", admin)).json()) as { orgs: { id: string; members: number }[] }).orgs;
    expect(orgs.find((o) => o.id === "pool-espace")?.members).toBe(1);
  });
});
