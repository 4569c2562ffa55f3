import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/accounts";
import { apiUser, type NodeJson } from "./support";

const lea = apiUser("api-browse-lea");
const eve = apiUser("api-browse-eve");

describe("files API: reading", () => {
  beforeAll(async () => {
    for (const u of [lea, eve]) await u.seed();
    await lea.mkcol("/Club");
    await lea.put("/Club/Readme.md", "# Le club");
    await lea.put("/Club/sortie été.txt", "été");
    await lea.put("/notes.txt", "n");
  });

  it("needs authentication", async () => {
    expect((await call("/api/files/root")).status).toBe(401);
  });

  it("gives the root with its children", async () => {
    const res = await lea.api("/root");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { node: NodeJson; children: NodeJson[]; readme: unknown };
    expect(body.node).toMatchObject({ path: "/", isFolder: true, permissions: "RGDNVCK" });
    expect(body.children.map((c) => c.name)).toEqual(["Club", "notes.txt"]);
    expect(body.children[1]).toMatchObject({ path: "/notes.txt", isFolder: false, size: 1, mime: "text/plain", favorite: false, permissions: "RGDNVW" });
    expect(body.readme).toBeNull();
  });

  it("gives a folder by id and by path, with its Readme text", async () => {
    const club = (await lea.node("/Club"))!;
    const byId = (await (await lea.api(`/${club.id}`)).json()) as { node: NodeJson; children: NodeJson[]; readme: { id: number; text: string } };
    expect(byId.node.path).toBe("/Club");
    expect(byId.children.map((c) => c.path)).toEqual(["/Club/Readme.md", "/Club/sortie été.txt"]);
    expect(byId.readme.text).toBe("# Le club");
    const byPath = (await (await lea.api(`/by-path?path=${encodeURIComponent("/Club/sortie été.txt")}`)).json()) as { node: NodeJson; children?: unknown };
    expect(byPath.node.name).toBe("sortie été.txt");
    expect(byPath.children).toBeUndefined();
    expect((await lea.api("/by-path?path=/nowhere")).status).toBe(404);
    expect((await lea.api("/by-path?path=/a/../b")).status).toBe(400);
    expect((await lea.api("/by-path")).status).toBe(400);
  });

  it("answers 404 for another user's ids and ids that do not exist, never revealing them", async () => {
    const club = (await lea.node("/Club"))!;
    for (const path of [`/${club.id}`, `/${club.id}/content`, "/999999999"]) expect((await eve.api(path)).status).toBe(404);
    expect((await eve.api("/by-path?path=/Club")).status).toBe(404);
    expect((await lea.api("/abc")).status).toBe(404);
  });

  it("downloads content with an RFC 5987 file name and byte ranges", async () => {
    const file = (await lea.node("/Club/sortie été.txt"))!;
    const res = await lea.api(`/${file.id}/content`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toBe("attachment; filename*=UTF-8''sortie%20%C3%A9t%C3%A9.txt");
    expect(await res.text()).toBe("été");
    const part = await lea.api(`/${file.id}/content`, { headers: { Range: "bytes=0-1" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("Content-Range")).toBe("bytes 0-1/5");
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(new TextEncoder().encode("été").slice(0, 2));
    expect((await lea.api(`/${file.id}/content`, { headers: { Range: "bytes=10-" } })).status).toBe(416);
    const folder = (await lea.node("/Club"))!;
    expect((await lea.api(`/${folder.id}/content`)).status).toBe(400);
  });

  it("searches names (wildcards as typed), lists recent files and favorites", async () => {
    expect((await lea.put("/100%25_sure.txt", "x")).status).toBe(201);
    const found = (await (await lea.api(`/search?q=${encodeURIComponent("ÉTÉ")}`)).json()) as { files: NodeJson[] };
    expect(found.files.map((f) => f.path)).toEqual(["/Club/sortie été.txt"]);
    const literal = (await (await lea.api(`/search?q=${encodeURIComponent("%_")}`)).json()) as { files: NodeJson[] };
    expect(literal.files.map((f) => f.name)).toEqual(["100%_sure.txt"]);
    expect((await lea.api("/search?q=")).status).toBe(400);
    expect((await lea.api("/search?q=a&limit=0")).status).toBe(400);
    await expect((await eve.api("/search?q=club")).json()).resolves.toEqual({ files: [] });

    const recent = (await (await lea.api("/recent?limit=2")).json()) as { files: NodeJson[] };
    expect(recent.files).toHaveLength(2);
    expect(recent.files[0]!.name).toBe("100%_sure.txt");
    expect(recent.files.every((f) => !f.isFolder)).toBe(true);

    const notes = (await lea.node("/notes.txt"))!;
    expect((await lea.api(`/${notes.id}/favorite`, { method: "PUT" })).status).toBe(204);
    const favorites = (await (await lea.api("/favorites")).json()) as { files: NodeJson[] };
    expect(favorites.files.map((f) => [f.path, f.favorite])).toEqual([["/notes.txt", true]]);
    expect((await eve.api(`/${notes.id}/favorite`, { method: "PUT" })).status).toBe(404);
    expect(((await (await eve.api("/favorites")).json()) as { files: unknown[] }).files).toEqual([]);
    expect((await lea.api(`/${notes.id}/favorite`, { method: "DELETE" })).status).toBe(204);
    expect(((await (await lea.api("/favorites")).json()) as { files: unknown[] }).files).toEqual([]);
  });
});
