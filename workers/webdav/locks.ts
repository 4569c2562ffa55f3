import { eq, lt, sql } from "drizzle-orm";
import { davLocks } from "../../schema/core";
import type { Db } from "../db/client";
import type { FileNode } from "../storage/tree";
import { escapeXml } from "./xml";

export type DavLock = typeof davLocks.$inferSelect;

export const MAX_LOCK_SECONDS = 3600;
const now = () => Math.floor(Date.now() / 1000);

const LOCK_COLUMNS = sql.raw("token, node_id AS nodeId, user_id AS userId, exclusive, deep, owner_xml AS ownerXml, timeout_seconds AS timeoutSeconds, expires_at AS expiresAt");

/** Raw rows carry SQLite's 0/1 where the table's type says boolean. */
export const locksFromRows = (rows: DavLock[]): DavLock[] => rows.map((l) => ({ ...l, exclusive: Boolean(l.exclusive), deep: Boolean(l.deep) }));

/**
 * Locks on the node itself, and depth-infinity locks on any ancestor: everything that covers it. One
 * query (PROPFIND and every write ask), the node's own locks first.
 */
export async function locksCovering(db: Db, node: FileNode): Promise<DavLock[]> {
  return locksFromRows(await db.all<DavLock>(locksCoveringQuery(node)));
}

/** locksCovering's statement, not yet sent (PROPFIND batches it; see readTogether); rows go through locksFromRows. */
export const locksCoveringQuery = (node: FileNode) => sql`
  WITH RECURSIVE chain(id) AS (
    SELECT parent_id FROM file_nodes WHERE id = ${node.id} AND parent_id IS NOT NULL
    UNION ALL
    SELECT n.parent_id FROM file_nodes n JOIN chain ON n.id = chain.id WHERE n.parent_id IS NOT NULL
  )
  SELECT ${LOCK_COLUMNS} FROM dav_locks
  WHERE expires_at > ${now()} AND (node_id = ${node.id} OR (deep = 1 AND node_id IN (SELECT id FROM chain)))
  ORDER BY node_id <> ${node.id}`;

/** Locks held anywhere inside a folder (they stop the folder from being moved or deleted without their tokens). */
export async function locksInside(db: Db, folder: FileNode): Promise<DavLock[]> {
  return locksFromRows(
    await db.all<DavLock>(sql`
      WITH RECURSIVE sub(id) AS (SELECT ${folder.id} UNION ALL SELECT n.id FROM file_nodes n JOIN sub ON n.parent_id = sub.id)
      SELECT ${LOCK_COLUMNS} FROM dav_locks WHERE node_id IN (SELECT id FROM sub) AND expires_at > ${now()}`),
  );
}

export function parseTimeout(header: string | undefined): number {
  for (const part of (header ?? "").split(",").map((p) => p.trim())) {
    if (/^infinite$/i.test(part)) return MAX_LOCK_SECONDS;
    const match = /^Second-(\d+)$/i.exec(part);
    if (match) return Math.max(1, Math.min(MAX_LOCK_SECONDS, Number(match[1])));
  }
  return MAX_LOCK_SECONDS;
}

/** Locks directly on the children of a folder, in one query (for PROPFIND's lockdiscovery). */
export async function locksOnChildren(db: Db, folder: FileNode): Promise<DavLock[]> {
  return locksFromRows(await db.all<DavLock>(locksOnChildrenQuery(folder)));
}

/** locksOnChildren's statement, not yet sent (see readTogether); rows go through locksFromRows. */
export const locksOnChildrenQuery = (folder: FileNode) => sql`
  SELECT ${LOCK_COLUMNS} FROM dav_locks WHERE node_id IN (SELECT id FROM file_nodes WHERE parent_id = ${folder.id}) AND expires_at > ${now()}`;

export async function createLock(db: Db, lock: Omit<DavLock, "token" | "expiresAt">): Promise<DavLock> {
  // Expired locks are ignored everywhere; they are cleared here, off the read path.
  await db.delete(davLocks).where(lt(davLocks.expiresAt, now()));
  const row = { ...lock, token: `opaquelocktoken:${crypto.randomUUID()}`, expiresAt: now() + lock.timeoutSeconds };
  await db.insert(davLocks).values(row);
  return row;
}

export async function refreshLock(db: Db, lock: DavLock, timeoutSeconds: number): Promise<DavLock> {
  const refreshed = { ...lock, timeoutSeconds, expiresAt: now() + timeoutSeconds };
  await db.update(davLocks).set({ timeoutSeconds, expiresAt: refreshed.expiresAt }).where(eq(davLocks.token, lock.token));
  return refreshed;
}

export async function removeLock(db: Db, token: string): Promise<void> {
  await db.delete(davLocks).where(eq(davLocks.token, token));
}

export function activeLockXml(lock: DavLock, rootHref: string): string {
  return (
    `<d:activelock><d:locktype><d:write/></d:locktype><d:lockscope>${lock.exclusive ? "<d:exclusive/>" : "<d:shared/>"}</d:lockscope>` +
    `<d:depth>${lock.deep ? "infinity" : "0"}</d:depth>${lock.ownerXml ? `<d:owner>${lock.ownerXml}</d:owner>` : ""}` +
    `<d:timeout>Second-${Math.max(0, lock.expiresAt - now())}</d:timeout><d:locktoken><d:href>${escapeXml(lock.token)}</d:href></d:locktoken>` +
    `<d:lockroot><d:href>${escapeXml(rootHref)}</d:href></d:lockroot></d:activelock>`
  );
}
