import { effectiveQuota } from "../accounts/quota";
import { findUser, type User } from "../accounts/users";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { personalRoot, type FileNode } from "./tree";

/** Bytes a user's own files occupy: their root folder's size, kept up to date by every change. */
export async function storageUsedBy(db: Db, userId: string): Promise<number> {
  return (await personalRoot(db, userId)).size;
}

/** What a user may still store, or null when they have no limit. */
export async function spaceLeftFor(db: Db, config: Config, userId: string): Promise<number | null> {
  const user = await findUser(db, userId);
  const quota = effectiveQuota(user?.quotaBytes ?? null, config.defaultQuotaBytes);
  if (quota === null) return null;
  return Math.max(0, quota - (await storageUsedBy(db, userId)));
}

/** Used and available bytes from a user and their root as already loaded: no query, for every PROPFIND. */
export function quotaFigures(config: Config, user: User, root: FileNode): { used: number; available: number | null } {
  const quota = effectiveQuota(user.quotaBytes ?? null, config.defaultQuotaBytes);
  return { used: root.size, available: quota === null ? null : Math.max(0, quota - root.size) };
}
