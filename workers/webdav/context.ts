import type { Context } from "hono";
import { requireAuth } from "../accounts/authenticate";
import type { User } from "../accounts/users";
import type { Db } from "../db/client";
import type { AppEnv } from "../http/app-env";
import { badRequest } from "../http/errors";
import { spaceLeftFor } from "../storage/quota";
import { FileService } from "../storage/service";
import { personalRoot, walk, type FileNode } from "../storage/tree";
import { hrefOf, namesFromRawPath } from "./paths";

/** One WebDAV request: who asks, which tree, and where in it. */
export interface Dav {
  c: Context<AppEnv>;
  db: Db;
  files: FileService;
  user: User;
  root: FileNode;
  /** The href prefix of the tree, e.g. `/remote.php/dav/files/lea`. */
  base: string;
  names: string[];
  node?: FileNode;
  /** The existing parent folder when `node` is missing (for PUT, MKCOL, LOCK). */
  parent?: FileNode;
  href(names: readonly string[], isFolder: boolean): string;
  /** Names below the tree for a URL or absolute path in it (Destination, If tags), or undefined when outside. */
  namesOfUrl(url: string): string[] | undefined;
}

export function fileServiceFor(c: Context<AppEnv>): FileService {
  const { db, config, plugins } = c.var;
  const auth = c.var.auth;
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
    actorId: auth?.user.id ?? null,
    hooks: plugins.hookSubscribers,
    waitUntil,
    spaceLeft: (ownerId) => spaceLeftFor(db, config, ownerId),
  });
}

export async function davContext(c: Context<AppEnv>, base: string, rawRest: string): Promise<Dav> {
  const user = requireAuth(c).user;
  const db = c.var.db;
  const root = await personalRoot(db, user.id);
  const names = namesFromRawPath(rawRest);
  const { node, parent } = await walk(db, root, names);
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
  return { c, db, files: fileServiceFor(c), user, root, base, names, node, parent, href: (n, f) => hrefOf(base, n, f), namesOfUrl };
}
