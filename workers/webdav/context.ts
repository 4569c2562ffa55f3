import type { Context } from "hono";
import { requireAuth } from "../accounts/authenticate";
import type { User } from "../accounts/users";
import type { Db } from "../db/client";
import type { AppEnv } from "../http/app-env";
import { badRequest } from "../http/errors";
import { spaceLeftFor } from "../storage/quota";
import { FileService } from "../storage/service";
import type { FileNode } from "../storage/tree";
import type { Mount } from "../sharing/mounts";
import { UserView, type ViewLocation } from "../sharing/user-view";
import { hrefOf, namesFromRawPath } from "./paths";
import { grantOf, type NodeGrant } from "./permissions";
import { prefetchedTree } from "./tree-prefetch";

/** One WebDAV request: who asks, which tree, and where in it. */
export interface Dav {
  c: Context<AppEnv>;
  db: Db;
  files: FileService;
  /** Who acts: the asker, or for a public link its initiator (writes and quota are theirs, as in Nextcloud). */
  user: User;
  /** A public link's request: nobody is logged in, so per-person features (stars, comments) are refused or empty. */
  isPublic: boolean;
  /** The asker's personal root (their own tree; mounts hang below it in the view). */
  root: FileNode;
  /** The tree as this request sees it: the personal tree with spaces and shares mounted in its root. */
  view: TreeView;
  /** Where the request path leads in the view, with the asker's permission bits there. */
  location: ViewLocation;
  /** The href prefix of the tree, e.g. `/remote.php/dav/files/lea`. */
  base: string;
  names: string[];
  node?: FileNode;
  /** The existing parent folder when `node` is missing (for PUT, MKCOL, LOCK). */
  parent?: FileNode;
  href(names: readonly string[], isFolder: boolean): string;
  /** Names below the tree for a URL or absolute path in it (Destination, If tags), or undefined when outside. */
  namesOfUrl(url: string): string[] | undefined;
  /** What the asker may do with a node of this request (the resource, a child, or a mount in the root). */
  grantFor(node: FileNode): NodeGrant;
}

/** What a DAV request walks: a user's view, or (for public links) the shared folder alone. */
export interface TreeView {
  root: FileNode;
  resolve(names: readonly string[]): Promise<ViewLocation>;
  /** Mounts shown in the root's listing. */
  mounts(): Promise<Mount[]>;
  rootEtag(): Promise<string>;
  /** A folder's members as listed; a file drop lists none. Default: every child. */
  children?(folder: FileNode): Promise<FileNode[]>;
  /** A file drop: nothing inside may show, not even through a folder's properties (its Readme's text). */
  hidesContent?: boolean;
  /** What the asker may do with a node; default: from the location's mount, or everything in their own tree. */
  grantFor?(node: FileNode): NodeGrant;
}

/** A public link's request: who it acts as, and how its file service writes. */
export interface PublicActor {
  user: User;
  /** A file drop keeps both files when a name is taken. */
  keepBoth?: boolean;
}

export function fileServiceFor(c: Context<AppEnv>, actor?: PublicActor): FileService {
  const { db, config, plugins } = c.var;
  const actorId = actor ? actor.user.id : (c.var.auth?.user.id ?? null);
  let waitUntil: (p: Promise<unknown>) => void;
  try {
    const ctx = c.executionCtx;
    waitUntil = (p) => ctx.waitUntil(p);
  } catch {
    waitUntil = (p) => void p.catch(() => undefined); // unit tests without an execution context
  }
  return new FileService({
    db,
    env: c.env,
    bucket: c.env.FILES,
    actorId,
    hooks: plugins.hookSubscribers,
    waitUntil,
    spaceLeft: (ownerId) => spaceLeftFor(db, config, ownerId),
    keepBoth: actor?.keepBoth,
  });
}

/** A request's DAV context; `publicActor` is given for a public link's request (no one is logged in). */
export async function davContext(c: Context<AppEnv>, base: string, rawRest: string, view?: TreeView, publicActor?: PublicActor): Promise<Dav> {
  const user = publicActor ? publicActor.user : requireAuth(c).user;
  const db = c.var.db;
  const names = namesFromRawPath(rawRest);
  const treeView: TreeView = view ?? (await UserView.of(db, user, names, prefetchedTree(c, user.id, names)));
  const location = await treeView.resolve(names);
  const namesOfUrl = (url: string) => {
    let path: string;
    try {
      path = new URL(url, c.req.url).pathname;
    } catch {
      throw badRequest("Invalid URL in header", "invalid_url");
    }
    const prefix = base.replace(/\/+$/, "");
    const normalised = path.replace(/\/{2,}/g, "/");
    if (normalised !== prefix && !normalised.startsWith(`${prefix}/`)) return undefined;
    return namesFromRawPath(normalised.slice(prefix.length));
  };
  const mounts = names.length === 0 ? await treeView.mounts() : [];
  return {
    c,
    db,
    files: fileServiceFor(c, publicActor),
    user,
    isPublic: publicActor !== undefined,
    root: treeView.root,
    view: treeView,
    location,
    base,
    names,
    node: location.node,
    parent: location.parent,
    href: (n, f) => hrefOf(base, n, f),
    namesOfUrl,
    grantFor: (node) => treeView.grantFor?.(node) ?? grantOf(node, location, mounts),
  };
}
