import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/accounts";
import { lifecycleUser } from "../support/lifecycle";

const u = lifecycleUser("lifecycle-api");
const other = lifecycleUser("lifecycle-api-other");

const api = (path: string, init: RequestInit = {}, auth = u.auth) => call(path, { auth, ...init });
const json = async <T>(res: Response) => (await res.json()) as T;

interface TrashJson {
  items: { id: number; name: string; originalPath: string }[];
}

describe("REST API for the trash and versions", () => {
  beforeAll(async () => {
    await u.seed();
    await other.seed();
  });

  it("lists, restores, purges and empties the trash", async () => {
    await u.mkcol("/Dossier");
    await u.put("/Dossier/a.txt", "a");
    await u.put("/b.txt", "b");
    await u.put("/c.txt", "c");
    await u.del("/Dossier/a.txt");
    await u.del("/b.txt");
    await u.del("/c.txt");
    const { items } = await json<TrashJson>(await api("/api/trash"));
    const a = items.find((i) => i.originalPath === "Dossier/a.txt")!;
    const b = items.find((i) => i.name === "b.txt")!;
    expect(a).toBeDefined();
    expect((await api(`/api/trash/${a.id}/restore`, { method: "POST" })).status).toBe(200);
    expect(await u.text("/Dossier/a.txt")).toBe("a");
    expect((await api(`/api/trash/${b.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api(`/api/trash/${b.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await api("/api/trash", { method: "DELETE" })).status).toBe(204);
    expect((await json<TrashJson>(await api("/api/trash"))).items).toEqual([]);
  });

  it("refuses bad ids and other users' items", async () => {
    await u.put("/prive.txt", "privé");
    await u.del("/prive.txt");
    const [item] = (await json<TrashJson>(await api("/api/trash"))).items;
    expect((await api(`/api/trash/${item!.id}/restore`, { method: "POST" }, other.auth)).status).toBe(404);
    expect((await api(`/api/trash/${item!.id}`, { method: "DELETE" }, other.auth)).status).toBe(404);
    const bad = await api("/api/trash/abc/restore", { method: "POST" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_input" } });
  });

  it("lists, downloads, labels and restores versions", async () => {
    await u.put("/lettre.md", "brouillon");
    await u.put("/lettre.md", "final");
    const fileId = (await u.node("/lettre.md"))!.id;
    const { versions } = await json<{ versions: { id: number; size: number }[] }>(await api(`/api/versions/${fileId}`));
    expect(versions).toHaveLength(1);
    const v = versions[0]!;
    expect(await (await api(`/api/versions/${fileId}/${v.id}/content`)).text()).toBe("brouillon");
    const labelled = await api(`/api/versions/${fileId}/${v.id}`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ label: "Premier jet" }) });
    expect(await labelled.json()).toMatchObject({ label: "Premier jet" });
    expect((await api(`/api/versions/${fileId}/${v.id}/restore`, { method: "POST" })).status).toBe(200);
    expect(await u.text("/lettre.md")).toBe("brouillon");
    expect((await api(`/api/versions/${fileId}`, {}, other.auth)).status).toBe(404);
    expect((await api(`/api/versions/${fileId}/${v.id}/content`)).status).toBe(404);
  });
});
