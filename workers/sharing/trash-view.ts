import { and, desc, eq, or, sql } from "drizzle-orm";
import { fileNodes, trashItems } from "../../schema/core";
import type { TrashEntry } from "../storage/trash";
import type { Mount } from "./mounts";
import { DELETE, has } from "./permission-bits";
import type { UserView } from "./user-view";

/** A trashed item as one user's trash shows it. */
export interface ViewTrashEntry extends TrashEntry {
  /** Where it was deleted from, in this user's view, without a leading slash ("Partage Codep 34/PV.md"). */
  location: string;
  /** The space's mount, for an item of a space. */
  mount?: Mount;
}

/** Spaces in the user's root whose role lets them delete (write or manage): their trash is the members' too. */
async function deletableSpaces(view: UserView): Promise<Map<string, Mount>> {
  const mounts = await view.mounts();
  return new Map(mounts.filter((m) => m.kind === "space" && m.spaceId !== undefined && has(m.permissions, DELETE)).map((m) => [String(m.spaceId), m]));
}

/**
 * A user's trash: what they deleted from their own tree (or others deleted there through a share, as
 * Nextcloud files it with the owner), and the deleted items of each space where they may delete, as
 * Nextcloud's group folders show theirs to members. Never another person's trash: a space's items are
 * the holder account's, found through the spaces the view mounts with the delete right. Two queries
 * beyond the view's mounts.
 */
export async function trashInView(view: UserView, nodeId?: number): Promise<ViewTrashEntry[]> {
  const spaces = await deletableSpaces(view);
  const spaceIds = [...spaces.keys()];
  const own = eq(trashItems.ownerId, view.user.id);
  const ofSpaces = and(
    sql`${fileNodes.spaceId} IN (SELECT value FROM json_each(${JSON.stringify(spaceIds)}))`,
    sql`${trashItems.ownerId} IN (SELECT holder_id FROM spaces WHERE CAST(id AS TEXT) = ${fileNodes.spaceId})`,
  );
  const rows = await view.db
    .select({ item: trashItems, node: fileNodes })
    .from(trashItems)
    .innerJoin(fileNodes, eq(fileNodes.id, trashItems.nodeId))
    .where(and(spaceIds.length ? or(own, ofSpaces) : own, nodeId === undefined ? undefined : eq(trashItems.nodeId, nodeId)))
    .orderBy(desc(trashItems.deletedAt), desc(trashItems.nodeId));
  const entries: ViewTrashEntry[] = [];
  for (const row of rows) {
    if (row.item.ownerId === view.user.id) {
      entries.push({ ...row, location: row.item.originalPath });
      continue;
    }
    const mount = spaces.get(row.node.spaceId ?? "");
    if (mount) entries.push({ ...row, location: [mount.name, row.item.originalPath].filter(Boolean).join("/"), mount });
  }
  return entries;
}

/** One item of the user's trash, or undefined when it is not in it (gone, or someone else's). */
export async function trashEntryInView(view: UserView, nodeId: number): Promise<ViewTrashEntry | undefined> {
  return (await trashInView(view, nodeId))[0];
}
