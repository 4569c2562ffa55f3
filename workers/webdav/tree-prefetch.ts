import type { Context, MiddlewareHandler } from "hono";
import { parseBasic } from "../accounts/authenticate";
import type { AppEnv } from "../http/app-env";
import { readTogether } from "../db/read-together";
import { mountQueries, type MountRows } from "../sharing/mounts";
import type { StartedReads } from "../sharing/user-view";
import { personalRootAndPathQuery, rootAndPathFromRows } from "../storage/tree";
import { namesFromRawPath, rawSegments } from "./paths";

/** A personal tree's root and the nodes on a path, read for the account a request names before its credentials are checked. */
export interface TreePrefetch {
  userId: string;
  names: readonly string[];
  reads: StartedReads;
}

/** The account and the path below its tree that a DAV files URL names; the legacy door names no account. */
function davTarget(c: Context<AppEnv>, login: string): { userId: string; rawRest: string } | undefined {
  const segments = rawSegments(c.req.url);
  if (segments[1] !== "remote.php") return undefined;
  if (segments[2] === "webdav") return { userId: login, rawRest: segments.slice(3).join("/") };
  if (segments[2] !== "dav" || segments[3] !== "files" || !segments[4]) return undefined;
  try {
    return { userId: decodeURIComponent(segments[4]), rawRest: segments.slice(5).join("/") };
  } catch {
    return undefined;
  }
}

/**
 * DAV clients log in with Basic auth as the account whose tree the URL names, and every DAV request
 * needs that tree's root and the nodes on its path (at the root, its mounts too): those reads go to D1
 * while the credentials are checked, not after. Nothing it reads is used unless authentication names that very account (see
 * prefetchedTree), and a request whose Basic login is not the URL's account starts no read at all.
 */
export const prefetchDavTree: MiddlewareHandler<AppEnv> = async (c, next) => {
  let basic: ReturnType<typeof parseBasic>;
  try {
    basic = parseBasic(c.req.header("Authorization"));
  } catch {
    basic = undefined; // authentication refuses malformed credentials itself
  }
  const target = basic ? davTarget(c, basic.login) : undefined;
  if (basic && target && target.userId === basic.login) {
    let names: string[] | undefined;
    try {
      names = namesFromRawPath(target.rawRest);
    } catch {
      names = undefined; // the DAV handler refuses the path itself
    }
    if (names) {
      // At the root, the mounts (received shares, spaces) are shown too: their first reads join the batch.
      const atRoot = names.length === 0;
      const [first, second] = mountQueries(target.userId);
      const rows = readTogether<[Record<string, unknown>, MountRows[0][number], MountRows[1][number]]>(c.var.db, [
        personalRootAndPathQuery(target.userId, names),
        atRoot ? first : undefined,
        atRoot ? second : undefined,
      ]);
      const reads: StartedReads = {
        rootAndPath: rows.then(([path]) => rootAndPathFromRows(path)),
        mountRows: atRoot ? rows.then(([, shares, spaces]): MountRows => [shares, spaces]) : undefined,
      };
      // Unused when authentication fails; whoever uses them still sees an error.
      for (const read of [reads.rootAndPath, reads.mountRows]) read?.catch(() => undefined);
      c.set("davTree", { userId: target.userId, names, reads });
    }
  }
  await next();
};

/** The reads prefetchDavTree started, when they are for this very account and path. */
export function prefetchedTree(c: Context<AppEnv>, userId: string, names: readonly string[]): StartedReads | undefined {
  const prefetch = c.var.davTree;
  if (!prefetch || prefetch.userId !== userId || prefetch.names.length !== names.length) return undefined;
  return prefetch.names.every((name, i) => name === names[i]) ? prefetch.reads : undefined;
}
