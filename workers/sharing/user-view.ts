import { eq } from "drizzle-orm";
import { fileNodes } from "../../schema/core";
import type { User } from "../accounts/users";
import type { Db } from "../db/client";
import { personalRoot, personalRootAndPath, walk, walkRows, type FileNode, type RootAndPath } from "../storage/tree";
import { mountsOf, type Mount, type MountRows } from "./mounts";
import { ALL, bitsFor } from "./permission-bits";
import { placeNodes } from "./placed-nodes";

/** Where a path of a user's view leads: their own tree, or a mount (share or space) in their root. */
export interface ViewLocation {
  node?: FileNode;
  /** The existing folder when only the last name is missing (for PUT, MKCOL, LOCK, a MOVE target). */
  parent?: FileNode;
  /** Set when the path goes through a mount. */
  mount?: Mount;
  /** True for the mount's own node, whose view parent is the user's root, not its tree parent. */
  isMountRoot: boolean;
  /** Permission bits on `node`, or on `parent` when `node` is missing. */
  permissions: number;
}

/** Reads of a view already under way for a given user and path (see webdav/tree-prefetch.ts). */
export interface StartedReads {
  rootAndPath: Promise<RootAndPath | undefined>;
  mountRows?: Promise<MountRows>;
}

/**
 * A user's file tree as every layer shows it: their personal tree, with the spaces and shares they
 * receive mounted in its root. A path whose first name is in the personal root never costs a mount
 * lookup; mount names never clash with personal names, since mountsOf renames them apart.
 */
export class UserView {
  private mountsPromise?: Promise<Mount[]>;

  private constructor(
    readonly db: Db,
    readonly user: User,
    readonly root: FileNode,
    /** The personal nodes on a path loaded with the root, so resolving that path costs no query. */
    private readonly prefetched?: { names: readonly string[]; onPath: readonly FileNode[] },
    /** The first reads of the mounts, already under way. */
    private readonly mountRows?: Promise<MountRows>,
  ) {}

  /**
   * The view; with `path`, the personal nodes on it come in the same round trip as the root. `started`
   * holds those same reads for this user and path, already under way (see webdav/tree-prefetch.ts),
   * and maybe the mounts' first reads.
   */
  static async of(db: Db, user: User, path?: readonly string[], started?: StartedReads): Promise<UserView> {
    const loaded = await (started?.rootAndPath ?? (path?.length ? personalRootAndPath(db, user.id, path) : undefined));
    if (loaded) return new UserView(db, user, loaded.root, { names: path ?? [], onPath: loaded.onPath }, started?.mountRows);
    return new UserView(db, user, await personalRoot(db, user.id), undefined, started?.mountRows);
  }

  /** The mounts in the root, loaded once per request. */
  mounts(): Promise<Mount[]> {
    this.mountsPromise ??= mountsOf(
      this.db,
      this.user.id,
      async () => {
        const rows = await this.db.select({ name: fileNodes.name }).from(fileNodes).where(eq(fileNodes.parentId, this.root.id));
        return new Set(rows.map((r) => r.name));
      },
      this.mountRows,
    );
    return this.mountsPromise;
  }

  async mountNamed(name: string): Promise<Mount | undefined> {
    return (await this.mounts()).find((m) => m.name === name);
  }

  async resolve(names: readonly string[]): Promise<ViewLocation> {
    const prefetched = this.prefetched && sameNames(this.prefetched.names, names) ? this.prefetched.onPath : undefined;
    const own = prefetched ? walkRows(this.root, names, prefetched) : await walk(this.db, this.root, [...names]);
    const firstIsOwn = own.node !== undefined || own.missing < names.length;
    if (names.length === 0 || firstIsOwn) return { ...own, isMountRoot: false, permissions: bitsFor((own.node ?? own.parent)?.isFolder ?? true, ALL) };
    const mount = await this.mountNamed(names[0]!);
    if (!mount) return { ...own, isMountRoot: false, permissions: ALL };
    const inner = await walk(this.db, mount.node, names.slice(1));
    const holder = inner.node ?? inner.parent;
    return { ...inner, mount, isMountRoot: names.length === 1, permissions: holder ? bitsFor(holder.isFolder, mount.permissions) : 0 };
  }

  /** The root's ETag as clients must see it: it changes when any mounted tree changes, too. */
  async rootEtag(): Promise<string> {
    const mounts = await this.mounts();
    if (!mounts.length) return this.root.etag;
    const text = [this.root.etag, ...mounts.map((m) => `${m.name}\u0000${m.node.etag}\u0000${m.permissions}`)].join("\u0001");
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text)));
    return [...digest.slice(0, 10)].map((b) => b.toString(16).padStart(2, "0")).join("");
  }

  /**
   * Where a node sits in this view: its names from the view's root, and the mount it came through.
   * Null when the node is not reachable by path (shared to the user some other way, or gone).
   */
  async placeOf(node: FileNode): Promise<{ names: string[]; mount?: Mount } | null> {
    const placed = (await placeNodes(this, [node.id])).get(node.id);
    return placed?.names ? { names: placed.names, mount: placed.mount } : null;
  }
}

const sameNames = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((name, i) => name === b[i]);
