import { sql } from "drizzle-orm";
import { findUser } from "../accounts/users";
import type { Db } from "../db/client";
import { liveNodeById } from "../storage/live-node";
import type { FileNode } from "../storage/tree";
import { ALL, bitsFor, roleBits, shareBitsFor } from "./permission-bits";

/** One reason a user reaches a node: their own tree, a role in its space, or a share to them or their group. */
export type Grant =
  | { via: "owner"; permissions: number }
  | { via: "space"; spaceId: number; role: string; principalType: string; principalId: string; permissions: number }
  | { via: "share"; shareId: number; shareType: number; sharedNodeId: number; initiatorId: string; permissions: number };

export interface EffectiveAccess {
  node: FileNode;
  /** Permission bits (see permission-bits.ts), already trimmed for a file. */
  permissions: number;
  grants: Grant[];
}

/** How many reshare hops are followed: a chain longer than this grants nothing. */
const MAX_RESHARE_DEPTH = 6;

const now = () => Math.floor(Date.now() / 1000);

/** Shares to the user or one of their groups on the node or any ancestor, usable now. */
function incomingSharesOnPath(db: Db, userId: string, nodeId: number) {
  return db.all<{ id: number; share_type: number; node_id: number; initiator_id: string; permissions: number }>(sql`
    WITH RECURSIVE up(id, parent_id) AS (
      SELECT id, parent_id FROM file_nodes WHERE id = ${nodeId}
      UNION ALL SELECT n.id, n.parent_id FROM file_nodes n JOIN up ON n.id = up.parent_id)
    SELECT s.id, s.share_type, s.node_id, s.initiator_id, s.permissions FROM shares s
    JOIN users initiator ON initiator.id = s.initiator_id AND initiator.enabled = 1
    WHERE s.node_id IN (SELECT id FROM up) AND s.initiator_id != ${userId}
      AND (s.expires_at IS NULL OR s.expires_at > ${now()})
      AND ((s.share_type = 0 AND s.share_with = ${userId})
        OR (s.share_type = 1 AND s.share_with IN (SELECT group_id FROM group_members WHERE user_id = ${userId})))
      AND NOT EXISTS (SELECT 1 FROM share_recipients r WHERE r.share_id = s.id AND r.user_id = ${userId} AND r.state != 0)`);
}

/** The user's roles in a space, held directly or through a group. */
export function spaceRolesOf(db: Db, userId: string, spaceId: number) {
  return db.all<{ role: string; principal_type: string; principal_id: string }>(sql`
    SELECT role, principal_type, principal_id FROM space_members WHERE space_id = ${spaceId}
      AND ((principal_type = 'user' AND principal_id = ${userId})
        OR (principal_type = 'group' AND principal_id IN (SELECT group_id FROM group_members WHERE user_id = ${userId})))`);
}

/**
 * What the initiator of a share on `sharedNodeId` holds there now, which caps the share. `inTree` is
 * any node of the same tree (the shared node or one below it): an owner sharing from their own
 * personal tree holds everything, without a lookup; anyone else (a resharer, a space member) is
 * asked through effectiveAccess. Callers pass only shares whose initiator is enabled.
 */
export async function initiatorBits(db: Db, initiatorId: string, sharedNodeId: number, inTree: FileNode, depth = 1): Promise<number> {
  if (inTree.spaceId === null && inTree.ownerId === initiatorId) return ALL;
  return (await effectiveAccess(db, initiatorId, sharedNodeId, depth))?.permissions ?? 0;
}

/**
 * What may user U do on node N: the one answer every layer (DAV, REST, OCS, public links, plugins)
 * asks for. Null when U is unknown or disabled, or N is gone, in the trash, or out of U's reach. A
 * share grants at most what its initiator holds now, so an unshare or a lost role upstream cuts every
 * reshare below it at once.
 */
export async function effectiveAccess(db: Db, userId: string, nodeId: number, depth = 0): Promise<EffectiveAccess | null> {
  if (depth > MAX_RESHARE_DEPTH) return null;
  const [user, node] = await Promise.all([findUser(db, userId), liveNodeById(db, nodeId)]);
  if (!user?.enabled || user.kind !== "person" || !node) return null;
  if (node.ownerId === user.id && node.spaceId === null) return { node, permissions: bitsFor(node.isFolder, ALL), grants: [{ via: "owner", permissions: ALL }] };

  const spaceId = node.spaceId === null ? null : Number(node.spaceId);
  const [roles, incoming] = await Promise.all([spaceId === null ? [] : spaceRolesOf(db, user.id, spaceId), incomingSharesOnPath(db, user.id, node.id)]);
  const grants: Grant[] = roles.map((r) => ({
    via: "space" as const,
    spaceId: spaceId!,
    role: r.role,
    principalType: r.principal_type,
    principalId: r.principal_id,
    permissions: roleBits(r.role),
  }));
  const capped = await Promise.all(
    incoming.map(async (s) => {
      return { s, permissions: s.permissions & (await initiatorBits(db, s.initiator_id, s.node_id, node, depth + 1)) };
    }),
  );
  for (const { s, permissions } of capped) {
    if (permissions === 0) continue;
    // A file shared on its own cannot be deleted through the share; a file inside a shared folder can.
    const bits = s.node_id === node.id ? shareBitsFor(node.isFolder, permissions) : permissions;
    grants.push({ via: "share", shareId: s.id, shareType: s.share_type, sharedNodeId: s.node_id, initiatorId: s.initiator_id, permissions: bits });
  }
  const permissions = bitsFor(node.isFolder, grants.reduce((bits, g) => bits | g.permissions, 0));
  return permissions === 0 ? null : { node, permissions, grants };
}
