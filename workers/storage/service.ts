import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { deadProperties, fileNodes, fileVersions, trashItems } from "../../schema/core";
import { readConfig } from "../config";
import type { Db } from "../db/client";
import { ApiError, badRequest, conflict, forbidden, notFound } from "../http/errors";
import { newEtag, propagateStatement } from "./etag";
import { audienceOf } from "../sharing/audience";
import { emitFileEvent, emitPurged, treePath, type EventContext } from "./events";
import { FOLDER_MIME, mimeOf } from "./mime";
import { isForeignKeyViolation, isUniqueViolation } from "./constraints";
import { assertValidName, numberedName } from "./names";
import { blobsUnder, childNamed, children, isWithin, nodeById, type FileNode } from "./tree";
import { storeBlob, type StoredBlob } from "./upload";
import { liveNodeById } from "./live-node";
import { restoreFolder, restoredName, trashItemStatement, type TrashEntry } from "./trash";
import { expireVersionsOf, type FileVersion } from "./versions";

export interface WriteRequest {
  parent: FileNode;
  name: string;
  body: ReadableStream<Uint8Array> | null;
  length: number;
  mtime?: number;
  expectedSha1?: string;
  /** The file this one is a copy of, told to plugins (a document copies its pictures along). */
  copiedFromId?: number;
}

export interface FileServiceOptions extends EventContext {
  bucket: R2Bucket;
  /** Bytes a tree's owner may still use, or null for no limit. */
  spaceLeft: (ownerId: string) => Promise<number | null>;
  /** Writes never replace a file: a taken name gets " (2)", " (3)"… (a public file drop keeps every hand-in). */
  keepBoth?: boolean;
}

const now = () => Math.floor(Date.now() / 1000);
const parentGone = () => conflict("The parent folder was deleted meanwhile");
export const insufficientStorage = () => new ApiError(507, "insufficient_storage", "Not enough storage left for this upload");

/**
 * The one file service: WebDAV, the REST API and plugins all change the tree through it, so ETags,
 * sizes, quota, activity and plugin hooks are the same whichever door a change came through.
 */
export class FileService {
  constructor(private readonly o: FileServiceOptions) {}

  get db(): Db {
    return this.o.db;
  }

  list(folder: FileNode): Promise<FileNode[]> {
    return children(this.o.db, folder.id);
  }

  async createFolder(parent: FileNode, name: string, mtime = now()): Promise<FileNode> {
    assertValidName(name);
    if (!parent.isFolder) throw conflict("The parent is not a folder");
    const exists = () => new ApiError(405, "exists", "Something with this name already exists");
    const [existing] = await Promise.all([childNamed(this.o.db, parent.id, name), this.assertInTree(parent)]);
    if (existing) throw exists();
    let node;
    try {
      [node] = await this.o.db.batch([
        this.o.db.insert(fileNodes).values({ ownerId: parent.ownerId, spaceId: parent.spaceId, parentId: parent.id, name, isFolder: true, mime: FOLDER_MIME, etag: newEtag(), mtime }).returning(),
        propagateStatement(this.o.db, parent.id, 0),
      ]);
    } catch (error) {
      // Another job made the same folder, or deleted the parent, between the check and the insert.
      if (isUniqueViolation(error)) throw exists();
      if (isForeignKeyViolation(error)) throw parentGone();
      throw error;
    }
    await emitFileEvent(this.o, "fileCreated", node[0]!, {});
    return node[0]!;
  }

  /**
   * Stores new content for `parent/name`. The bytes go to a new R2 object first; only then does one
   * D1 batch point the node at them, so a failed upload leaves the previous content untouched, and
   * two concurrent uploads leave one complete file.
   */
  async write(request: WriteRequest): Promise<{ node: FileNode; created: boolean }> {
    const { parent, name } = request;
    await this.assertWritable(parent, name, request.length);
    const blob = await storeBlob(this.o.bucket, request.body, request.length, mimeOf(name));
    return this.commitBlob(parent, name, blob, { mtime: request.mtime, expectedSha1: request.expectedSha1, copiedFromId: request.copiedFromId });
  }

