import type { Db } from "../db/client";
import { ApiError, forbidden } from "../http/errors";
import { assertValidName } from "../storage/names";
import type { Mount } from "./mounts";
import { REJECTED, setMountTarget, setRecipientState } from "./recipients";

/**
 * What a recipient may do with a mount in their root, whichever door they use (DAV or the files
 * API): a received share can leave their tree (restorable from deleted shares) or take another name
 * there, for them alone; the owner's files are untouched. A space is its managers' to change.
 */
export async function leaveMount(db: Db, userId: string, mount: Mount): Promise<void> {
  if (mount.kind !== "share") throw forbidden("A space cannot be removed from your files; ask its managers");
  await setRecipientState(db, userId, mount.shareIds, REJECTED);
}

/** `taken` says whether the name is already used in the recipient's root (their own item or another mount). */
export async function renameMount(db: Db, userId: string, mount: Mount, name: string, taken: (name: string) => Promise<boolean>): Promise<void> {
  if (mount.kind !== "share") throw forbidden("A space cannot be renamed or moved from your files; ask its managers");
  assertValidName(name);
  if (name !== mount.name && (await taken(name))) throw new ApiError(412, "precondition_failed", "Something with this name already exists");
  await setMountTarget(db, userId, mount.shareIds, name);
}
