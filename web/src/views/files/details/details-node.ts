import { can, type FileNode } from "../../../api/files";
import { CREATE, DELETE, READ, SHARE, UPDATE } from "../../../api/sharing";

/** The item the sidebar describes: a node as the files API gives it. */
export type DetailsNode = FileNode;

/**
 * The permission bits the asker holds, read from the letters, to offer no toggle the server would
 * refuse; the server still decides.
 */
export function heldBits(node: FileNode): number {
  let bits = READ;
  if (can.write(node) || (node.isFolder && can.rename(node))) bits |= UPDATE;
  if (node.isFolder && can.create(node)) bits |= CREATE;
  if (node.isFolder && can.delete(node)) bits |= DELETE;
  if (can.reshare(node)) bits |= SHARE;
  return bits;
}

/** The folders above the item, innermost last: "/a/b/c" → ["/a", "/a/b"]. */
export function ancestorsOf(path: string): string[] {
  const names = path.split("/").filter(Boolean);
  return names.slice(0, -1).map((_, i) => `/${names.slice(0, i + 1).join("/")}`);
}
