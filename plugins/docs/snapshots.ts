import { Hono } from "hono";
import { z } from "zod";
import { fileVersions } from "../../schema/core";
import { asJson as versionJson } from "../../workers/api/versions";
import type { Db } from "../../workers/db/client";
import type { AppEnv } from "../../workers/http/app-env";
import { conflict } from "../../workers/http/errors";
import { jsonBody } from "../../workers/http/validate";
import { UPDATE } from "../../workers/sharing/permission-bits";
import { nodeById, type FileNode } from "../../workers/storage/tree";
import { storeBlob } from "../../workers/storage/upload";
import type { FileVersion } from "../../workers/storage/versions";
import { documentFor } from "./document-access";
import { flushDocument } from "./room-stub";

const snapshotBody = z.object({ label: z.string().trim().min(1).max(100) }).strict();

/**
 * Keeps the file's current content as a labelled version. Versions hold superseded contents, so the
 * current one is copied to bytes of its own: the version outlives later saves, retention never drops
 * it (it has a label), and restoring it is restoring any version.
 */
async function keepAsVersion(db: Db, bucket: R2Bucket, node: FileNode, label: string): Promise<FileVersion> {
  const object = node.blobKey ? await bucket.get(node.blobKey) : null;
  if (node.blobKey && !object) throw conflict("The document changed meanwhile; try again");
  const blob = await storeBlob(bucket, object?.body ?? null, object ? node.size : 0, node.mime);
  try {
    const [version] = await db
      .insert(fileVersions)
      .values({ nodeId: node.id, blobKey: blob.key, size: blob.size, sha1: blob.sha1, mtime: node.mtime, etag: node.etag, authorId: node.modifiedBy, label })
      .returning();
    return version!;
  } catch (error) {
    await bucket.delete(blob.key).catch(() => undefined);
    throw error;
  }
}

/** `POST /api/docs/{fileId}/snapshots {label}`: a named version of the document as it is now, live edits included. */
export const snapshotsApi = new Hono<AppEnv>().post("/:fileId{[0-9]{1,15}}/snapshots", jsonBody(snapshotBody), async (c) => {
  const doc = await documentFor(c, Number(c.req.param("fileId")), UPDATE);
  await flushDocument(c.env, doc.id);
  const current = await nodeById(c.var.db, doc.id);
  if (!current) throw conflict("The document was deleted meanwhile");
  const version = await keepAsVersion(c.var.db, c.env.FILES, current, c.req.valid("json").label);
  return c.json({ version: versionJson(version) }, 201);
});
