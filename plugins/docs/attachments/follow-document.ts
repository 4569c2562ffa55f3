import type { Env } from "../../../workers/env";
import { escapeRegExp } from "../../../workers/search/filter";
import { systemFileService } from "../../../workers/storage/system";
import { trashedNamed, trashEntry } from "../../../workers/storage/trash";
import { childNamed, nodeById } from "../../../workers/storage/tree";
import { docsRoomOf } from "../room-stub";
import { textBody } from "../text-body";
import { attachmentFolderName } from "./folder";

/*
 * A document's pictures sit in `.attachments.<id>/` beside it, found by that place: the folder goes
 * where the document goes (moved, deleted to the trash, restored), or the pictures would break.
 * Done as the one who acted on the document, through the file service, so quota and activity apply.
 */

/** After a move to another folder: the attachment folder follows. */
export async function attachmentsFollowMove(env: Env, actorId: string | null, docId: number, fromParentId: number): Promise<void> {
  const files = systemFileService(env, actorId);
  const doc = await nodeById(files.db, docId);
  if (!doc?.parentId || doc.parentId === fromParentId) return;
  const [folder, target] = await Promise.all([childNamed(files.db, fromParentId, attachmentFolderName(docId)), nodeById(files.db, doc.parentId)]);
  if (folder?.isFolder && target) await files.move(folder, target, folder.name, false);
}

/**
 * After a copy: the copy gets pictures of its own, in `.attachments.<copy id>/`, and its text points
 * there. When a whole folder was copied, its copy already holds the source's attachment folder: that
 * one is renamed rather than copied a second time.
 */
export async function attachmentsFollowCopy(env: Env, actorId: string | null, copyId: number, sourceId: number): Promise<void> {
  const files = systemFileService(env, actorId);
  const [copy, source] = await Promise.all([nodeById(files.db, copyId), nodeById(files.db, sourceId)]);
  if (!copy?.parentId || !source?.parentId) return;
  const target = await nodeById(files.db, copy.parentId);
  if (!target) return;
  const copiedAlong = copy.parentId === source.parentId ? undefined : await childNamed(files.db, copy.parentId, attachmentFolderName(sourceId));
  if (copiedAlong?.isFolder) {
    await files.move(copiedAlong, target, attachmentFolderName(copyId), false);
  } else {
    const folder = await childNamed(files.db, source.parentId, attachmentFolderName(sourceId));
    if (!folder?.isFolder) return;
    await files.copy(folder, target, attachmentFolderName(copyId), false);
  }
  const object = await files.read(copy);
  const text = object ? await object.text() : "";
  const repointed = repointAttachments(text, sourceId, copyId);
  if (repointed === text) return;
  // Renamed, moved or edited since it was read: writing now would make a second file or undo that edit.
  const now = await nodeById(files.db, copyId);
  if (now?.etag !== copy.etag || now.name !== copy.name || now.parentId !== copy.parentId) return;
  const { node } = await files.write({ parent: target, name: copy.name, ...textBody(repointed) });
  // This write tells no hook: a room already open on the copy hears of it here.
  await docsRoomOf(env, copyId).mergeExternal(repointed, node.etag, copy.etag);
}

/** The text with its picture paths moved from one document's attachment folder to another's. */
export function repointAttachments(text: string, fromId: number, toId: number): string {
  return text.replace(new RegExp(`(?<![\\w.-])${escapeRegExp(attachmentFolderName(fromId))}/`, "g"), `${attachmentFolderName(toId)}/`);
}

/** After a delete: the attachment folder goes to the trash too, to come back with the document. */
export async function attachmentsFollowDelete(env: Env, actorId: string | null, docId: number): Promise<void> {
  const files = systemFileService(env, actorId);
  const doc = await nodeById(files.db, docId);
  const entry = doc ? await trashEntry(files.db, doc.ownerId, docId) : undefined;
  if (!entry?.item.originalParentId) return; // purged for good, or not in a trash
  const folder = await childNamed(files.db, entry.item.originalParentId, attachmentFolderName(docId));
  if (folder?.isFolder) await files.remove(folder);
}

/** After a document comes back from the trash: its attachment folder comes back beside it. */
export async function attachmentsFollowRestore(env: Env, actorId: string | null, docId: number): Promise<void> {
  const files = systemFileService(env, actorId);
  const doc = await nodeById(files.db, docId);
  if (!doc?.parentId) return;
  // Only the folder deleted from where the document is now: another of that name is not its pictures.
  const entry = await trashedNamed(files.db, doc.ownerId, doc.parentId, attachmentFolderName(docId));
  if (entry?.node.isFolder) await files.restoreFromTrash(entry);
}

/** After a document was deleted for good from the trash: its attachment folder, trashed with it, goes too. */
export async function attachmentsFollowPurge(env: Env, actorId: string | null, docId: number, ownerId: string, fromParentId: number | null): Promise<void> {
  if (fromParentId === null) return;
  const files = systemFileService(env, actorId);
  const entry = await trashedNamed(files.db, ownerId, fromParentId, attachmentFolderName(docId));
  if (entry?.node.isFolder) await files.purge(entry);
}
