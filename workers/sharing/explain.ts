import { inArray, sql } from "drizzle-orm";
import { groups, shares, users } from "../../schema/core";
import type { Db } from "../db/client";
import type { Space } from "../spaces/service";
import type { FileNode } from "../storage/tree";
import { ownGrant, permissionLetters, type NodeGrant } from "../webdav/permissions";
import { effectiveAccess, type Grant } from "./effective-access";
import type { Mount } from "./mounts";
import { bitsFor, CREATE } from "./permission-bits";
import { EMAIL_SHARE, GROUP_SHARE, LINK_SHARE, USER_SHARE, type Share } from "./share-store";

interface Named {
  id: string;
  displayName: string;
}

interface PlacedNode {
  id: number;
  path: string;
}

export type Reason =
  | { via: "owner" }
  | { via: "space"; space: { id: number; name: string }; role: string; group?: Named }
  | {
      via: "share";
      shareId: number;
      shareType: "user" | "group";
      group?: Named;
      sharedNode: PlacedNode;
      initiator: Named;
      /** What the share says. */
      sharePermissions: number;
      /** What it grants here: the share's bits, capped by what the initiator holds now. */
      permissions: number;
      cappedByInitiator: boolean;
    };

export interface AccessEntry {
  user: Named;
  /** The bits effectiveAccess answers for this person on the node: what they can really do. */
  permissions: number;
  /** Nextcloud's letters, as the person's client would show them (the reason a DAV path would take). */
  letters: string;
  reasons: Reason[];
}

export interface LinkEntry {
  id: number;
  type: "link" | "email";
  email?: string;
  label: string;
  hasPassword: boolean;
  expiresAt: number | null;
  expired: boolean;
  hideDownload: boolean;
  /** A link that only lets visitors drop files in (Nextcloud's "file drop"). */
  fileDrop: boolean;
  sharePermissions: number;
  /** What a visitor can really do now: nothing once expired, never more than the initiator holds. */
  permissions: number;
  cappedByInitiator: boolean;
  initiator: Named;
  sharedNode: PlacedNode;
}

export interface AccessExplanation {
  node: { id: number; name: string; path: string; isFolder: boolean; space?: { id: number; name: string }; owner?: Named };
  entries: AccessEntry[];
  links: LinkEntry[];
}

type ChainRow = { id: number; parent_id: number | null; name: string; is_folder: number };

/** The node and its ancestors, from the node up to its tree's root. */
function chainOf(db: Db, nodeId: number) {
  return db.all<ChainRow>(sql`
    WITH RECURSIVE up(id, parent_id, name, is_folder, depth) AS (
      SELECT id, parent_id, name, is_folder, 0 FROM file_nodes WHERE id = ${nodeId}
      UNION ALL SELECT n.id, n.parent_id, n.name, n.is_folder, up.depth + 1 FROM file_nodes n JOIN up ON n.id = up.parent_id)
    SELECT id, parent_id, name, is_folder FROM up ORDER BY depth`);
}

/** Persons among the users and the members of the groups given; group members remember the group. */
async function peopleOf(db: Db, userIds: readonly string[], groupIds: readonly string[]): Promise<string[]> {
  const viaGroups = groupIds.length
    ? await db.all<{ user_id: string }>(sql`SELECT DISTINCT user_id FROM group_members WHERE group_id IN (SELECT value FROM json_each(${JSON.stringify(groupIds)}))`)
    : [];
  return [...new Set([...userIds, ...viaGroups.map((r) => r.user_id)])];
}

/**
 * Who can reach a node and why: its owner, the members of its space (groups expanded), the
 * recipients of user and group shares on it or any ancestor; then its public links. Each person's
 * rights come from effectiveAccess itself, so an expired share, a declined one or an initiator who
 * lost their rights shows exactly as it works. Callers decide who may ask (explain-routes.ts).
 */
