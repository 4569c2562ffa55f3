import type { FileNode } from "../storage/tree";

/**
 * Nextcloud's permission letters, as the desktop client reads them: R reshare, G read, D delete,
 * N rename, V move, W write (files), C create file and K create folder (folders). The owner has all.
 */
export function permissionLetters(node: FileNode): string {
  return node.isFolder ? "RGDNVCK" : "RGDNVW";
}
