import { and, inArray, isNull, sql } from "drizzle-orm";
import { fileNodes } from "../../schema/core";
import type { Db } from "../db/client";
import { readTogether } from "../db/read-together";
import { liveNodeById } from "../storage/live-node";
import type { FileNode } from "../storage/tree";
import { initiatorBits } from "./effective-access";
import { bitsFor, roleBits, shareBitsFor } from "./permission-bits";

/**
 * Something another tree lends to a user's root: a share they received, or a space they have a role
 * in. `node` is the shared node or the space's root; `name` is what it is called in the user's root.
 */
export interface Mount {
  kind: "share" | "space";
  name: string;
  node: FileNode;
  /** Bits on the mounted node, trimmed for a file; everything below it gets the same. */
  permissions: number;
  /** The shares behind a share mount (a user share and a group share of one node make one mount). */
  shareIds: number[];
  spaceId?: number;
}

const now = () => Math.floor(Date.now() / 1000);

type ReceivedShare = { id: number; node_id: number; initiator_id: string; permissions: number; target: string | null };
type MemberSpace = { id: number; name: string; role: string };
/** The rows mountsOf starts from: the shares a user received and their roles in spaces. */
export type MountRows = [ReceivedShare[], MemberSpace[]];

/** The reads mountsOf starts with, as statements not yet sent (a DAV request's prefetch batches them). */
export const mountQueries = (userId: string) => [receivedShares(userId), memberSpaces(userId)] as const;

function receivedShares(userId: string) {
  return sql`
    SELECT s.id, s.node_id, s.initiator_id, s.permissions, r.target FROM shares s
    JOIN users initiator ON initiator.id = s.initiator_id AND initiator.enabled = 1
    LEFT JOIN share_recipients r ON r.share_id = s.id AND r.user_id = ${userId}
    WHERE s.share_type IN (0, 1) AND s.initiator_id != ${userId}
      AND (s.expires_at IS NULL OR s.expires_at > ${now()})
      AND ((s.share_type = 0 AND s.share_with = ${userId})
        OR (s.share_type = 1 AND s.share_with IN (SELECT group_id FROM group_members WHERE user_id = ${userId})))
      AND coalesce(r.state, 0) = 0
    ORDER BY s.id`;
}

function memberSpaces(userId: string) {
  return sql`
    SELECT sp.id, sp.name, m.role FROM spaces sp JOIN space_members m ON m.space_id = sp.id
    WHERE (m.principal_type = 'user' AND m.principal_id = ${userId})
      OR (m.principal_type = 'group' AND m.principal_id IN (SELECT group_id FROM group_members WHERE user_id = ${userId}))
    ORDER BY sp.id`;
}

/** The root nodes of spaces' trees, by space id. */
export async function spaceRoots(db: Db, spaceIds: readonly number[]): Promise<Map<number, FileNode>> {
  if (!spaceIds.length) return new Map();
  const rows = await db
    .select()
    .from(fileNodes)
    .where(and(isNull(fileNodes.parentId), isNull(fileNodes.trashedAt), inArray(fileNodes.spaceId, spaceIds.map(String))));
  return new Map(rows.map((n) => [Number(n.spaceId), n]));
}

/** Names that clash get " (2)", " (3)"…, in a stable order: spaces first, then shares by age. */
function uniqueName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const dot = wanted.lastIndexOf(".");
    name = dot > 0 ? `${wanted.slice(0, dot)} (${i})${wanted.slice(dot)}` : `${wanted} (${i})`;
  }
  taken.add(name.toLowerCase());
  return name;
}

/**
 * What a user's root shows besides their own files: spaces with their role, and accepted shares
 * still usable (not expired, upstream rights intact). `ownNames` are the names already in the root.
 * Two queries in one batch (one round trip to D1) when there is nothing to mount, which is the common case.
 */
export async function mountsOf(db: Db, userId: string, ownNames: () => Promise<Set<string>>, started?: Promise<MountRows>): Promise<Mount[]> {
  const [received, spaces] = await (started ?? readTogether<[ReceivedShare, MemberSpace]>(db, [...mountQueries(userId)]));
  if (!received.length && !spaces.length) return [];

  const roleBySpace = new Map<number, { name: string; bits: number }>();
  for (const s of spaces) roleBySpace.set(s.id, { name: s.name, bits: (roleBySpace.get(s.id)?.bits ?? 0) | roleBits(s.role) });
  const [roots, sharedNodes, taken] = await Promise.all([
    spaceRoots(db, [...roleBySpace.keys()]),
    Promise.all(
      received.map(async (s) => {
        const node = await liveNodeById(db, s.node_id);
        if (!node || (node.ownerId === userId && node.spaceId === null)) return null;
        return { share: s, node, bits: s.permissions & (await initiatorBits(db, s.initiator_id, s.node_id, node)) };
      }),
    ),
    ownNames(),
  ]);
  const lowerTaken = new Set([...taken].map((n) => n.toLowerCase()));

  const mounts: Mount[] = [];
  for (const [spaceId, { name, bits }] of roleBySpace) {
    const node = roots.get(spaceId);
    if (node) mounts.push({ kind: "space", name: uniqueName(name, lowerTaken), node, permissions: bitsFor(true, bits), shareIds: [], spaceId });
  }
  const byNode = new Map<number, Mount>();
  for (const entry of sharedNodes) {
    if (!entry || entry.bits === 0) continue;
    const existing = byNode.get(entry.node.id);
    if (existing) {
      existing.permissions = shareBitsFor(entry.node.isFolder, existing.permissions | entry.bits);
      existing.shareIds.push(entry.share.id);
      continue;
    }
    const mount: Mount = {
      kind: "share",
      name: uniqueName(entry.share.target ?? entry.node.name, lowerTaken),
      node: entry.node,
      permissions: shareBitsFor(entry.node.isFolder, entry.bits),
      shareIds: [entry.share.id],
    };
    byNode.set(entry.node.id, mount);
    mounts.push(mount);
  }
  return mounts;
}
