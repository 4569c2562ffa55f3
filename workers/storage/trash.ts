import { and, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { fileNodes, trashItems } from "../../schema/core";
import type { Db } from "../db/client";
import { liveNodeById } from "./live-node";
import { conflict } from "../http/errors";
import { personalRoot, type FileNode } from "./tree";

export type TrashItem = typeof trashItems.$inferSelect;

export interface TrashEntry {
  item: TrashItem;
  node: FileNode;
}

/**
 * Nextcloud's name for a trashed item, `<name>.d<deletion time>`; two items of one name deleted in
 * the same second are told apart by their id.
 */
export function trashName(entry: TrashEntry, all: readonly TrashEntry[]): string {
  const plain = `${entry.node.name}.d${entry.item.deletedAt}`;
  const clash = all.some((e) => e.node.id !== entry.node.id && e.node.name === entry.node.name && e.item.deletedAt === entry.item.deletedAt);
  return clash ? `${plain}-${entry.node.id}` : plain;
}

/**
 * The statement that files a node in its owner's trash, read from the node as it is inside the
 * transaction: nothing is filed when another job already deleted it. The values follow the order of
 * trash_items' columns in the schema.
 */
export function trashItemStatement(db: Db, node: FileNode, originalPath: string, deletedAt: number, deletedBy: string | null) {
  return db.insert(trashItems).select(
    sql`SELECT id, owner_id, parent_id, ${originalPath}, ${deletedAt}, ${deletedBy} FROM file_nodes WHERE id = ${node.id} AND parent_id IS NOT NULL`,
  );
}

export async function trashOf(db: Db, ownerId: string): Promise<TrashEntry[]> {
  const rows = await db
    .select({ item: trashItems, node: fileNodes })
    .from(trashItems)
    .innerJoin(fileNodes, eq(fileNodes.id, trashItems.nodeId))
    .where(eq(trashItems.ownerId, ownerId))
    .orderBy(desc(trashItems.deletedAt), desc(trashItems.nodeId));
  return rows;
}

export async function trashEntry(db: Db, ownerId: string, nodeId: number): Promise<TrashEntry | undefined> {
  const [row] = await db
    .select({ item: trashItems, node: fileNodes })
    .from(trashItems)
    .innerJoin(fileNodes, eq(fileNodes.id, trashItems.nodeId))
    .where(and(eq(trashItems.ownerId, ownerId), eq(trashItems.nodeId, nodeId)));
  return row;
}

/** The item of that name deleted from that folder into an owner's trash, the most recently deleted. */
export async function trashedNamed(db: Db, ownerId: string, originalParentId: number, name: string): Promise<TrashEntry | undefined> {
  const [row] = await db
    .select({ item: trashItems, node: fileNodes })
    .from(trashItems)
    .innerJoin(fileNodes, eq(fileNodes.id, trashItems.nodeId))
    .where(and(eq(trashItems.ownerId, ownerId), eq(trashItems.originalParentId, originalParentId), eq(fileNodes.name, name)))
    .orderBy(desc(trashItems.deletedAt))
    .limit(1);
  return row;
}

/** Items deleted before `before`: what trash retention purges. */
export async function trashedBefore(db: Db, before: number): Promise<TrashEntry[]> {
  return db
    .select({ item: trashItems, node: fileNodes })
    .from(trashItems)
    .innerJoin(fileNodes, eq(fileNodes.id, trashItems.nodeId))
    .where(lt(trashItems.deletedAt, before));
}

/**
 * Where a restore goes: the folder it was deleted from if it is still in the same tree, else that
 * tree's root, as Nextcloud does. A space's item goes back into the space, never into the tree of
 * whoever restores it; and a space's holder account never gets a personal root made for it.
 */
export async function restoreFolder(db: Db, { item, node }: TrashEntry): Promise<FileNode> {
  const original = item.originalParentId === null ? undefined : await liveNodeById(db, item.originalParentId);
  if (original && original.isFolder && original.ownerId === item.ownerId && original.spaceId === node.spaceId) return original;
  if (node.spaceId === null) return personalRoot(db, item.ownerId);
  const root = await db.query.fileNodes.findFirst({
    where: and(eq(fileNodes.ownerId, item.ownerId), eq(fileNodes.spaceId, node.spaceId), isNull(fileNodes.parentId), isNull(fileNodes.trashedAt)),
  });
  if (!root) throw conflict("The space this item was deleted from is gone");
  return root;
}

/** Nextcloud's names on a clash at restore: "a.txt", "a (restored).txt", "a (restored 2).txt"… */
export function restoredName(name: string, isFolder: boolean, attempt: number): string {
  if (attempt === 0) return name;
  const dot = isFolder ? -1 : name.lastIndexOf(".");
  const [base, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  return `${base} (restored${attempt > 1 ? ` ${attempt}` : ""})${ext}`;
}