export async function explainAccess(db: Db, node: FileNode, space: Space | undefined): Promise<AccessExplanation> {
  const chain = await chainOf(db, node.id);
  const chainIds = chain.map((n) => n.id);
  const onPath = await db.select().from(shares).where(inArray(shares.nodeId, chainIds));
  const memberRows = space
    ? await db.all<{ principal_type: string; principal_id: string }>(sql`SELECT principal_type, principal_id FROM space_members WHERE space_id = ${space.id}`)
    : [];

  const direct = [
    ...(space ? [] : [node.ownerId]),
    ...memberRows.filter((m) => m.principal_type === "user").map((m) => m.principal_id),
    ...onPath.filter((s) => s.shareType === USER_SHARE && s.shareWith).map((s) => s.shareWith!),
  ];
  const viaGroups = [
    ...memberRows.filter((m) => m.principal_type === "group").map((m) => m.principal_id),
    ...onPath.filter((s) => s.shareType === GROUP_SHARE && s.shareWith).map((s) => s.shareWith!),
  ];
  const people = await peopleOf(db, direct, viaGroups);
  const reached = (await Promise.all(people.map(async (id) => ({ id, access: await effectiveAccess(db, id, node.id) })))).filter((p) => p.access !== null);

  // Each share's cap: what its initiator holds now on the shared node (one question per share).
  const upstream = new Map<number, number>();
  await Promise.all(onPath.map(async (s) => upstream.set(s.id, (await effectiveAccess(db, s.initiatorId, s.nodeId))?.permissions ?? 0)));

  const userIds = [...new Set([node.ownerId, ...reached.map((p) => p.id), ...onPath.map((s) => s.initiatorId)])];
  const groupIds = [...new Set(viaGroups)];
  const [userRows, groupRows] = await Promise.all([
    db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, userIds)),
    groupIds.length ? db.select({ id: groups.id, displayName: groups.displayName }).from(groups).where(inArray(groups.id, groupIds)) : [],
  ]);
  const userNamed = (id: string): Named => ({ id, displayName: userRows.find((u) => u.id === id)?.displayName ?? id });
  const groupNamed = (id: string): Named => ({ id, displayName: groupRows.find((g) => g.id === id)?.displayName ?? id });

  const pathOf = (id: number): string => {
    const names = chain.slice(chainIds.indexOf(id), -1).map((n) => n.name).reverse();
    return `/${[...(space ? [space.name] : []), ...names].join("/")}`;
  };
  const placed = (id: number): PlacedNode => ({ id, path: pathOf(id) });
  const isFolderAt = (id: number) => Boolean(chain.find((n) => n.id === id)?.is_folder);
  const shareById = new Map(onPath.map((s) => [s.id, s]));
  const cappedBits = (s: Share) => bitsFor(isFolderAt(s.nodeId), s.permissions) & (upstream.get(s.id) ?? 0);
  const capped = (s: Share) => cappedBits(s) !== bitsFor(isFolderAt(s.nodeId), s.permissions);

  const reasonOf = (g: Grant): Reason => {
    if (g.via === "owner") return { via: "owner" };
    if (g.via === "space") {
      return { via: "space", space: { id: g.spaceId, name: space?.name ?? "" }, role: g.role, ...(g.principalType === "group" ? { group: groupNamed(g.principalId) } : {}) };
    }
    const share = shareById.get(g.shareId)!;
    return {
      via: "share",
      shareId: g.shareId,
      shareType: g.shareType === GROUP_SHARE ? "group" : "user",
      ...(g.shareType === GROUP_SHARE && share.shareWith ? { group: groupNamed(share.shareWith) } : {}),
      sharedNode: placed(g.sharedNodeId),
      initiator: userNamed(g.initiatorId),
      sharePermissions: share.permissions,
      permissions: g.permissions,
      cappedByInitiator: capped(share),
    };
  };

  const entries = reached
    .map(({ id, access }): AccessEntry => ({
      user: userNamed(id),
      permissions: access!.permissions,
      letters: lettersFor(node, access!.permissions, access!.grants, space),
      reasons: access!.grants.map(reasonOf),
    }))
    .sort((a, b) => Number(b.reasons.some((r) => r.via === "owner")) - Number(a.reasons.some((r) => r.via === "owner")) || a.user.displayName.localeCompare(b.user.displayName));

  const now = Math.floor(Date.now() / 1000);
  const links = onPath
    .filter((s) => s.shareType === LINK_SHARE || s.shareType === EMAIL_SHARE)
    .map((s): LinkEntry => {
      const expired = s.expiresAt !== null && s.expiresAt <= now;
      return {
        id: s.id,
        type: s.shareType === EMAIL_SHARE ? "email" : "link",
        ...(s.shareType === EMAIL_SHARE && s.shareWith ? { email: s.shareWith } : {}),
        label: s.label,
        hasPassword: s.passwordHash !== null,
        expiresAt: s.expiresAt,
        expired,
        hideDownload: s.hideDownload,
        fileDrop: s.permissions === CREATE,
        sharePermissions: s.permissions,
        permissions: expired ? 0 : cappedBits(s),
        cappedByInitiator: capped(s),
        initiator: userNamed(s.initiatorId),
        sharedNode: placed(s.nodeId),
      };
    });

  return { node: describe(node, pathOf(node.id), space, userNamed), entries, links };
}

function describe(node: FileNode, path: string, space: Space | undefined, userNamed: (id: string) => Named): AccessExplanation["node"] {
  return {
    id: node.id,
    name: node.parentId === null && space ? space.name : node.name,
    path,
    isFolder: node.isFolder,
    ...(space ? { space: { id: space.id, name: space.name } } : { owner: userNamed(node.ownerId) }),
  };
}

/**
 * The letters this person's client would show on the node: their own tree's when they own it, else
 * those of the mount they reach it through (their space first, as the deepest mount wins in the view).
 */
function lettersFor(node: FileNode, permissions: number, grants: readonly Grant[], space: Space | undefined): string {
  if (grants.some((g) => g.via === "owner")) return permissionLetters(node, ownGrant(node));
  const spaceGrant = grants.some((g) => g.via === "space");
  const shared = grants.filter((g) => g.via === "share");
  const mount: Mount = {
    kind: spaceGrant ? "space" : "share",
    name: node.name,
    node,
    permissions,
    shareIds: shared.map((g) => g.shareId),
    spaceId: space?.id,
  };
  const mountRoot = spaceGrant ? node.parentId === null : shared.some((g) => g.sharedNodeId === node.id);
  const grant: NodeGrant = { bits: bitsFor(node.isFolder, permissions), mount, mountRoot };
  return permissionLetters(node, grant);
}
