import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, fileNodes, trashItems, users } from "../../schema/core";
import type { Env } from "../../workers/env";
import { fileAccess } from "../../workers/storage/access";
import { applyRetention } from "../../workers/storage/retention";
import { restoredName, trashEntry, trashOf } from "../../workers/storage/trash";
import { versionsOf } from "../../workers/storage/versions";
import { db } from "../support/accounts";
import { lifecycleUser, r2Has } from "../support/lifecycle";

const u = lifecycleUser("trash-storage");

const entryOf = async (nodeId: number) => (await trashEntry(db(), u.id, nodeId))!;

describe("trash in the file service", () => {
  beforeAll(async () => {
    await u.seed();
  });

  it("moves a deleted file to the trash: out of the tree, out of the quota, bytes kept", async () => {
    await u.mkcol("/Bureau");
    await u.put("/Bureau/PV.md", "procès-verbal");
    const node = (await u.node("/Bureau/PV.md"))!;
    const before = (await u.root()).size;
    expect((await u.del("/Bureau/PV.md")).status).toBe(204);
    expect(await u.node("/Bureau/PV.md")).toBeUndefined();
    expect((await u.root()).size).toBe(before - new TextEncoder().encode("procès-verbal").length);
    expect(await r2Has(node.blobKey!)).toBe(true);
    const entry = await entryOf(node.id);
    expect(entry.item.originalPath).toBe("Bureau/PV.md");
    expect(entry.item.deletedBy).toBe(u.id);
    expect(entry.node.trashedAt).not.toBeNull();
    expect(await fileAccess(db(), u.id, node.id)).toBeNull();
  });

  it("refuses, through fileAccess, files inside a trashed folder", async () => {
    await u.mkcol("/Archives");
    await u.put("/Archives/2019.txt", "vieux");
    const inner = (await u.node("/Archives/2019.txt"))!;
    expect(await fileAccess(db(), u.id, inner.id)).not.toBeNull();
    await u.del("/Archives");
    expect(await fileAccess(db(), u.id, inner.id)).toBeNull();
  });

  it("restores to the original folder, with activity", async () => {
    await u.mkcol("/Compta");
    await u.put("/Compta/bilan.ods", "bilan");
    const node = (await u.node("/Compta/bilan.ods"))!;
    const size = (await u.root()).size;
    await u.del("/Compta/bilan.ods");
    const restored = await u.service().restoreFromTrash(await entryOf(node.id));
    expect(restored.id).toBe(node.id);
    expect(await u.text("/Compta/bilan.ods")).toBe("bilan");
    expect((await u.root()).size).toBe(size);
    expect(await trashEntry(db(), u.id, node.id)).toBeUndefined();
    const recorded = await db().select().from(activities).where(eq(activities.fileId, node.id));
    expect(recorded.map((a) => a.type)).toContain("file_restored");
  });

  it("restores to the root when the original folder is gone, as Nextcloud does", async () => {
    await u.mkcol("/Temp");
    await u.put("/Temp/orphelin.txt", "seul");
    const node = (await u.node("/Temp/orphelin.txt"))!;
    await u.del("/Temp/orphelin.txt");
    await u.del("/Temp");
    await u.service().restoreFromTrash(await entryOf(node.id));
    expect(await u.text("/orphelin.txt")).toBe("seul");
  });

  it("renames on a name clash: \"x (restored).txt\", then \"x (restored 2).txt\"", async () => {
    expect(restoredName("a.txt", false, 1)).toBe("a (restored).txt");
    expect(restoredName("a.txt", false, 2)).toBe("a (restored 2).txt");
    expect(restoredName("v1.2", true, 1)).toBe("v1.2 (restored)");
    const ids: number[] = [];
    for (const content of ["un", "deux"]) {
      await u.put("/doublon.txt", content);
      ids.push((await u.node("/doublon.txt"))!.id);
      await u.del("/doublon.txt");
    }
    await u.put("/doublon.txt", "trois");
    await u.service().restoreFromTrash(await entryOf(ids[0]!));
    await u.service().restoreFromTrash(await entryOf(ids[1]!));
    expect(await u.text("/doublon.txt")).toBe("trois");
    expect(await u.text("/doublon (restored).txt")).toBe("un");
    expect(await u.text("/doublon (restored 2).txt")).toBe("deux");
  });

  it("sends what an overwriting MOVE replaces to the trash", async () => {
    await u.put("/cible.txt", "ancienne cible");
    await u.put("/source.txt", "source");
    const target = (await u.node("/cible.txt"))!;
    const res = await u.files("/source.txt", "MOVE", { headers: { Destination: `/remote.php/dav/files/${u.id}/cible.txt` } });
    expect(res.status).toBe(204);
    expect((await entryOf(target.id)).node.name).toBe("cible.txt");
  });

  it("purges an item with its versions and reclaims every blob", async () => {
    await u.mkcol("/Purge");
    await u.put("/Purge/a.txt", "a1");
    await u.put("/Purge/a.txt", "a2");
    const folder = (await u.node("/Purge"))!;
    const file = (await u.node("/Purge/a.txt"))!;
    const [version] = await versionsOf(db(), file.id);
    expect(version).toBeDefined();
    await u.del("/Purge");
    await u.service().purge(await entryOf(folder.id));
    expect(await r2Has(file.blobKey!)).toBe(false);
    expect(await r2Has(version!.blobKey)).toBe(false);
    expect(await db().select().from(fileNodes).where(eq(fileNodes.id, file.id))).toEqual([]);
    expect(await trashEntry(db(), u.id, folder.id)).toBeUndefined();
  });

  it("purges what has been in the trash longer than the retention", async () => {
    await u.put("/ancien.txt", "ancien");
    await u.put("/recent.txt", "récent");
    const old = (await u.node("/ancien.txt"))!;
    const recent = (await u.node("/recent.txt"))!;
    await u.del("/ancien.txt");
    await u.del("/recent.txt");
    const longAgo = Math.floor(Date.now() / 1000) - 31 * 86400;
    await db().update(trashItems).set({ deletedAt: longAgo }).where(eq(trashItems.nodeId, old.id));
    await applyRetention(env as unknown as Env);
    expect(await trashEntry(db(), u.id, old.id)).toBeUndefined();
    expect(await r2Has(old.blobKey!)).toBe(false);
    expect(await trashEntry(db(), u.id, recent.id)).toBeDefined();
  });

  it("refuses a restore that would exceed the quota, and keeps the item in the trash", async () => {
    const q = lifecycleUser("trash-storage-quota");
    await q.seed();
    await db().update(users).set({ quotaBytes: 15 }).where(eq(users.id, q.id));
    await q.put("/a.txt", "0123456789");
    const a = (await q.node("/a.txt"))!;
    await q.del("/a.txt");
    expect((await q.put("/b.txt", "0123456789")).status).toBe(201);
    await expect(q.service().restoreFromTrash((await trashEntry(db(), q.id, a.id))!)).rejects.toMatchObject({ status: 507 });
    expect(await trashEntry(db(), q.id, a.id)).toBeDefined();
  });

  it("lists only the owner's items", async () => {
    const other = lifecycleUser("trash-storage-other");
    await other.seed();
    await other.put("/secret.txt", "x");
    await other.del("/secret.txt");
    const mine = await trashOf(db(), u.id);
    expect(mine.some((e) => e.node.name === "secret.txt")).toBe(false);
  });
});
