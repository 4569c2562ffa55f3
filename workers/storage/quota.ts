import { sql } from "drizzle-orm";
import { effectiveQuota } from "../accounts/quota";
import { findUser, type User } from "../accounts/users";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { directReader, type Reader } from "../db/read-together";
import { homeRootOf, type FileNode } from "./tree";

/** Bytes a user's own files occupy: their root folder's size, kept up to date by every change. */
export async function storageUsedBy(db: Db, userId: string): Promise<number> {
  return (await homeRootOf(db, userId)).size;
}

/**
 * What is left of an organisation's pool: its quota minus what all its members' trees hold (the
 * org's spaces, whose holder accounts belong to it, count too). Null when the org has no pool.
 */
async function orgPoolLeft(read: Reader, orgId: string): Promise<number | null> {
  const [row] = await read<{ quota: number | null; used: number }>(sql`
    SELECT o.quota_bytes AS quota,
      coalesce((SELECT sum(n.size) FROM file_nodes n JOIN users u ON u.id = n.owner_id
        WHERE u.org_id = o.id AND n.parent_id IS NULL AND n.trashed_at IS NULL), 0) AS used
    FROM orgs o WHERE o.id = ${orgId}`);
  if (!row || row.quota === null) return null;
  return Math.max(0, row.quota - row.used);
}

const tighter = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

/** What a user may still store: their own quota and their organisation's pool both apply. Null when unlimited. */
export async function spaceLeftFor(db: Db, config: Config, userId: string): Promise<number | null> {
  const user = await findUser(db, userId);
  if (!user) return 0;
  return (await quotaFigures(db, config, user, await homeRootOf(db, userId))).available;
}

export interface QuotaFigures {
  used: number;
  available: number | null;
}

/**
 * Used and available bytes, from a user and their root as already loaded; the org pool costs one query
 * (through `read`, so that a PROPFIND sends it in the batch of its listing).
 */
export async function quotaFigures(db: Db, config: Config, user: User, root: FileNode, read: Reader = directReader(db)): Promise<QuotaFigures> {
  const quota = effectiveQuota(user.quotaBytes ?? null, config.defaultQuotaBytes);
  const own = quota === null ? null : Math.max(0, quota - root.size);
  const pool = user.orgId ? await orgPoolLeft(read, user.orgId) : null;
  return { used: root.size, available: tighter(own, pool) };
}
