import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { fileNodes, spaces } from "../../schema/core";
import { call, db, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { createOrg, provisionUser } from "../support/orgs";
import { api, createGroup, createSpace, files, grant, type Auth, type SpaceJson } from "./support";

const admin: Auth = ["admin", STRONG_PASSWORD];
const SPACE = "Partage Codep 34";
const AT = `/${encodeURIComponent(SPACE)}`;

const PROPS = `<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:nc="http://nextcloud.org/ns"><d:prop>
  <nc:trashbin-filename/><nc:trashbin-original-location/><nc:trashbin-deletion-time/><nc:trashbin-deleted-by-id/><nc:trashbin-deleted-by-display-name/>
</d:prop></d:propfind>`;

const trashbin = (user: Auth, path: string, method: string, init: RequestInit = {}) => call(`/remote.php/dav/trashbin/${user[0]}${path}`, { ...init, method, auth: user });

interface TrashItemJson {
  id: number;
  name: string;
  originalPath: string;
  deletedBy: string | null;
  spaceId?: number;
}

async function restTrash(user: Auth): Promise<TrashItemJson[]> {
  const res = await call("/api/trash", { auth: user });
  expect(res.status).toBe(200);
  return (await res.json<{ items: TrashItemJson[] }>()).items;
}

/** Each item of a user's DAV trash: its trash name, original location and deleter. */
async function davTrash(user: Auth): Promise<{ name: string; location: string; deletedBy: string; deletedByName: string }[]> {
  const res = await trashbin(user, "/trash/", "PROPFIND", { headers: { Depth: "1" }, body: PROPS });
  expect(res.status).toBe(207);
  const xml = await res.text();
  return xml
    .split("<d:response>")
    .slice(2)
    .map((block) => ({
      name: decodeURIComponent(/<d:href>[^<]*\/trash\/([^<\/]+)\/?<\/d:href>/.exec(block)![1]!),
      location: /<nc:trashbin-original-location>([^<]*)</.exec(block)?.[1] ?? "",
      deletedBy: /<nc:trashbin-deleted-by-id>([^<]*)</.exec(block)?.[1] ?? "",
      deletedByName: /<nc:trashbin-deleted-by-display-name>([^<]*)</.exec(block)?.[1] ?? "",
    }));
}

describe("a space's trash belongs to its members who may delete", () => {
  let writer: Auth;
  let colleague: Auth;
  let viaGroup: Auth;
  let reader: Auth;
  let stranger: Auth;
  let space: SpaceJson;
  let holderId: string;

  beforeAll(async () => {
    await seedAdmin();
    await createOrg(admin, "codep34", "Codep 34");
    writer = await provisionUser(admin, "st-redacteur", ["codep34"]);
    colleague = await provisionUser(admin, "st-redactrice", ["codep34"]);
    viaGroup = await provisionUser(admin, "st-moniteur", ["codep34"]);
    reader = await provisionUser(admin, "st-lecteur", ["codep34"]);
    stranger = await provisionUser(admin, "st-intrus", ["codep34"]);
    await createGroup(admin, "st-moniteurs", ["st-moniteur"]);
    space = await createSpace(admin, { name: SPACE, orgId: "codep34" });
    await grant(admin, space.id, "user", writer[0], "write");
    await grant(admin, space.id, "user", colleague[0], "manage");
    await grant(admin, space.id, "group", "st-moniteurs", "write");
    await grant(admin, space.id, "user", reader[0], "read");
    holderId = (await db().query.spaces.findFirst({ where: eq(spaces.id, space.id) }))!.holderId;
    // The stranger keeps something of their own in the trash, which no member may ever see.
    expect((await files(stranger, "PUT", "/secret.txt", { body: "à moi" })).status).toBe(201);
    expect((await files(stranger, "DELETE", "/secret.txt")).status).toBe(204);
    expect((await files(writer, "PUT", `${AT}/PV.md`, { body: "# PV du CA" })).status).toBe(201);
    expect((await files(writer, "DELETE", `${AT}/PV.md`)).status).toBe(204);
  });

  it("shows a colleague's deletion in a writer's DAV trash, at its place in their view", async () => {
    for (const member of [colleague, viaGroup, writer]) {
      const items = await davTrash(member);
      const pv = items.find((i) => i.location === `${SPACE}/PV.md`);
      expect(pv, member[0]).toBeDefined();
      expect(pv!.name).toMatch(/^PV\.md\.d\d+$/);
      expect(pv!.deletedBy).toBe(writer[0]);
      expect(pv!.deletedByName).toBe(writer[0]);
      expect(items.some((i) => i.location === "secret.txt")).toBe(false);
    }
  });

  it("lists it in /api/trash with the space's folder in its path", async () => {
    const items = await restTrash(colleague);
    expect(items).toContainEqual(expect.objectContaining({ name: "PV.md", originalPath: `${SPACE}/PV.md`, deletedBy: writer[0], spaceId: space.id }));
  });

  it("hides it from a reader and a stranger, who see only their own trash", async () => {
    const pvId = (await restTrash(colleague)).find((i) => i.name === "PV.md")!.id;
    for (const outsider of [reader, stranger]) {
      expect((await restTrash(outsider)).some((i) => i.name === "PV.md")).toBe(false);
      expect((await davTrash(outsider)).some((i) => i.location.includes("PV.md"))).toBe(false);
      expect((await call(`/api/trash/${pvId}/restore`, { method: "POST", auth: outsider })).status).toBe(404);
      expect((await call(`/api/trash/${pvId}`, { method: "DELETE", auth: outsider })).status).toBe(404);
    }
    expect((await restTrash(stranger)).map((i) => i.name)).toEqual(["secret.txt"]);
    expect((await trashbin(reader, "/trash/", "PROPFIND", { headers: { Depth: "1" } })).status).toBe(207);
    // Nobody opens another person's trash, nor the holder's.
    expect((await call(`/remote.php/dav/trashbin/${colleague[0]}/trash/`, { method: "PROPFIND", auth: reader, headers: { Depth: "1" } })).status).toBe(403);
    expect((await call(`/remote.php/dav/trashbin/${encodeURIComponent(holderId)}/trash/`, { method: "PROPFIND", auth: colleague, headers: { Depth: "1" } })).status).toBe(403);
  });

  it("lets another writer restore it over DAV, back into the space and not into their own files", async () => {
    const item = (await davTrash(viaGroup)).find((i) => i.location === `${SPACE}/PV.md`)!;
    const res = await trashbin(viaGroup, `/trash/${encodeURIComponent(item.name)}`, "MOVE", {
      headers: { Destination: `http://cumulus.test/remote.php/dav/trashbin/${viaGroup[0]}/restore/PV.md` },
    });
    expect(res.status).toBe(201);
    expect(await (await files(reader, "GET", `${AT}/PV.md`)).text()).toBe("# PV du CA");
    expect((await files(viaGroup, "GET", "/PV.md")).status).toBe(404);
    expect((await davTrash(writer)).some((i) => i.location === `${SPACE}/PV.md`)).toBe(false);
  });

  it("restores into the space's root when the folder is gone, and never makes the holder a personal root", async () => {
    expect((await files(writer, "MKCOL", `${AT}/Sorties`)).status).toBe(201);
    expect((await files(writer, "PUT", `${AT}/Sorties/fosse.txt`, { body: "Sortie fosse" })).status).toBe(201);
    expect((await files(writer, "DELETE", `${AT}/Sorties/fosse.txt`)).status).toBe(204);
    expect((await files(writer, "DELETE", `${AT}/Sorties`)).status).toBe(204);
    const items = await restTrash(colleague);
    const folder = items.find((i) => i.originalPath === `${SPACE}/Sorties`)!;
    expect((await call(`/api/trash/${folder.id}`, { method: "DELETE", auth: colleague })).status).toBe(204);
    const file = items.find((i) => i.originalPath === `${SPACE}/Sorties/fosse.txt`)!;
    const res = await call(`/api/trash/${file.id}/restore`, { method: "POST", auth: colleague });
    expect(res.status).toBe(200);
    expect(await (await files(reader, "GET", `${AT}/fosse.txt`)).text()).toBe("Sortie fosse");
    expect((await files(colleague, "GET", "/fosse.txt")).status).toBe(404);
    const personal = await db()
      .select()
      .from(fileNodes)
      .where(and(eq(fileNodes.ownerId, holderId), isNull(fileNodes.spaceId)));
    expect(personal).toEqual([]);
  });

  it("keeps the space's quota on restore", async () => {
    expect((await files(writer, "PUT", `${AT}/gros.bin`, { body: "x".repeat(2000) })).status).toBe(201);
    expect((await files(writer, "DELETE", `${AT}/gros.bin`)).status).toBe(204);
    const used = (await (await api(`/api/admin/spaces/${space.id}`, admin)).json<SpaceJson>()).usedBytes;
    expect((await api(`/api/admin/spaces/${space.id}`, admin, "PATCH", { quotaBytes: used + 100 })).status).toBe(200);
    const item = (await restTrash(colleague)).find((i) => i.name === "gros.bin")!;
    expect((await call(`/api/trash/${item.id}/restore`, { method: "POST", auth: colleague })).status).toBe(507);
    expect((await restTrash(writer)).some((i) => i.id === item.id)).toBe(true);
    expect((await api(`/api/admin/spaces/${space.id}`, admin, "PATCH", { quotaBytes: null })).status).toBe(200);
    expect((await call(`/api/trash/${item.id}/restore`, { method: "POST", auth: colleague })).status).toBe(200);
    expect((await files(reader, "GET", `${AT}/gros.bin`)).status).toBe(200);
  });

  it("lets a writer purge an item, and stops showing the trash once the role is lowered to read", async () => {
    expect((await files(writer, "PUT", `${AT}/brouillon.txt`, { body: "brouillon" })).status).toBe(201);
    expect((await files(writer, "DELETE", `${AT}/brouillon.txt`)).status).toBe(204);
    const item = (await davTrash(colleague)).find((i) => i.location === `${SPACE}/brouillon.txt`)!;
    await grant(admin, space.id, "user", writer[0], "read");
    expect((await davTrash(writer)).some((i) => i.location === `${SPACE}/brouillon.txt`)).toBe(false);
    expect((await trashbin(writer, `/trash/${encodeURIComponent(item.name)}`, "DELETE")).status).toBe(404);
    expect((await trashbin(colleague, `/trash/${encodeURIComponent(item.name)}`, "DELETE")).status).toBe(204);
    expect((await davTrash(colleague)).some((i) => i.location === `${SPACE}/brouillon.txt`)).toBe(false);
    await grant(admin, space.id, "user", writer[0], "write");
  });
});
