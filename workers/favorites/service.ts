import { and, eq, sql } from "drizzle-orm";
import { fileFavorites } from "../../schema/core";
import type { Db } from "../db/client";
import { idSubquery, isEmptyIdSet, type IdSet } from "../db/id-set";
import { directReader, type Reader } from "../db/read-together";
import type { FileNode } from "../storage/tree";

/**
 * A person's favorites (Nextcloud's star): per user, so Marie's star on a file says nothing to Paul.
 * DAV (PROPPATCH oc:favorite, the filter-files REPORT, SEARCH) and the REST API go through here.
 */
export class FavoriteService {
  constructor(
    private readonly db: Db,
    private readonly userId: string,
  ) {}

  async set(node: FileNode, favorite: boolean): Promise<void> {
    await this.statement(node, favorite);
  }

  /** The change as one statement, for callers that batch it with others (PROPPATCH is all or nothing). */
  statement(node: FileNode, favorite: boolean) {
    return favorite
      ? this.db.insert(fileFavorites).values({ userId: this.userId, nodeId: node.id }).onConflictDoNothing()
      : this.db.delete(fileFavorites).where(and(eq(fileFavorites.userId, this.userId), eq(fileFavorites.nodeId, node.id)));
  }

  /** Which of these nodes the user starred: one query whatever their number. */
  async among(nodeIds: IdSet, read: Reader = directReader(this.db)): Promise<Set<number>> {
    if (isEmptyIdSet(nodeIds)) return new Set();
    const rows = await read<{ nodeId: number }>(
      sql`SELECT node_id AS nodeId FROM file_favorites WHERE user_id = ${this.userId} AND node_id IN (${idSubquery(nodeIds)})`,
    );
    return new Set(rows.map((r) => r.nodeId));
  }
}

/** Truthy spellings clients use for oc:favorite. */
export const isFavoriteValue = (value: string) => ["1", "true", "yes"].includes(value.trim().toLowerCase());
