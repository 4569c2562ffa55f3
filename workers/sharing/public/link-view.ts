import type { Db } from "../../db/client";
import { children, walk, type FileNode } from "../../storage/tree";
import type { TreeView } from "../../webdav/context";
import type { NodeGrant } from "../../webdav/permissions";
import type { Mount } from "../mounts";
import { bitsFor, CREATE, shareBitsFor } from "../permission-bits";
import type { ViewLocation } from "../user-view";
import type { ResolvedLink } from "./resolve-link";

/**
 * What a public link shows: the shared node as the root, nothing above it (paths only walk down, so
 * no name can leave it), and the link's bits everywhere below. A file drop shows an empty folder of
 * size 0 whose names can only be created, never resolved to what is already there.
 */
export class LinkView implements TreeView {
  readonly root: FileNode;
  readonly hidesContent: boolean;

  constructor(
    private readonly db: Db,
    private readonly link: ResolvedLink,
  ) {
    this.root = link.isDrop ? { ...link.node, size: 0 } : link.node;
    this.hidesContent = link.isDrop;
  }

  /** The link's bits on a node: a shared file alone cannot be deleted through its link. */
  bitsOn(node: FileNode): number {
    return node.id === this.root.id && !node.isFolder ? shareBitsFor(false, this.link.permissions) : bitsFor(node.isFolder, this.link.permissions);
  }

  async resolve(names: readonly string[]): Promise<ViewLocation> {
    if (this.link.isDrop) {
      if (names.length === 0) return { node: this.root, isMountRoot: false, permissions: CREATE };
      // A name in a drop is always new to the dropper: a taken one is kept apart when written (FileService keepBoth).
      return names.length === 1 ? { parent: this.root, isMountRoot: false, permissions: CREATE } : { isMountRoot: false, permissions: 0 };
    }
    const found = await walk(this.db, this.root, [...names]);
    const holder = found.node ?? found.parent;
    return { node: found.node, parent: found.parent, isMountRoot: false, permissions: holder ? this.bitsOn(holder) : 0 };
  }

  async mounts(): Promise<Mount[]> {
    return [];
  }

  async rootEtag(): Promise<string> {
    return this.root.etag;
  }

  children(folder: FileNode): Promise<FileNode[]> {
    return this.link.isDrop ? Promise.resolve([]) : children(this.db, folder.id);
  }

  grantFor(node: FileNode): NodeGrant {
    return { bits: this.bitsOn(node), mountRoot: false };
  }
}
