import { inArray, sql } from "drizzle-orm";
import { deadProperties } from "../../schema/core";
import type { Db } from "../db/client";
import type { FileNode } from "../storage/tree";
import type { PropValue } from "./multistatus";

const D1_MAX_PARAMS = 90;

export interface DeadPropertyRow {
  nodeId: number;
  namespace: string;
  name: string;
  value: string;
}

/**
 * The dead properties of a folder, and with `withChildren` of its children too, as one statement not
 * yet sent: PROPFIND sends it in the same batch as the listing (see readTogether).
 */
export const deadPropertiesOfFolderQuery = (folder: FileNode, withChildren: boolean) => sql`
  SELECT dead_properties.node_id AS nodeId, dead_properties.namespace AS namespace, dead_properties.name AS name, dead_properties.value AS value
  FROM dead_properties INNER JOIN file_nodes ON file_nodes.id = dead_properties.node_id
  WHERE ${withChildren ? sql`file_nodes.id = ${folder.id} OR file_nodes.parent_id = ${folder.id}` : sql`file_nodes.id = ${folder.id}`}`;

/** Dead properties of any list of nodes (search hits, favorites), in a few queries. */
export async function deadPropertiesOfNodes(db: Db, nodes: readonly FileNode[]): Promise<Map<number, PropValue[]>> {
  const ids = nodes.map((n) => n.id);
  const rows: DeadPropertyRow[] = [];
  for (let i = 0; i < ids.length; i += D1_MAX_PARAMS) {
    rows.push(
      ...(await db
        .select({ nodeId: deadProperties.nodeId, namespace: deadProperties.namespace, name: deadProperties.name, value: deadProperties.value })
        .from(deadProperties)
        .where(inArray(deadProperties.nodeId, ids.slice(i, i + D1_MAX_PARAMS)))),
    );
  }
  return deadPropertiesByNode(rows);
}

export function deadPropertiesByNode(rows: readonly DeadPropertyRow[]): Map<number, PropValue[]> {
  const map = new Map<number, PropValue[]>();
  for (const r of rows) map.set(r.nodeId, [...(map.get(r.nodeId) ?? []), { ns: r.namespace, local: r.name, value: r.value }]);
  return map;
}
