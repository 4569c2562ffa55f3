import { ALL, bitsFor, CREATE, DELETE, READ, SHARE, UPDATE } from "../sharing/permission-bits";
import type { Mount } from "../sharing/mounts";
import type { ViewLocation } from "../sharing/user-view";
import type { FileNode } from "../storage/tree";

/** What the asker may do with one node, and how it reached them. */
export interface NodeGrant {
  bits: number;
  /** The node came through a mount (a received share or a space). */
  mount?: Mount;
  /** It is the mount's own node: a share's can be renamed or removed from the asker's root. */
  mountRoot: boolean;
}

/**
 * The grant for a node of a DAV request: a mount listed in the root has its own; anything inside the
 * request's mount has that mount's; the asker's own tree gives everything.
 */
export function grantOf(node: FileNode, location: ViewLocation, rootMounts: readonly Mount[]): NodeGrant {
  const listed = rootMounts.find((m) => m.node.id === node.id);
  if (listed) return { bits: bitsFor(node.isFolder, listed.permissions), mount: listed, mountRoot: true };
  if (location.mount) return { bits: bitsFor(node.isFolder, location.mount.permissions), mount: location.mount, mountRoot: node.id === location.mount.node.id };
  return ownGrant(node);
}

/** The owner's grant: everything. */
export const ownGrant = (node: FileNode): NodeGrant => ({ bits: bitsFor(node.isFolder, ALL), mountRoot: false });

/**
 * Nextcloud's permission letters, as the desktop client reads them: S shared with the asker, R may
 * reshare, M mounted, G read, D delete, N rename, V move, W write (files), C create file and K create
 * folder (folders). The owner has RGDNVW or RGDNVCK. A received share's own node may always be
 * renamed or removed (that unshares it for the asker only); a space's root may not.
 */
export function permissionLetters(node: FileNode, grant: NodeGrant): string {
  const { bits, mount, mountRoot } = grant;
  const detachable = mountRoot && mount?.kind === "share";
  const fixed = mountRoot && mount?.kind === "space";
  let letters = "";
  if (mount?.kind === "share") letters += "S";
  if (bits & SHARE) letters += "R";
  if (mount) letters += "M";
  if (bits & READ) letters += "G";
  if (!fixed && (bits & DELETE || detachable)) letters += "D";
  if (!fixed && (bits & UPDATE || detachable)) letters += "NV";
  if (!node.isFolder && bits & UPDATE) letters += "W";
  if (node.isFolder && bits & CREATE) letters += "CK";
  return letters;
}
