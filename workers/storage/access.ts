import { findUser } from "../accounts/users";
import type { Db } from "../db/client";
import { liveNodeById } from "./live-node";
import type { FileNode } from "./tree";

export type FileAccess = "read" | "write";

/**
 * What a user may do with a file: the question every layer and plugin asks. Today a file is its
 * owner's alone, and nothing in the trash is reachable this way; shares and spaces extend this one
 * function, so no caller changes.
 */
export async function fileAccess(db: Db, userId: string, fileId: number): Promise<{ access: FileAccess; node: FileNode } | null> {
  const [user, node] = await Promise.all([findUser(db, userId), liveNodeById(db, fileId)]);
  if (!user?.enabled || !node) return null;
  return node.ownerId === user.id ? { access: "write", node } : null;
}
