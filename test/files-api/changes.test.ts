import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "../../schema/core";
import { db } from "../support/accounts";
import { apiUser, type NodeJson } from "./support";

const lea = apiUser("api-change-lea");
const eve = apiUser("api-change-eve");
const nodeOf = async (res: Response) => ((await res.json()) as { node: NodeJson }).node;
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe("files API: changes", () => {
  let root: number;
  let eveRoot: number;
  beforeAll(async () => {
    for (const u of [lea, eve]) await u.seed();
    root = (await lea.root()).id;
    eveRoot = (await eve.root()).id;
  });

  it("creates folders, refusing bad and taken names", async () => {
    const res = await lea.json(`/${root}/folders`, "POST", { name: "Été 2026" });
    expect(res.status).toBe(201);
    expect(await nodeOf(res)).toMatchObject({ name: "Été 2026", path: "/Été 2026", isFolder: true });
    expect((await lea.json(`/${root}/folders`, "POST", { name: "Été 2026" })).status).toBe(405);
    for (const body of [{ name: "a/b" }, { name: ".." }, { name: "" }, {}, { name: "x", extra: 1 }, { name: 5 }]) {
      const bad = await lea.json(`/${root}/folders`, "POST", body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(bad)).code).toBeTruthy();
    }
    expect((await lea.api(`/${root}/folders`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{oops" })).status).toBe(400);
    expect((await eve.json(`/${root}/folders`, "POST", { name: "intrus" })).status).toBe(404);
  });

  it("uploads content through the file service, requiring a length and honouring the quota", async () => {
    const put = (u: typeof lea, parent: number, name: string, body: string, init: RequestInit = {}) =>
      u.api(`/${parent}/content?name=${encodeURIComponent(name)}`, { method: "PUT", body, ...init });
    const created = await put(lea, root, "café.txt", "noir");
    expect(created.status).toBe(201);
    expect(await nodeOf(created)).toMatchObject({ name: "café.txt", size: 4, mime: "text/plain" });
    const replaced = await put(lea, root, "café.txt", "crème");
    expect(replaced.status).toBe(200);
    expect(await lea.text("/caf%C3%A9.txt")).toBe("crème");
    expect((await put(lea, root, "a/b", "x")).status).toBe(400);
    expect((await lea.api(`/${root}/content`, { method: "PUT", body: "x" })).status).toBe(400);
    expect((await put(eve, root, "intrus.txt", "x")).status).toBe(404);
    const folder = (await lea.node("/Été 2026"))!;
    expect((await put(lea, root, "Été 2026", "x")).status).toBe(405);
    const file = (await lea.node("/café.txt"))!;
    expect((await put(lea, file.id, "x.txt", "x")).status).toBe(409);
    const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode("x")), c.close()) });
    expect((await lea.api(`/${folder.id}/content?name=flux.txt`, { method: "PUT", body: stream, duplex: "half" } as RequestInit)).status).toBe(411);

    await db().update(users).set({ quotaBytes: 20 }).where(eq(users.id, lea.id));
    try {
      const full = await put(lea, folder.id, "gros.bin", "x".repeat(100));
      expect(full.status).toBe(507);
      expect((await errorOf(full)).code).toBe("insufficient_storage");
      expect(await lea.node("/Été 2026/gros.bin")).toBeUndefined();
    } finally {
      await db().update(users).set({ quotaBytes: null }).where(eq(users.id, lea.id));
    }
  });

  it("renames and moves with PATCH, never overwriting", async () => {
    const file = (await lea.node("/café.txt"))!;
    const folder = (await lea.node("/Été 2026"))!;
    const renamed = await lea.json(`/${file.id}`, "PATCH", { name: "thé.txt" });
    expect(renamed.status).toBe(200);
    expect((await nodeOf(renamed)).path).toBe("/thé.txt");
    const moved = await lea.json(`/${file.id}`, "PATCH", { parentId: folder.id });
    expect((await nodeOf(moved)).path).toBe("/Été 2026/thé.txt");
    await lea.put("/autre.txt", "autre");
    const other = (await lea.node("/autre.txt"))!;
    const clash = await lea.json(`/${other.id}`, "PATCH", { parentId: folder.id, name: "thé.txt" });
    expect(clash.status).toBe(412);
    expect(await lea.text("/%C3%89t%C3%A9%202026/th%C3%A9.txt")).toBe("crème");
    expect((await lea.json(`/${folder.id}`, "PATCH", { parentId: folder.id })).status).toBe(403);
    expect((await lea.json(`/${root}`, "PATCH", { name: "x" })).status).toBe(400);
    expect((await lea.json(`/${file.id}`, "PATCH", {})).status).toBe(400);
    expect((await lea.json(`/${file.id}`, "PATCH", { parentId: "x" })).status).toBe(400);
    expect((await lea.json(`/${file.id}`, "PATCH", { parentId: eveRoot })).status).toBe(404);
    expect((await eve.json(`/${file.id}`, "PATCH", { name: "volé.txt" })).status).toBe(404);
  });

  it("copies, never overwriting, and not into another user's tree", async () => {
    const file = (await lea.node("/Été 2026/thé.txt"))!;
    const copy = await lea.json(`/${file.id}/copy`, "POST", { parentId: root });
    expect(copy.status).toBe(201);
    expect((await nodeOf(copy)).path).toBe("/thé.txt");
    expect(await lea.text("/th%C3%A9.txt")).toBe("crème");
    expect((await lea.json(`/${file.id}/copy`, "POST", { parentId: root })).status).toBe(412);
    expect((await lea.json(`/${file.id}/copy`, "POST", { parentId: root, name: "copie.txt" })).status).toBe(201);
    expect((await lea.json(`/${file.id}/copy`, "POST", { parentId: eveRoot })).status).toBe(404);
    expect((await eve.json(`/${file.id}/copy`, "POST", { parentId: eveRoot })).status).toBe(404);
    expect((await lea.json(`/${file.id}/copy`, "POST", {})).status).toBe(400);
  });

  it("deletes through the file service; the root and other users' files stay", async () => {
    const file = (await lea.node("/copie.txt"))!;
    expect((await eve.api(`/${file.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await lea.api(`/${file.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await lea.node("/copie.txt")).toBeUndefined();
    expect((await lea.api(`/${file.id}`)).status).toBe(404);
    expect((await lea.api(`/${root}`, { method: "DELETE" })).status).toBe(403);
  });
});
