import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

/**
 * Who is told about a change: at most this many people per event. A group share to a whole
 * federation could reach thousands; past this, the owner and the space's members come first and
 * the rest is left out (and logged), so one event never costs more than a bounded insert.
 */
export const MAX_AUDIENCE = 1000;

/** Rows read per event before the cap: a group's members are one row each. */
const MAX_ROWS = 5 * MAX_AUDIENCE;

/** The people who reach a node, each with the node's path in their own view. */
export interface Audience {
  /** The node's names below its tree's root (the path plugins are told). */
  treeNames: string[];
  /** User id → the node's path in that user's view ("/Partage Codep 34/PV.md"). Never a space's holder account. */
  paths: Map<string, string>;
}

/** One row of the audience query: a node of the chain, or one reason a person reaches the node. */
interface Row {
  via: "chain" | "owner" | "space" | "share";
  /** Chain rows: the node, from the event's node (depth 0) up to its tree's root. */
  id: number | null;
  parent_id: number | null;
  name: string | null;
  space_id: string | null;
  /** On the root row of a space's tree: the space's name. */
  space_name: string | null;
  trashed: number | null;
  depth: number | null;
  /** Reason rows: who, and for a share, which one, on which node, from whom, mounted under which name. */
  user_id: string | null;
  share_id: number | null;
  node_id: number | null;
  initiator_id: string | null;
  target: string | null;
}

type ChainRow = Row & { id: number; name: string; depth: number };
type ReachRow = Row & { via: "owner" | "space" | "share"; user_id: string };

/**
 * The node's chain, then every reason a person may have to reach the node, the rules of
 * effectiveAccess read for all people at once: the owner of a personal tree, the members of the
 * node's space (groups expanded), and the recipients of user and group shares on the node or an
 * ancestor that are in force (not expired, an enabled initiator, neither declined nor pending for
 * that recipient). Only enabled persons. One statement: D1 round trips are what an event costs.
 */
const audienceQuery = (nodeId: number, now: number) => sql`
  WITH RECURSIVE up(id, parent_id, name, space_id, trashed_at, depth) AS (
    SELECT id, parent_id, name, space_id, trashed_at, 0 FROM file_nodes WHERE id = ${nodeId}
    UNION ALL SELECT n.id, n.parent_id, n.name, n.space_id, n.trashed_at, up.depth + 1 FROM file_nodes n JOIN up ON n.id = up.parent_id),
  top AS (SELECT n.owner_id, CAST(n.space_id AS INTEGER) AS space_id FROM up JOIN file_nodes n ON n.id = up.id WHERE up.parent_id IS NULL)
  SELECT 'chain' AS via, up.id, up.parent_id, up.name, up.space_id,
    CASE WHEN up.parent_id IS NULL THEN (SELECT name FROM spaces WHERE id = CAST(up.space_id AS INTEGER)) END AS space_name,
    up.trashed_at IS NOT NULL AS trashed, up.depth,
    NULL AS user_id, NULL AS share_id, NULL AS node_id, NULL AS initiator_id, NULL AS target
  FROM up
  UNION ALL
  SELECT * FROM (
    SELECT 'owner', NULL, NULL, NULL, NULL, NULL, NULL, NULL, u.id, NULL, NULL, NULL, NULL
      FROM top JOIN users u ON u.id = top.owner_id WHERE top.space_id IS NULL AND u.enabled = 1 AND u.kind = 'person'
    UNION ALL
    SELECT 'space', NULL, NULL, NULL, NULL, NULL, NULL, NULL, u.id, NULL, NULL, NULL, NULL
      FROM top JOIN space_members m ON m.space_id = top.space_id AND m.principal_type = 'user'
      JOIN users u ON u.id = m.principal_id AND u.enabled = 1 AND u.kind = 'person'
    UNION ALL
    SELECT 'space', NULL, NULL, NULL, NULL, NULL, NULL, NULL, u.id, NULL, NULL, NULL, NULL
      FROM top JOIN space_members m ON m.space_id = top.space_id AND m.principal_type = 'group'
      JOIN group_members g ON g.group_id = m.principal_id JOIN users u ON u.id = g.user_id AND u.enabled = 1 AND u.kind = 'person'
    UNION ALL
    SELECT 'share', NULL, NULL, NULL, NULL, NULL, NULL, NULL, u.id, s.id, s.node_id, s.initiator_id, r.target FROM shares s
      JOIN users i ON i.id = s.initiator_id AND i.enabled = 1
      JOIN users u ON u.id = s.share_with AND u.enabled = 1 AND u.kind = 'person' AND u.id != s.initiator_id
      LEFT JOIN share_recipients r ON r.share_id = s.id AND r.user_id = u.id
      WHERE s.node_id IN (SELECT id FROM up) AND s.share_type = 0 AND (s.expires_at IS NULL OR s.expires_at > ${now}) AND coalesce(r.state, 0) = 0
    UNION ALL
    SELECT 'share', NULL, NULL, NULL, NULL, NULL, NULL, NULL, u.id, s.id, s.node_id, s.initiator_id, r.target FROM shares s
      JOIN users i ON i.id = s.initiator_id AND i.enabled = 1
      JOIN group_members g ON g.group_id = s.share_with
      JOIN users u ON u.id = g.user_id AND u.enabled = 1 AND u.kind = 'person' AND u.id != s.initiator_id
      LEFT JOIN share_recipients r ON r.share_id = s.id AND r.user_id = u.id
      WHERE s.node_id IN (SELECT id FROM up) AND s.share_type = 1 AND (s.expires_at IS NULL OR s.expires_at > ${now}) AND coalesce(r.state, 0) = 0
    LIMIT ${MAX_ROWS})`;

