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
  const [row] = await read<{ quota: number | null; used: number }>(sql`SELECT o.quota_bytes AS quota, ${POOL_USED} AS used FROM orgs o WHERE o.id = ${orgId}`);
  return row ? poolLeft(row.quota, row.used) : null;
}

/** What the trees of all members of the org `o` hold, as a column of a query on `orgs o`. */
const POOL_USED = sql`coalesce((SELECT sum(n.size) FROM file_nodes n JOIN users u ON u.id = n.owner_id
  WHERE u.org_id = o.id AND n.parent_id IS NULL AND n.trashed_at IS NULL), 0)`;

const poolLeft = (quota: number | null, used: number) => (quota === null ? null : Math.max(0, quota - used));

const tighter = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

/** Used and available bytes: the account's own quota (or the default) and its org's pool both apply. */
function figures(config: Config, quotaBytes: number | null, used: number, poolLeftBytes: number | null): QuotaFigures {
  const quota = effectiveQuota(quotaBytes, config.defaultQuotaBytes);
  const own = quota === null ? null : Math.max(0, quota - used);
  return { used, available: tighter(own, poolLeftBytes) };
}

/**
 * The display name and quota figures of several accounts (the owners of trees the asker sees but does
 * not own), in one statement: their quota, their root's size and their org's pool. An account that
 * does not exist is left out.
 */
export async function accountsFigures(read: Reader, config: Config, userIds: readonly string[]): Promise<Map<string, { displayName: string; quota: QuotaFigures }>> {
  const rows = await read<{ id: string; displayName: string; quotaBytes: number | null; used: number; hasOrg: number; poolQuota: number | null; poolUsed: number | null }>(sql`
    SELECT u.id AS id, u.display_name AS displayName, u.quota_bytes AS quotaBytes,
      coalesce((SELECT r.size FROM file_nodes r WHERE r.owner_id = u.id AND r.parent_id IS NULL AND r.trashed_at IS NULL LIMIT 1), 0) AS used,
      u.org_id IS NOT NULL AS hasOrg, o.quota_bytes AS poolQuota, CASE WHEN o.id IS NULL THEN NULL ELSE ${POOL_USED} END AS poolUsed
    FROM users u LEFT JOIN orgs o ON o.id = u.org_id
    WHERE u.id IN (SELECT value FROM json_each(${JSON.stringify(userIds)}))`);
  return new Map(
    rows.map((r) => {
      const pool = r.hasOrg && r.poolUsed !== null ? poolLeft(r.poolQuota, r.poolUsed) : null;
      return [r.id, { displayName: r.displayName, quota: figures(config, r.quotaBytes, r.used, pool) }];
    }),
  );
}

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
  const pool = user.orgId ? await orgPoolLeft(read, user.orgId) : null;
  return figures(config, user.quotaBytes ?? null, root.size, pool);
}
