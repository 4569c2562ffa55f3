import { and, eq, lt, sql } from "drizzle-orm";
import { chunkedUploads, uploadChunks } from "../../../schema/core";
import type { Db } from "../../db/client";
import { UPLOAD_TTL_SECONDS } from "./limits";

export type ChunkedUpload = typeof chunkedUploads.$inferSelect;
export type UploadChunk = typeof uploadChunks.$inferSelect;

const now = () => Math.floor(Date.now() / 1000);

export function findUpload(db: Db, userId: string, transferId: string): Promise<ChunkedUpload | undefined> {
  return db.query.chunkedUploads.findFirst({ where: and(eq(chunkedUploads.userId, userId), eq(chunkedUploads.transferId, transferId)) });
}

export function uploadsOf(db: Db, userId: string): Promise<ChunkedUpload[]> {
  return db.select().from(chunkedUploads).where(eq(chunkedUploads.userId, userId));
}

/** Creates the upload; undefined when the user already has one by that name. */
export async function createUpload(db: Db, values: { userId: string; transferId: string; destination: string | null; totalLength: number | null }): Promise<ChunkedUpload | undefined> {
  const [row] = await db
    .insert(chunkedUploads)
    .values({ id: crypto.randomUUID(), ...values, expiresAt: now() + UPLOAD_TTL_SECONDS })
    .onConflictDoNothing()
    .returning();
  return row;
}

/**
 * Chunks in assembly order: by their number, whatever the zero-padding (16-digit NG names exceed
 * what a double holds exactly, so they are compared as digit strings).
 */
export async function chunksOf(db: Db, uploadId: string): Promise<UploadChunk[]> {
  const rows = await db.select().from(uploadChunks).where(eq(uploadChunks.uploadId, uploadId));
  const digits = (name: string) => name.replace(/^0+(?=\d)/, "");
  return rows.sort((a, b) => {
    const x = digits(a.name);
    const y = digits(b.name);
    return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
  });
}

/**
 * Records a received chunk and keeps the upload alive. Returns the object of the chunk it replaced,
 * read in the same transaction as the replacement, so that exactly one request deletes it.
 */
export async function recordChunk(db: Db, upload: ChunkedUpload, chunk: { name: string; size: number; blobKey: string }): Promise<string | undefined> {
  const [previous] = await db.batch([
    db.select({ key: uploadChunks.blobKey }).from(uploadChunks).where(and(eq(uploadChunks.uploadId, upload.id), eq(uploadChunks.name, chunk.name))),
    db
      .insert(uploadChunks)
      .values({ uploadId: upload.id, ...chunk })
      .onConflictDoUpdate({ target: [uploadChunks.uploadId, uploadChunks.name], set: { size: chunk.size, blobKey: chunk.blobKey, createdAt: now() } }),
    db.update(chunkedUploads).set({ expiresAt: now() + UPLOAD_TTL_SECONDS }).where(eq(chunkedUploads.id, upload.id)),
  ]);
  return previous[0]?.key;
}

/** Deletes an upload's staged objects, then its rows (the chunks' go with it). */
export async function discardUpload(db: Db, bucket: R2Bucket, upload: ChunkedUpload): Promise<void> {
  const keys = (await chunksOf(db, upload.id)).map((c) => c.blobKey);
  for (let i = 0; i < keys.length; i += 1000) await bucket.delete(keys.slice(i, i + 1000));
  await db.delete(chunkedUploads).where(eq(chunkedUploads.id, upload.id));
}

export function expiredUploads(db: Db, limit: number): Promise<ChunkedUpload[]> {
  return db.select().from(chunkedUploads).where(lt(chunkedUploads.expiresAt, now())).limit(limit);
}

/** Bytes staged so far, without the chunk of that name (a re-sent chunk replaces it). */
export async function stagedBytes(db: Db, uploadId: string, except: string): Promise<number> {
  const [row] = await db.all<{ total: number }>(sql`SELECT coalesce(sum(size), 0) AS total FROM upload_chunks WHERE upload_id = ${uploadId} AND name <> ${except}`);
  return row?.total ?? 0;
}

/** A chunk's ETag: its object's name, which changes whenever the chunk is sent again. */
export const chunkEtag = (blobKey: string) => `"${blobKey.slice(blobKey.lastIndexOf("/") + 1)}"`;
