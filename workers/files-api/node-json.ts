import type { FileNode } from "../storage/tree";
import { ownGrant, permissionLetters, type NodeGrant } from "../webdav/permissions";

/** A node as the web UI reads it. */
export interface NodeJson {
  id: number;
  name: string;
  /** From the tree's root, with a leading slash ("/" for the root). */
  path: string;
  isFolder: boolean;
  size: number;
  mime: string;
  etag: string;
  /** Seconds since the epoch. */
  mtime: number;
  favorite: boolean;
  /** Nextcloud's letters (see permissionLetters), so the UI and sync clients agree. */
  permissions: string;
}

export function nodeJson(node: FileNode, names: readonly string[], favorite: boolean, grant: NodeGrant = ownGrant(node)): NodeJson {
  return {
    id: node.id,
    name: node.name,
    path: `/${names.join("/")}`,
    isFolder: node.isFolder,
    size: node.size,
    mime: node.mime,
    etag: node.etag,
    mtime: node.mtime,
    favorite,
    permissions: permissionLetters(node, grant),
  };
}