  /** The checks a write makes before any byte is stored: a valid name, no folder in the way, room in the quota. */
  async assertWritable(parent: FileNode, name: string, length: number): Promise<void> {
    assertValidName(name);
    if (!parent.isFolder) throw conflict("The parent is not a folder");
    const [before] = await Promise.all([childNamed(this.o.db, parent.id, name), this.assertInTree(parent)]);
    if (before?.isFolder && !this.o.keepBoth) throw new ApiError(405, "is_folder", "A folder has this name");
    const left = await this.o.spaceLeft(parent.ownerId);
    const replaced = this.o.keepBoth ? 0 : (before?.size ?? 0);
    if (left !== null && length - replaced > left) throw insufficientStorage();
  }

  /**
   * Makes bytes already stored in R2 (one PUT, or an assembled chunked upload) the content of
   * `parent/name`. On any failure the blob is deleted and the previous content stays as it was.
   */
  async commitBlob(
    parent: FileNode,
    name: string,
    blob: StoredBlob,
    options: { mtime?: number; expectedSha1?: string; copiedFromId?: number } = {},
  ): Promise<{ node: FileNode; created: boolean }> {
    let swapped: { node: FileNode; previous?: FileNode };
    try {
      if (options.expectedSha1 && options.expectedSha1 !== blob.sha1) {
        throw badRequest("The computed checksum does not match the one received from the client", "checksum_mismatch");
      }
      swapped = await this.swapIn(parent, name, blob, options.mtime ?? now());
    } catch (error) {
      // Nothing points at the new bytes yet: they go, and the previous version stays as it was.
      await this.o.bucket.delete(blob.key).catch(() => undefined);
      throw error;
    }
    const { node, previous } = swapped;
    // The replaced bytes became a version; retention may already thin that file's older ones.
    if (previous?.blobKey) await this.expireVersions(node.id);
    if (previous) await emitFileEvent(this.o, "fileChanged", node, { previousEtag: previous.etag });
    else await emitFileEvent(this.o, "fileCreated", node, options.copiedFromId === undefined ? {} : { copiedFromId: options.copiedFromId });
    return { node, created: !previous };
  }

