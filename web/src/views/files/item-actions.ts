import type { FileNode } from "../../api/files";

export type DetailsTabName = "activity" | "comments" | "sharing" | "versions";

/** What a listing can do with its items; each view decides how (and whether) it reloads. */
export interface ItemActions {
  open: (node: FileNode) => void;
  details: (node: FileNode, tab?: DetailsTabName) => void;
  /** Resolves true once renamed; false leaves the field open to try again. */
  rename: (node: FileNode, name: string) => Promise<boolean>;
  remove: (nodes: FileNode[]) => void;
  moveOrCopy: (nodes: FileNode[]) => void;
  favorite: (node: FileNode, favorite: boolean) => void;
}
