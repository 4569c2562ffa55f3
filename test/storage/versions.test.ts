import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, fileVersions } from "../../schema/core";
import { versionsToExpire, type ScheduledVersion } from "../../workers/storage/version-schedule";
import { expireVersionsOf, setVersionLabel, versionsOf } from "../../workers/storage/versions";
import { db } from "../support/accounts";
import { lifecycleUser, r2Has } from "../support/lifecycle";

const u = lifecycleUser("versions-storage");

describe("versions in the file service", () => {
  beforeAll(async () => {
    await u.seed();
  });

  it("keeps the old bytes of an overwrite as a version", async () => {
    await u.put("/compte-rendu.md", "v1");
    const first = (await u.node("/compte-rendu.md"))!;
    await u.put("/compte-rendu.md", "v2 plus longue");
    const versions = await versionsOf(db(), first.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ blobKey: first.blobKey, size: 2, sha1: first.sha1, etag: first.etag, mtime: first.mtime, authorId: u.id });
    expect(await (await env.FILES.get(versions[0]!.blobKey))!.text()).toBe("v1");
    expect(await u.text("/compte-rendu.md")).toBe("v2 plus longue");
  });

  it("restores a version: the current content becomes a version, with a new ETag and activity", async () => {
    await u.put("/budget.ods", "avant");
    await u.put("/budget.ods", "après");
    const current = (await u.node("/budget.ods"))!;
    const [old] = await versionsOf(db(), current.id);
    const restored = await u.service().restoreVersion(current, old!);
    expect(restored.etag).not.toBe(current.etag);
    expect(await u.text("/budget.ods")).toBe("avant");
    const versions = await versionsOf(db(), current.id);
    expect(versions.map((v) => v.blobKey)).toEqual([current.blobKey]);
    expect(await r2Has(old!.blobKey)).toBe(true); // now the file's content
    const recorded = await db().select().from(activities).where(eq(activities.fileId, current.id));
    expect(recorded.map((a) => a.type)).toContain("file_restored");
  });

  it("leaves one complete file and exactly one version after two concurrent PUTs", async () => {
    const a = "A".repeat(40_000);
    const b = "B".repeat(60_000);
    await Promise.all([u.put("/concurrent.bin", a), u.put("/concurrent.bin", b)]);
    const content = await u.text("/concurrent.bin");
    expect([a, b]).toContain(content);
    const node = (await u.node("/concurrent.bin"))!;
    const versions = await versionsOf(db(), node.id);
    expect(versions).toHaveLength(1);
    const versionContent = await (await env.FILES.get(versions[0]!.blobKey))!.text();
    expect([a, b].filter((x) => x !== content)).toEqual([versionContent]);
  });

  it("thins versions by the schedule, keeps labelled ones, and reclaims the dropped bytes", async () => {
    for (const v of ["1", "2", "3", "4"]) await u.put("/notes.txt", `notes ${v}`);
    const node = (await u.node("/notes.txt"))!;
    const versions = await versionsOf(db(), node.id);
    expect(versions).toHaveLength(3);
    const now = Math.floor(Date.now() / 1000);
    // Three versions superseded within the same minute, seen an hour later: one per minute survives, plus the labelled one.
    await setVersionLabel(db(), versions[2]!, "Avant réunion");
    await expireVersionsOf(db(), env.FILES, node.id, null, now + 3600);
    const left = await versionsOf(db(), node.id);
    expect(left).toHaveLength(2);
    expect(left.some((v) => v.label === "Avant réunion")).toBe(true);
    const dropped = versions.filter((v) => !left.some((l) => l.id === v.id));
    for (const v of dropped) expect(await r2Has(v.blobKey)).toBe(false);
    expect(await db().select().from(fileVersions).where(eq(fileVersions.nodeId, node.id))).toHaveLength(2);
  });
});

describe("the version expiry schedule", () => {
  const now = 1_800_000_000;
  const v = (id: number, age: number, label: string | null = null): ScheduledVersion => ({ id, createdAt: now - age, label });

  it("keeps everything from the last 10 seconds", () => {
    expect(versionsToExpire([v(1, 1), v(2, 1), v(3, 5), v(4, 9)], now, null)).toEqual([]);
  });

  it("keeps one per 10 s in the first minute, one per minute in the first hour", () => {
    expect(versionsToExpire([v(1, 20), v(2, 25), v(3, 31), v(4, 120), v(5, 150), v(6, 190)], now, null).sort()).toEqual([2, 5]);
  });

  it("keeps one per hour in the first day, one per day for 30 days, one per week after", () => {
    const hour = 3600;
    const day = 86400;
    const ids = versionsToExpire([v(1, 2 * hour), v(2, 2 * hour + 600), v(3, 3 * hour + 1), v(4, 2 * day), v(5, 2 * day + hour), v(6, 40 * day), v(7, 43 * day), v(8, 48 * day)], now, null);
    expect(ids.sort()).toEqual([2, 5, 7]);
  });

  it("drops what is older than the maximum age, except labelled versions", () => {
    expect(versionsToExpire([v(1, 10 * 86400), v(2, 400 * 86400), v(3, 500 * 86400, "gardée")], now, 365 * 86400)).toEqual([2]);
  });
});
