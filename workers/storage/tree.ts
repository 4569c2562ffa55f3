import { and, eq, getTableColumns, isNull, sql, type SQL } from "drizzle-orm";
import { fileNodes } from "../../schema/core";
import type { Db } from "../db/client";
import { newEtag } from "./etag";
import { FOLDER_MIME } from "./mime";

export type FileNode = typeof fileNodes.$inferSelect;

const now = () => Math.floor(Date.now() / 1000);

/** A user's personal root folder, made on first use. */
export async function personalRoot(db: Db, userId: string): Promise<FileNode> {
  const where = and(eq(fileNodes.ownerId, userId), isNull(fileNodes.parentId), isNull(fileNodes.spaceId), isNull(fileNodes.trashedAt));
  const found = await db.query.fileNodes.findFirst({ where });
  if (found) return found;
  await db
    .insert(fileNodes)
    .values({ ownerId: userId, parentId: null, name: "", isFolder: true, mime: FOLDER_MIME, etag: newEtag(), mtime: now() })
    .onConflictDoNothing();
  return (await db.query.fileNodes.findFirst({ where }))!;
}

/**
 * The root of the tree an account holds: a person's personal root, or the root of the space a space
 * holder account stands for. Quota is counted from here.
 */
export async function homeRootOf(db: Db, ownerId: string): Promise<FileNode> {
  const found = await db.query.fileNodes.findFirst({ where: and(eq(fileNodes.ownerId, ownerId), isNull(fileNodes.parentId), isNull(fileNodes.trashedAt)) });
  return found ?? personalRoot(db, ownerId);
}

export async function nodeById(db: Db, id: number): Promise<FileNode | undefined> {
  return db.query.fileNodes.findFirst({ where: eq(fileNodes.id, id) });
}

export async function childNamed(db: Db, parentId: number, name: string): Promise<FileNode | undefined> {
  return db.query.fileNodes.findFirst({ where: and(eq(fileNodes.parentId, parentId), eq(fileNodes.name, name)) });
}

// drizzle decodes every cell of every row through its column; for a listing of thousands of children
// that was a measurable share of a PROPFIND. D1 builds the row objects itself when each column is
// aliased to its key, and only the columns with a decoder (the boolean) are converted here.
const NODE_COLUMNS = Object.entries(getTableColumns(fileNodes));
const NODE_SELECT = sql.raw(NODE_COLUMNS.map(([key, column]) => `"${column.name}" AS "${key}"`).join(", "));
const DECODED = NODE_COLUMNS.filter(([, column]) => !["SQLiteInteger", "SQLiteText"].includes(column.columnType));

export async function children(db: Db, parentId: number): Promise<FileNode[]> {
  return nodesFromRows(await db.all<Record<string, unknown>>(childrenQuery(parentId)));
}

/** A folder's children by name, as a statement not yet sent (for a batch, see readTogether); rows go through nodesFromRows. */
export const childrenQuery = (parentId: number) => sql`SELECT ${NODE_SELECT} FROM file_nodes WHERE parent_id = ${parentId} ORDER BY name`;

/** The nodes that meet `condition` (on file_nodes' own column names), as a statement not yet sent; rows go through nodesFromRows. */
export const nodesWhere = (condition: SQL) => sql`SELECT ${NODE_SELECT} FROM file_nodes WHERE ${condition}`;

/** Nodes from the object rows of childrenQuery and nodesWhere. */
export function nodesFromRows(rows: Record<string, unknown>[]): FileNode[] {
  for (const row of rows) for (const [key, column] of DECODED) if (row[key] !== null) row[key] = column.mapFromDriverValue(row[key]);
  return rows as FileNode[];
}

/** The rows a walk follows: `root` and the nodes named by `names` below it, in one recursive query. */
const pathFrom = (root: SQL, names: readonly string[]) => sql`${fileNodes.id} IN (WITH RECURSIVE wanted(idx, name) AS (SELECT CAST(key AS INTEGER), value FROM json_each(${JSON.stringify(names)})),
  path(depth, id) AS (SELECT 0, ${root} UNION ALL SELECT path.depth + 1, n.id FROM path JOIN wanted ON wanted.idx = path.depth JOIN file_nodes n ON n.parent_id = path.id AND n.name = wanted.name)
  SELECT id FROM path)`;

