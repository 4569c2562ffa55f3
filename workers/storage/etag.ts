import { sql, type SQL } from "drizzle-orm";
import { fileNodes } from "../../schema/core";
import type { Db } from "../db/client";

export function newEtag(): string {
  return crypto.randomUUID().replace(/-/g, "").slice(0, 16);
}

/** `fromId` and all its ancestors, as a subquery. */
export function chainFrom(fromId: SQL | number): SQL {
  return sql`(WITH RECURSIVE chain(id) AS (
      SELECT ${fromId}
      UNION ALL
      SELECT n.parent_id FROM file_nodes n JOIN chain ON n.id = chain.id WHERE n.parent_id IS NOT NULL
    ) SELECT id FROM chain)`;
}

/**
 * Gives `fromId` and every ancestor up to the root a fresh ETag and adds `sizeDelta` to their sizes, in
 * one statement (batchable), so concurrent changes from several client jobs never leave a stale ancestor.
 */
export function propagateStatement(db: Db, fromId: SQL | number, sizeDelta: SQL | number, onlyIf?: SQL) {
  const where = onlyIf ? sql`${fileNodes.id} IN ${chainFrom(fromId)} AND ${onlyIf}` : sql`${fileNodes.id} IN ${chainFrom(fromId)}`;
  return db
    .update(fileNodes)
    .set({ etag: sql`lower(hex(randomblob(8)))`, size: sql`${fileNodes.size} + ${sizeDelta}` })
    .where(where);
}

export async function propagate(db: Db, fromId: number, sizeDelta: number): Promise<void> {
  await propagateStatement(db, fromId, sizeDelta);
}