/** How many reshare hops are followed, as effectiveAccess does. */
const MAX_RESHARE_DEPTH = 6;

/**
 * Who reaches a node and where it sits in each one's view: one D1 round trip whatever the number of
 * people. Paths follow UserView.placeOf: the owner's own tree first,
 * else the deepest share above the node (a share inside a space is reached through it), else the
 * space. A mount renamed " (2)" in someone's root because its name was taken shows under its plain
 * name here. Nobody for a node gone or in the trash.
 */
export async function audienceOf(db: Db, nodeId: number): Promise<Audience> {
  const rows = await db.all<Row>(audienceQuery(nodeId, Math.floor(Date.now() / 1000)));
  const chain = rows.filter((r): r is ChainRow => r.via === "chain").sort((a, b) => a.depth - b.depth);
  const reach = rows.filter((r): r is ReachRow => r.via !== "chain");
  const root = chain[chain.length - 1];
  const treeNames = chain.slice(0, -1).map((n) => n.name).reverse();
  if (!root || root.trashed || chain.some((n) => n.trashed)) return { treeNames, paths: new Map() };
  const depthOf = new Map(chain.map((n, depth) => [n.id, depth]));
  const below = (depth: number) => chain.slice(0, depth).map((n) => n.name).reverse();
  const join = (names: readonly string[]) => `/${names.join("/")}`;

  // The owner and the space's members reach every node of the chain; a share counts only when its
  // initiator reaches the shared node (a reshare dies with the share it came from).
  const everywhere = new Set(reach.filter((r) => r.via !== "share").map((r) => r.user_id));
  const shareRows = reach.filter((r) => r.via === "share" && depthOf.has(r.node_id!));
  const valid = new Set<number>();
  /** Per recipient, the highest chain node (greatest depth) a valid share gives them: they reach everything below it. */
  const reachesFrom = new Map<string, number>();
  for (let round = 0; round <= MAX_RESHARE_DEPTH; round++) {
    let changed = false;
    for (const r of shareRows) {
      if (valid.has(r.share_id!)) continue;
      const depth = depthOf.get(r.node_id!)!;
      if (!everywhere.has(r.initiator_id!) && (reachesFrom.get(r.initiator_id!) ?? -1) < depth) continue;
      valid.add(r.share_id!);
      reachesFrom.set(r.user_id, Math.max(reachesFrom.get(r.user_id) ?? -1, depth));
      changed = true;
    }
    if (!changed) break;
  }

  const paths = new Map<string, string>();
  let leftOut = 0;
  const add = (userId: string, path: string) => {
    if (paths.has(userId)) return;
    if (paths.size >= MAX_AUDIENCE) leftOut++;
    else paths.set(userId, path);
  };
  const isSpace = root.space_id !== null;
  const spaceName = root.space_name ?? "";
  for (const r of reach) if (r.via === "owner") add(r.user_id, join(treeNames));
  // Per person, the deepest share (lowest depth), the oldest share first at equal depth, as mountsOf names a mount.
  const bestShare = new Map<string, ReachRow>();
  for (const r of shareRows) {
    if (!valid.has(r.share_id!)) continue;
    const best = bestShare.get(r.user_id);
    const depth = depthOf.get(r.node_id!)!;
    const bestDepth = best ? depthOf.get(best.node_id!)! : Infinity;
    if (depth < bestDepth || (depth === bestDepth && r.share_id! < best!.share_id!)) bestShare.set(r.user_id, r);
  }
  const rootDepth = chain.length - 1;
  for (const r of reach) {
    if (r.via !== "space") continue;
    const share = bestShare.get(r.user_id);
    // A share of the space's root itself is the same folder: the space's mount comes first in the root.
    if (!share || depthOf.get(share.node_id!) === rootDepth) add(r.user_id, join([spaceName, ...treeNames]));
  }
  for (const [userId, r] of bestShare) {
    const depth = depthOf.get(r.node_id!)!;
    const shared = chain[depth]!;
    const mountName = r.target ?? (depth === rootDepth && isSpace ? spaceName : shared.name);
    add(userId, join([mountName, ...below(depth)]));
  }
  if (leftOut || reach.length >= MAX_ROWS) console.warn(`[activity] node ${nodeId}: more than ${MAX_AUDIENCE} people reach it; only the first are told`);
  return { treeNames, paths };
}
