import type { Env } from "../../../workers/env";
import { systemFileService } from "../../../workers/storage/system";
import { trashedNamed, trashEntry } from "../../../workers/storage/trash";
import { childNamed, nodeById } from "../../../workers/storage/tree";
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
  const entry = await trashedNamed(files.db, doc.ownerId, attachmentFolderName(docId));
  if (entry?.node.isFolder) await files.restoreFromTrash(entry);
}
