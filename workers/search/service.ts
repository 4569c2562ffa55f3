import { and, asc, desc, inArray, sql } from "drizzle-orm";
import { fileNodes, systemTagRelations } from "../../schema/core";
import type { Db } from "../db/client";
import { FavoriteService } from "../favorites/service";
import { namesOf, type FileNode } from "../storage/tree";
import { evaluate, filterSql, needsExactCheck, tagIdsOf, type Filter } from "./filter";

export type OrderField = "mtime" | "name" | "size";

export interface SearchRequest {
  /** The folder searched, at any depth below it (the folder itself is not a result). */
  scope: FileNode;
  filter: Filter;
  order?: readonly { field: OrderField; descending: boolean }[];
  limit?: number;
  /** Results skipped first (paging). */
  offset?: number;
}

export interface SearchHit {
  node: FileNode;
  /** Its path below the tree's root, as names. */
  names: string[];
}

/** An answer stays a page, not a dump of the tree: clients page with limits well below this. */
export const MAX_RESULTS = 1000;
/** Candidates checked in JavaScript when SQL cannot fold a pattern's case (non-ASCII letters). */
const MAX_CANDIDATES = 5000;
export const RECENT_LIMIT = 50;

const ORDER_COLUMN = { mtime: fileNodes.mtime, name: fileNodes.name, size: fileNodes.size } as const;

/**
 * Nodes below a folder that match a filter, in one query over the subtree plus one for their paths.
 * SEARCH, the favorites REPORT, recent files and the REST search all come through here.
 */
export async function searchTree(db: Db, userId: string, request: SearchRequest): Promise<SearchHit[]> {
  const limit = Math.min(request.limit ?? MAX_RESULTS, MAX_RESULTS);
  const exact = needsExactCheck(request.filter);
  const scopeId = request.scope.id;
  const wanted = request.order?.length ? request.order : [{ field: "name" as const, descending: false }];
  // Ties go the first key's way: among files of the same second, the newest node is the most recent.
  const order = [...wanted.map((o) => (o.descending ? desc(ORDER_COLUMN[o.field]) : asc(ORDER_COLUMN[o.field]))), wanted[0]!.descending ? desc(fileNodes.id) : asc(fileNodes.id)];
  let nodes = await db
    .select()
    .from(fileNodes)
    .where(
      and(
        sql`${fileNodes.id} IN (WITH RECURSIVE sub(id) AS (SELECT ${scopeId} UNION ALL SELECT n.id FROM file_nodes n JOIN sub ON n.parent_id = sub.id) SELECT id FROM sub WHERE id <> ${scopeId})`,
        filterSql(request.filter, userId),
      ),
    )
    .orderBy(...order)
    .limit(exact ? MAX_CANDIDATES : limit)
    .offset(exact ? 0 : (request.offset ?? 0));
  if (exact) {
    const ids = nodes.map((n) => n.id);
    const [favorites, tagged] = await Promise.all([new FavoriteService(db, userId).among(ids), taggedAmong(db, tagIdsOf(request.filter), ids)]);
    nodes = nodes.filter((n) => evaluate(request.filter, n, { favorites, tagged })).slice(request.offset ?? 0, (request.offset ?? 0) + limit);
  }
  if (nodes.length === 0) return [];
  const [base, paths] = await Promise.all([namesOf(db, request.scope), pathsBelow(db, scopeId, nodes.map((n) => n.id))]);
  return nodes.map((node) => ({ node, names: [...base, ...(paths.get(node.id) ?? [])] }));
}

/** The user's most recently modified files (not folders), newest first. */
export function recentFiles(db: Db, userId: string, root: FileNode, limit = RECENT_LIMIT): Promise<SearchHit[]> {
  return searchTree(db, userId, { scope: root, filter: { op: "folder", value: false }, order: [{ field: "mtime", descending: true }], limit });
}

/** Everything the user starred below a folder. */
export function favoritesUnder(db: Db, userId: string, scope: FileNode): Promise<SearchHit[]> {
  return searchTree(db, userId, { scope, filter: { op: "favorite", value: true } });
}

/** Paths of some nodes relative to a folder above them, in one query. */
async function pathsBelow(db: Db, scopeId: number, ids: readonly number[]): Promise<Map<number, string[]>> {
  const rows = await db.all<{ id: number; path: string }>(sql`
    WITH RECURSIVE sub(id, path) AS (
      SELECT ${scopeId}, ''
      UNION ALL
      SELECT n.id, sub.path || '/' || n.name FROM file_nodes n JOIN sub ON n.parent_id = sub.id
    )
    SELECT id, path FROM sub WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
  // A name never contains "/", so the joined path splits back exactly.
  return new Map(rows.map((r) => [r.id, r.path.split("/").slice(1)]));
}

async function taggedAmong(db: Db, tagIds: readonly number[], nodeIds: readonly number[]): Promise<Map<number, Set<number>>> {
  const map = new Map<number, Set<number>>();
  if (tagIds.length === 0 || nodeIds.length === 0) return map;
  const rows = await db
    .select()
    .from(systemTagRelations)
    .where(and(inArray(systemTagRelations.tagId, [...new Set(tagIds)].slice(0, 90)), sql`${systemTagRelations.nodeId} IN (SELECT value FROM json_each(${JSON.stringify(nodeIds)}))`));
  for (const r of rows) map.set(r.tagId, (map.get(r.tagId) ?? new Set()).add(r.nodeId));
  return map;
}
