import { and, desc, eq, inArray } from "drizzle-orm";
import { fileVersions } from "../../schema/core";
import type { Db } from "../db/client";
import { versionsToExpire } from "./version-schedule";

export type FileVersion = typeof fileVersions.$inferSelect;

const D1_MAX_PARAMS = 90;

export function versionsOf(db: Db, nodeId: number): Promise<FileVersion[]> {
  return db.select().from(fileVersions).where(eq(fileVersions.nodeId, nodeId)).orderBy(desc(fileVersions.createdAt), desc(fileVersions.id));
}

export async function versionById(db: Db, nodeId: number, versionId: number): Promise<FileVersion | undefined> {
  const [version] = await db
    .select()
    .from(fileVersions)
    .where(and(eq(fileVersions.nodeId, nodeId), eq(fileVersions.id, versionId)));
  return version;
}

export async function setVersionLabel(db: Db, version: FileVersion, label: string | null): Promise<void> {
  await db.update(fileVersions).set({ label }).where(eq(fileVersions.id, version.id));
}

/** Drops versions (rows, then bytes). The rows go first: a version never points at missing bytes. */
export async function dropVersions(db: Db, bucket: R2Bucket, versions: readonly Pick<FileVersion, "id" | "blobKey">[]): Promise<void> {
  for (let i = 0; i < versions.length; i += D1_MAX_PARAMS) {
    const slice = versions.slice(i, i + D1_MAX_PARAMS);
    await db.delete(fileVersions).where(inArray(fileVersions.id, slice.map((v) => v.id)));
    await bucket.delete(slice.map((v) => v.blobKey));
  }
}

/** Applies the expiry schedule to one file's versions: cheap, done after each new version. */
export async function expireVersionsOf(db: Db, bucket: R2Bucket, nodeId: number, maxAgeSeconds: number | null, now = Math.floor(Date.now() / 1000)): Promise<void> {
  const versions = await versionsOf(db, nodeId);
  const expired = new Set(versionsToExpire(versions, now, maxAgeSeconds));
  if (expired.size) await dropVersions(db, bucket, versions.filter((v) => expired.has(v.id)));
}

/** The hourly pass over every file that has versions. */
export async function expireAllVersions(db: Db, bucket: R2Bucket, maxAgeSeconds: number | null, now = Math.floor(Date.now() / 1000)): Promise<void> {
  const rows = await db
    .select({ id: fileVersions.id, nodeId: fileVersions.nodeId, createdAt: fileVersions.createdAt, label: fileVersions.label, blobKey: fileVersions.blobKey })
    .from(fileVersions);
  const byNode = new Map<number, typeof rows>();
  for (const r of rows) byNode.set(r.nodeId, [...(byNode.get(r.nodeId) ?? []), r]);
  const doomed: typeof rows = [];
  for (const versions of byNode.values()) {
    const expired = new Set(versionsToExpire(versions, now, maxAgeSeconds));
    doomed.push(...versions.filter((v) => expired.has(v.id)));
  }
  await dropVersions(db, bucket, doomed);
}
