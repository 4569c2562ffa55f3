import type { Db } from "../db/client";
import { effectiveAccess } from "../sharing/effective-access";
import { UPDATE } from "../sharing/permission-bits";
import { linkAccess, linkPrincipalOf } from "../sharing/public/link-principal";
import type { FileNode } from "./tree";

export type FileAccess = "read" | "write";

/**
 * What a user may do with a file, by id: a summary of the authorization service
 * (sharing/effective-access.ts) for callers that only tell reading from writing; `permissions` holds
 * the full bits for those that need more (create, delete, share).
 */
export async function fileAccess(db: Db, userId: string, fileId: number): Promise<{ access: FileAccess; permissions: number; node: FileNode } | null> {
  // A public link acting in a live room (sharing/public/link-principal.ts).
  const link = linkPrincipalOf(userId);
  if (link !== null) return linkAccess(db, link, fileId);
  const granted = await effectiveAccess(db, userId, fileId);
  if (!granted) return null;
  return { access: granted.permissions & UPDATE ? "write" : "read", permissions: granted.permissions, node: granted.node };
}
