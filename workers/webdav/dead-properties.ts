import { sql } from "drizzle-orm";
import { idSubquery, type IdSet } from "../db/id-set";
import type { FileNode } from "../storage/tree";
import type { PropValue } from "./multistatus";

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

/** The dead properties of any set of nodes (search hits, favorites), as one statement not yet sent. */
export const deadPropertiesOfNodesQuery = (ids: IdSet) => sql`
  SELECT node_id AS nodeId, namespace AS namespace, name AS name, value AS value FROM dead_properties WHERE node_id IN (${idSubquery(ids)})`;

export function deadPropertiesByNode(rows: readonly DeadPropertyRow[]): Map<number, PropValue[]> {
  const map = new Map<number, PropValue[]>();
  for (const r of rows) map.set(r.nodeId, [...(map.get(r.nodeId) ?? []), { ns: r.namespace, local: r.name, value: r.value }]);
  return map;
}
