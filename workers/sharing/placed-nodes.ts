import { sql } from "drizzle-orm";
import { fileNodes } from "../../schema/core";
import type { Db } from "../db/client";
import type { FileNode } from "../storage/tree";
import type { Mount } from "./mounts";
import type { UserView } from "./user-view";

/** A live node, and where it sits in one user's view (null when no path of that view reaches it). */
export interface PlacedNode {
  node: FileNode;
  names: string[] | null;
  /** The mount it is reached through, when it is not the user's own. */
  mount?: Mount;
}

interface ChainRow {
  start: number;
  id: number;
  name: string;
  trashed: number;
  depth: number;
}

/** Every node's chain up to its tree's root, in one query whatever their number. */
function chainsOf(db: Db, ids: readonly number[]) {
  return db.all<ChainRow>(sql`
    WITH RECURSIVE up(start, id, parent_id, name, trashed, depth) AS (
      SELECT id, id, parent_id, name, trashed_at IS NOT NULL, 0 FROM file_nodes WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))
      UNION ALL
      SELECT up.start, n.id, n.parent_id, n.name, n.trashed_at IS NOT NULL, up.depth + 1 FROM file_nodes n JOIN up ON n.id = up.parent_id)
    SELECT start, id, name, trashed, depth FROM up ORDER BY start, depth DESC`);
}

/**
 * Nodes by id, with their place in the user's view: their own tree, else the deepest mount above them
 * (a share inside a space is reached through the share). Nodes gone or in the trash are left out.
 * Three queries for a whole listing of shares.
 */
export async function placeNodes(view: UserView, ids: readonly number[]): Promise<Map<number, PlacedNode>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const [rows, chains, mounts] = await Promise.all([
    view.db.select().from(fileNodes).where(sql`${fileNodes.id} IN (SELECT value FROM json_each(${JSON.stringify(unique)}))`),
    chainsOf(view.db, unique),
    view.mounts(),
  ]);
  const chainOf = new Map<number, ChainRow[]>();
  for (const row of chains) chainOf.set(row.start, [...(chainOf.get(row.start) ?? []), row]);
  const placed = new Map<number, PlacedNode>();
  for (const node of rows) {
    const chain = chainOf.get(node.id) ?? [];
    if (chain.some((c) => c.trashed)) continue;
    placed.set(node.id, { node, ...placeInView(view, chain, mounts) });
  }
  return placed;
}

function placeInView(view: UserView, chain: readonly ChainRow[], mounts: readonly Mount[]): { names: string[] | null; mount?: Mount } {
  if (chain[0]?.id === view.root.id) return { names: chain.slice(1).map((c) => c.name) };
  for (let i = chain.length - 1; i >= 0; i--) {
    const mount = mounts.find((m) => m.node.id === chain[i]!.id);
    if (mount) return { names: [mount.name, ...chain.slice(i + 1).map((c) => c.name)], mount };
  }
  return { names: null };
}
