import { sql } from "drizzle-orm";
import { fileNodes } from "../../schema/core";
import type { Db } from "../db/client";
import type { FileNode } from "./tree";

/** True in SQL when no node from `id` up to its root is in the trash. */
export function notInTrash(id: number) {
  return sql`NOT EXISTS (WITH RECURSIVE up(id, parent_id, trashed_at) AS (
      SELECT id, parent_id, trashed_at FROM file_nodes WHERE id = ${id}
      UNION ALL
      SELECT n.id, n.parent_id, n.trashed_at FROM file_nodes n JOIN up ON n.id = up.parent_id
    ) SELECT 1 FROM up WHERE trashed_at IS NOT NULL)`;
}

/**
 * A node that is still part of its tree: undefined when it is gone or lies in the trash (itself or
 * an ancestor). One query, since every access check and write goes through it.
 */
export async function liveNodeById(db: Db, id: number): Promise<FileNode | undefined> {
  const [node] = await db.select().from(fileNodes).where(sql`${fileNodes.id} = ${id} AND ${notInTrash(id)}`);
  return node;
}
