import { beforeAll, describe, expect, it } from "vitest";
import { READ, UPDATE, CREATE, DELETE } from "../../workers/sharing/permission-bits";
import { insertShare, USER_SHARE } from "../../workers/sharing/share-store";
import { db } from "../support/accounts";
import { apiUser, type NodeJson } from "./support";

const owner = apiUser("api-share-owner");
const reader = apiUser("api-share-reader");
const writer = apiUser("api-share-writer");
type Details = { node: NodeJson; children: NodeJson[] };
const details = async (res: Response) => (await res.json()) as Details;

describe("files API: items shared with the asker", () => {
  let folder: number;
  let file: number;
  beforeAll(async () => {
    for (const u of [owner, reader, writer]) await u.seed();
    const root = (await owner.root()).id;
    folder = ((await (await owner.json(`/${root}/folders`, "POST", { name: "Bureau CA" })).json()) as { node: NodeJson }).node.id;
    const put = await owner.api(`/${folder}/content?name=${encodeURIComponent("PV 2026.md")}`, { method: "PUT", body: "# PV" });
    file = ((await put.json()) as { node: NodeJson }).node.id;
    await insertShare(db(), { shareType: USER_SHARE, nodeId: folder, initiatorId: owner.id, shareWith: reader.id, permissions: READ });
    await insertShare(db(), { shareType: USER_SHARE, nodeId: folder, initiatorId: owner.id, shareWith: writer.id, permissions: READ | UPDATE | CREATE | DELETE });
  });

  it("lists the share in the recipient's root, with the recipient's path and rights", async () => {
    const root = await details(await reader.api("/root"));
    const mounted = root.children.find((c) => c.id === folder);
    expect(mounted).toMatchObject({ name: "Bureau CA", path: "/Bureau CA", isFolder: true, permissions: "SMGDNV" });
    const inside = await details(await reader.api(`/${folder}`));
    expect(inside.node.path).toBe("/Bureau CA");
    expect(inside.children.map((c) => [c.path, c.permissions])).toEqual([["/Bureau CA/PV 2026.md", "SMG"]]);
    const byPath = await reader.api(`/by-path?path=${encodeURIComponent("/Bureau CA/PV 2026.md")}`);
    expect(((await byPath.json()) as Details).node.id).toBe(file);
  });

  it("refuses changes a read-only share does not allow, and allows them with a write share", async () => {
    const upload = (u: typeof owner) => u.api(`/${folder}/content?name=ajout.txt`, { method: "PUT", body: "x" });
    expect((await upload(reader)).status).toBe(403);
    expect((await reader.api(`/${file}`, { method: "DELETE" })).status).toBe(403);
    expect((await reader.json(`/${file}`, "PATCH", { name: "renommé.md" })).status).toBe(403);
    expect((await reader.api(`/${file}/content`)).status).toBe(200);
    expect((await upload(writer)).status).toBe(201);
    const listed = await details(await owner.api(`/${folder}`));
    expect(listed.children.map((c) => c.name).sort()).toEqual(["PV 2026.md", "ajout.txt"]);
  });

  it("renames the mount for the recipient alone, and removing it leaves the owner's folder", async () => {
    const renamed = await writer.json(`/${folder}`, "PATCH", { name: "CA (partagé)" });
    expect(renamed.status).toBe(200);
    expect((await details(await writer.api("/root"))).children.map((c) => c.name)).toContain("CA (partagé)");
    expect((await details(await reader.api("/root"))).children.map((c) => c.name)).toContain("Bureau CA");
    expect((await details(await owner.api(`/${folder}`))).node.name).toBe("Bureau CA");

    expect((await reader.api(`/${folder}`, { method: "DELETE" })).status).toBe(204);
    expect((await details(await reader.api("/root"))).children.find((c) => c.id === folder)).toBeUndefined();
    expect((await reader.api(`/${file}`)).status).toBe(404);
    expect((await owner.api(`/${file}`)).status).toBe(200);
  });

  it("refuses to rename the mount to a name already taken in the recipient's root, as WebDAV does", async () => {
    const root = (await writer.root()).id;
    await writer.json(`/${root}/folders`, "POST", { name: "Archives" });
    const clash = await writer.json(`/${folder}`, "PATCH", { name: "Archives" });
    expect(clash.status).toBe(412);
    expect((await details(await writer.api("/root"))).children.filter((c) => c.name.startsWith("Archives")).map((c) => c.name)).toEqual(["Archives"]);
  });

  it("answers 404 to someone the folder was never shared with", async () => {
    const stranger = apiUser("api-share-stranger");
    await stranger.seed();
    expect((await stranger.api(`/${folder}`)).status).toBe(404);
  });
});