/**
 * Walks `names` down from `root`; returns the node, or the deepest existing folder and what is missing.
 * One query whatever the depth: every request resolves a path, and each round trip to D1 counts.
 */
export async function walk(db: Db, root: FileNode, names: string[]): Promise<Walked> {
  const onPath = names.length ? await db.select().from(fileNodes).where(pathFrom(sql`${root.id}`, names)) : [];
  return walkRows(root, names, onPath);
}

export interface Walked {
  node?: FileNode;
  parent?: FileNode;
  missing: number;
}

/** The walk itself, over rows already loaded (see walk and personalRootAndPath). */
export function walkRows(root: FileNode, names: readonly string[], onPath: readonly FileNode[]): Walked {
  let current = root;
  for (let i = 0; i < names.length; i++) {
    if (!current.isFolder) return { missing: names.length - i };
    const next = onPath.find((n) => n.parentId === current.id && n.name === names[i]);
    if (!next) return { parent: i === names.length - 1 ? current : undefined, missing: names.length - i };
    current = next;
  }
  return { node: current, missing: 0 };
}

/**
 * A user's personal root and the nodes on `names` below it, in one round trip instead of two (a DAV
 * request needs both before anything else). Undefined when the root does not exist yet.
 */
export async function personalRootAndPath(db: Db, userId: string, names: readonly string[]): Promise<RootAndPath | undefined> {
  return rootAndPathFromRows(await db.all<Record<string, unknown>>(personalRootAndPathQuery(userId, names)));
}

export interface RootAndPath {
  root: FileNode;
  onPath: FileNode[];
}

/** personalRootAndPath's statement, not yet sent (a DAV request's prefetch batches it); rows go through rootAndPathFromRows. */
export function personalRootAndPathQuery(userId: string, names: readonly string[]): SQL {
  const rootId = sql`(SELECT id FROM file_nodes WHERE owner_id = ${userId} AND parent_id IS NULL AND space_id IS NULL AND trashed_at IS NULL LIMIT 1)`;
  return nodesWhere(pathFrom(rootId, names));
}

export function rootAndPathFromRows(rows: Record<string, unknown>[]): RootAndPath | undefined {
  const onPath = nodesFromRows(rows);
  const root = onPath.find((n) => n.parentId === null);
  return root ? { root, onPath } : undefined;
}

/** The node's path below its tree's root, as names (empty for the root). */
export async function namesOf(db: Db, node: FileNode): Promise<string[]> {
  const rows = await db.all<{ name: string; depth: number }>(sql`
    WITH RECURSIVE chain(id, parent_id, name, depth) AS (
      SELECT id, parent_id, name, 0 FROM file_nodes WHERE id = ${node.id}
      UNION ALL
      SELECT n.id, n.parent_id, n.name, chain.depth + 1 FROM file_nodes n JOIN chain ON n.id = chain.parent_id
    )
    SELECT name, depth FROM chain WHERE parent_id IS NOT NULL ORDER BY depth DESC`);
  return rows.map((r) => r.name);
}

/** True when `candidate` is `ancestor` or lies below it. */
export async function isWithin(db: Db, candidate: FileNode, ancestor: FileNode): Promise<boolean> {
  const rows = await db.all<{ id: number }>(sql`
    WITH RECURSIVE chain(id) AS (
      SELECT ${candidate.id}
      UNION ALL
      SELECT n.parent_id FROM file_nodes n JOIN chain ON n.id = chain.id WHERE n.parent_id IS NOT NULL
    )
    SELECT id FROM chain WHERE id = ${ancestor.id}`);
  return rows.length > 0;
}

/**
 * Blob keys of every file in a subtree: what a delete must reclaim from R2. A query, not a result,
 * so that it can run in the same batch (transaction) as the delete and miss no file added meanwhile.
 */
export function blobsUnder(db: Db, node: FileNode) {
  return db
    .select({ key: fileNodes.blobKey })
    .from(fileNodes)
    .where(
      sql`${fileNodes.id} IN (WITH RECURSIVE sub(id) AS (SELECT ${node.id} UNION ALL SELECT n.id FROM file_nodes n JOIN sub ON n.parent_id = sub.id) SELECT id FROM sub) AND ${fileNodes.blobKey} IS NOT NULL`,
    );
}