  /** Points `parent/name` at a stored blob, retrying when another job changed the name meanwhile. */
  private async swapIn(parent: FileNode, name: string, blob: StoredBlob, mtime: number): Promise<{ node: FileNode; previous?: FileNode }> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await childNamed(this.o.db, parent.id, name);
      if (current && this.o.keepBoth) {
        const node = await this.insertFile(parent, await this.freeName(parent, name), blob, mtime);
        if (node) return { node };
        continue; // the free name was taken meanwhile: look again
      }
      if (current?.isFolder) throw new ApiError(405, "is_folder", "A folder has this name");
      const node = current ? await this.replaceContent(current, blob, mtime) : await this.insertFile(parent, name, blob, mtime);
      if (node) return { node, previous: current };
    }
    throw conflict("The file kept changing during the upload; try again");
  }

  /** The first "name (n)" not taken in the folder, from one query over the names that could clash. */
  private async freeName(parent: FileNode, name: string): Promise<string> {
    const dot = name.lastIndexOf(".");
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const rows = await this.o.db
      .select({ name: fileNodes.name })
      .from(fileNodes)
      .where(and(eq(fileNodes.parentId, parent.id), sql`instr(${fileNodes.name}, ${stem}) = 1`));
    const taken = new Set(rows.map((r) => r.name));
    let n = 2;
    while (taken.has(numberedName(name, n))) n++;
    return numberedName(name, n);
  }

  private async insertFile(parent: FileNode, name: string, blob: StoredBlob, mtime: number) {
    try {
      const [rows] = await this.o.db.batch([
        this.o.db
          .insert(fileNodes)
          .values({ ownerId: parent.ownerId, spaceId: parent.spaceId, parentId: parent.id, name, isFolder: false, size: blob.size, mime: mimeOf(name), etag: newEtag(), mtime, sha1: blob.sha1, blobKey: blob.key, modifiedBy: this.o.actorId })
          .returning(),
        propagateStatement(this.o.db, parent.id, blob.size),
      ]);
      return rows[0];
    } catch (error) {
      if (isUniqueViolation(error)) return undefined; // created meanwhile: the caller looks again
      if (isForeignKeyViolation(error)) throw parentGone();
      throw error;
    }
  }

  /**
   * Compare-and-swap on the blob key: the update only lands if nobody replaced the content since we read it.
   * The replaced content becomes a version in the same transaction, so no overwrite loses bytes.
   */
  private async replaceContent(current: FileNode, blob: Pick<StoredBlob, "key" | "size"> & { sha1: string | null }, mtime: number, restoredVersionId?: number) {
    const landed = sql`EXISTS (SELECT 1 FROM file_nodes WHERE id = ${current.id} AND blob_key = ${blob.key})`;
    // INSERT … SELECT so that it can depend on the swap; values in the order of file_versions' columns in the schema.
    const keepVersion = current.blobKey
      ? [
          this.o.db.insert(fileVersions).select(
            sql`SELECT NULL, ${current.id}, ${current.blobKey}, ${current.size}, ${current.sha1}, ${current.mtime}, ${current.etag}, ${current.modifiedBy}, NULL, unixepoch() WHERE ${landed}`,
          ),
        ]
      : [];
    const [rows] = await this.o.db.batch([
      this.o.db
        .update(fileNodes)
        .set({ size: blob.size, etag: newEtag(), mtime, sha1: blob.sha1, blobKey: blob.key, modifiedBy: this.o.actorId })
        .where(and(eq(fileNodes.id, current.id), current.blobKey ? eq(fileNodes.blobKey, current.blobKey) : isNull(fileNodes.blobKey)))
        .returning(),
      // Applied only when the swap above happened: by then the node points at the new blob.
      propagateStatement(this.o.db, current.parentId!, blob.size - current.size, landed),
      ...keepVersion,
      // A restored version's bytes are the content now: its row goes, in the same transaction.
      ...(restoredVersionId === undefined ? [] : [this.o.db.delete(fileVersions).where(and(eq(fileVersions.id, restoredVersionId), landed))]),
    ]);
    return rows[0];
  }

  private async expireVersions(nodeId: number): Promise<void> {
    const days = readConfig(this.o.env).versionsRetentionDays;
    await expireVersionsOf(this.o.db, this.o.bucket, nodeId, days === 0 ? null : days * 86400);
  }

  /** Writes into a folder that is in the trash (deleted by another job meanwhile) are refused like writes into a gone one. */
  private async assertInTree(folder: FileNode): Promise<void> {
    if (!(await liveNodeById(this.o.db, folder.id))) throw parentGone();
  }

  /**
   * Makes an earlier version the content again; the content it replaces becomes a version itself.
   * The version's bytes are reused, not copied: its row goes in the same transaction.
   */
  async restoreVersion(node: FileNode, version: FileVersion): Promise<FileNode> {
    const blob = { key: version.blobKey, size: version.size, sha1: version.sha1 };
    const restored = await this.replaceContent(node, blob, version.mtime, version.id);
    if (!restored) throw conflict("The file changed meanwhile; try again");
    await this.expireVersions(node.id);
    await emitFileEvent(this.o, "fileChanged", restored, { previousEtag: node.etag }, { activity: "file_restored" });
    return restored;
  }

  /** Sets a node's modification time (PROPPATCH of getlastmodified, X-OC-Mtime on MOVE of a chunked upload). */
  async touch(node: FileNode, mtime: number): Promise<void> {
    await this.o.db.update(fileNodes).set({ mtime }).where(eq(fileNodes.id, node.id));
  }

  async read(node: FileNode, range?: R2Range): Promise<R2ObjectBody | null> {
    if (node.isFolder || !node.blobKey) return null;
    return this.o.bucket.get(node.blobKey, range ? { range } : undefined);
  }

  /**
   * Deletes a node and its subtree: they leave the tree for their owner's trash in one transaction,
   * and stop counting against the quota. `purge` is what really deletes.
   */
  async remove(node: FileNode): Promise<void> {
    if (node.parentId === null) throw forbidden("The root folder cannot be deleted");
    const before = await audienceOf(this.o.db, node.id);
    const deletedAt = now();
    await this.o.db.batch([
      trashItemStatement(this.o.db, node, before.treeNames.join("/"), deletedAt, this.o.actorId),
      // Size and parent as they are now, inside the transaction: a job may have added to the folder since it was read.
      propagateStatement(
        this.o.db,
        sql`(SELECT parent_id FROM file_nodes WHERE id = ${node.id})`,
        sql`-coalesce((SELECT size FROM file_nodes WHERE id = ${node.id}), 0)`,
      ),
      this.o.db.update(fileNodes).set({ parentId: null, trashedAt: deletedAt }).where(and(eq(fileNodes.id, node.id), isNotNull(fileNodes.parentId))),
    ]);
    await emitFileEvent(this.o, "fileDeleted", node, {}, { before });
  }

  /**
   * Deletes an item of a trash, its subtree and their versions for good, then reclaims all their bytes.
   * Its deletion was reported when it went to the trash: plugins now hear that it is gone for good.
   */
  async purge(entry: TrashEntry): Promise<void> {
    const { node } = entry;
    const [files, versions] = await this.o.db.batch([
      blobsUnder(this.o.db, node),
      this.o.db
        .select({ key: fileVersions.blobKey })
        .from(fileVersions)
        .where(sql`${fileVersions.nodeId} IN (WITH RECURSIVE sub(id) AS (SELECT ${node.id} UNION ALL SELECT n.id FROM file_nodes n JOIN sub ON n.parent_id = sub.id) SELECT id FROM sub)`),
      propagateStatement(
        this.o.db,
        sql`(SELECT parent_id FROM file_nodes WHERE id = ${node.id})`,
        sql`-coalesce((SELECT size FROM file_nodes WHERE id = ${node.id}), 0)`,
      ),
      this.o.db.delete(fileNodes).where(eq(fileNodes.id, node.id)),
    ]);
    const blobs = [...files, ...versions].map((r) => r.key).filter((k): k is string => k !== null);
    for (let i = 0; i < blobs.length; i += 1000) await this.o.bucket.delete(blobs.slice(i, i + 1000));
    emitPurged(this.o, entry);
  }

  /**
   * Puts a trashed item back where it was deleted from (the root when that folder is gone), named
   * "x (restored).txt" when its name is taken, as Nextcloud does.
   */
  async restoreFromTrash(entry: TrashEntry): Promise<FileNode> {
    const { node } = entry;
    const target = await restoreFolder(this.o.db, entry);
    const left = await this.o.spaceLeft(target.ownerId);
    if (left !== null && node.size > left) throw insufficientStorage();
    for (let attempt = 0; attempt < 20; attempt++) {
      const name = restoredName(node.name, node.isFolder, attempt);
      if (await childNamed(this.o.db, target.id, name)) continue;
      const landed = sql`EXISTS (SELECT 1 FROM file_nodes WHERE id = ${node.id} AND parent_id = ${target.id} AND trashed_at IS NULL)`;
      let rows: FileNode[];
      try {
        [rows] = await this.o.db.batch([
          this.o.db
            .update(fileNodes)
            .set({ parentId: target.id, name, trashedAt: null, etag: newEtag() })
            .where(and(eq(fileNodes.id, node.id), isNotNull(fileNodes.trashedAt)))
            .returning(),
          propagateStatement(this.o.db, target.id, sql`(SELECT size FROM file_nodes WHERE id = ${node.id})`, landed),
          this.o.db.delete(trashItems).where(eq(trashItems.nodeId, node.id)),
        ]);
      } catch (error) {
        if (isUniqueViolation(error)) continue; // the name was taken meanwhile: the next one
        if (isForeignKeyViolation(error)) throw parentGone();
        throw error;
      }
      if (!rows[0]) throw notFound("This item was restored or deleted meanwhile");
      await emitFileEvent(this.o, "fileCreated", rows[0], {}, { activity: "file_restored" });
      return rows[0];
    }
    throw conflict("No free name to restore this item under");
  }

  /** Renames and moves change metadata only; bytes stay where they are. */
  async move(node: FileNode, target: FileNode, name: string, overwrite: boolean): Promise<{ node: FileNode; replaced: boolean }> {
    assertValidName(name);
    if (node.parentId === null) throw forbidden("The root folder cannot be moved");
    if (!target.isFolder) throw conflict("The destination's parent is not a folder");
    if (node.isFolder && (await isWithin(this.o.db, target, node))) throw forbidden("A folder cannot be moved into itself");
    await this.assertInTree(target);
    const before = await audienceOf(this.o.db, node.id);
    const existing = await childNamed(this.o.db, target.id, name);
    if (existing?.id === node.id) return { node, replaced: false };
    if (existing && !overwrite) throw new ApiError(412, "exists", "The destination exists and Overwrite is F");
    await this.assertNotAncestor(existing, node);
    if (existing) await this.remove(existing);
    if (target.ownerId !== node.ownerId || target.spaceId !== node.spaceId) {
      const left = await this.o.spaceLeft(target.ownerId);
      if (left !== null && node.size > left) throw insufficientStorage();
    }
    // Compare-and-swap on where the node was: sizes move only if this job is the one that moved it.
    const landed = sql`EXISTS (SELECT 1 FROM file_nodes WHERE id = ${node.id} AND parent_id = ${target.id} AND name = ${name})`;
    let rows: FileNode[];
    try {
      [rows] = await this.o.db.batch([
        this.o.db
          .update(fileNodes)
          .set({ parentId: target.id, name, etag: newEtag(), ownerId: target.ownerId, spaceId: target.spaceId })
          .where(and(eq(fileNodes.id, node.id), eq(fileNodes.parentId, node.parentId), eq(fileNodes.name, node.name)))
          .returning(),
        propagateStatement(this.o.db, node.parentId, -node.size, landed),
        propagateStatement(this.o.db, target.id, node.size, landed),
      ]);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ApiError(412, "exists", "The destination was created meanwhile");
      if (isForeignKeyViolation(error)) throw parentGone();
      throw error;
    }
    if (!rows[0]) throw conflict("The source was moved or deleted meanwhile");
    if (node.isFolder && (target.ownerId !== node.ownerId || target.spaceId !== node.spaceId)) await this.reownSubtree(node.id, target.ownerId, target.spaceId);
    const moved = rows[0]!;
    await emitFileEvent(this.o, "fileMoved", moved, { fromPath: treePath(before), fromParentId: node.parentId }, { before });
    return { node: moved, replaced: Boolean(existing) };
  }

  /** Overwriting a folder that holds the source would delete the source first: refused, nothing lost. */
  private async assertNotAncestor(destination: FileNode | undefined, source: FileNode) {
    if (destination?.isFolder && (await isWithin(this.o.db, source, destination))) {
      throw forbidden("The destination contains the source");
    }
  }

  private async reownSubtree(id: number, ownerId: string, spaceId: string | null) {
    await this.o.db
      .update(fileNodes)
      .set({ ownerId, spaceId })
      .where(sql`${fileNodes.id} IN (WITH RECURSIVE sub(id) AS (SELECT ${id} UNION ALL SELECT n.id FROM file_nodes n JOIN sub ON n.parent_id = sub.id) SELECT id FROM sub)`);
  }

  /** Copies a node (a folder with its contents when `deep`), with its dead properties. */
  async copy(node: FileNode, target: FileNode, name: string, overwrite: boolean, deep = true): Promise<{ node: FileNode; replaced: boolean }> {
    assertValidName(name);
    if (!target.isFolder) throw conflict("The destination's parent is not a folder");
    if (node.isFolder && deep && (await isWithin(this.o.db, target, node))) throw forbidden("A folder cannot be copied into itself");
    const existing = await childNamed(this.o.db, target.id, name);
    if (existing?.id === node.id) throw forbidden("Source and destination are the same");
    if (existing && !overwrite) throw new ApiError(412, "exists", "The destination exists and Overwrite is F");
    await this.assertNotAncestor(existing, node);
    const left = await this.o.spaceLeft(target.ownerId);
    if (left !== null && node.size - (existing?.size ?? 0) > left) throw insufficientStorage();
    if (existing) await this.remove(existing);
    const copy = await this.copyInto(node, target, name, deep);
    return { node: copy, replaced: Boolean(existing) };
  }

  private async copyInto(node: FileNode, target: FileNode, name: string, deep: boolean): Promise<FileNode> {
    let copy: FileNode;
    if (node.isFolder) {
      copy = await this.createFolder(target, name, node.mtime);
      if (deep) {
        // Folders first: a file's copy is announced to plugins once the folders beside it exist
        // (a document looks for its pictures' folder).
        const inside = await children(this.o.db, node.id);
        for (const child of [...inside.filter((c) => c.isFolder), ...inside.filter((c) => !c.isFolder)]) await this.copyInto(child, copy, child.name, true);
      }
    } else {
      const source = await this.read(node);
      // The content was replaced after the node was read: its old bytes are gone, so copy nothing.
      if (!source && node.blobKey) throw conflict("The source changed during the copy; try again");
      copy = (await this.write({ parent: target, name, body: source?.body ?? null, length: source ? node.size : 0, mtime: node.mtime, copiedFromId: node.id })).node;
    }
    const props = await this.o.db.select().from(deadProperties).where(eq(deadProperties.nodeId, node.id));
    if (props.length) await this.o.db.insert(deadProperties).values(props.map((p) => ({ ...p, nodeId: copy.id })));
    return (await nodeById(this.o.db, copy.id))!;
  }
}

export function assertFound<T>(value: T | undefined | null, message = "Not found"): T {
  if (value === undefined || value === null) throw notFound(message);
  return value;
}
