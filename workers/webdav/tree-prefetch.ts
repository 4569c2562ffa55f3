import type { Context, MiddlewareHandler } from "hono";
import { parseBasic } from "../accounts/authenticate";
import type { AppEnv } from "../http/app-env";
import { personalRootAndPath } from "../storage/tree";
import { namesFromRawPath } from "./paths";

type Loaded = Awaited<ReturnType<typeof personalRootAndPath>>;

/** A personal tree's root and the nodes on a path, read for the account a request names before its credentials are checked. */
export interface TreePrefetch {
  userId: string;
  names: readonly string[];
  loaded: Promise<Loaded>;
}

/** The account and the path below its tree that a DAV files URL names; the legacy door names no account. */
function davTarget(c: Context<AppEnv>, login: string): { userId: string; rawRest: string } | undefined {
  const segments = new URL(c.req.url).pathname.replace(/\/{2,}/g, "/").split("/");
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
 * needs that tree's root and the nodes on its path: that read goes to D1 while the credentials are
 * checked, not after. Nothing it reads is used unless authentication names that very account (see
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
      const loaded = personalRootAndPath(c.var.db, target.userId, names);
      loaded.catch(() => undefined); // unused when authentication fails; whoever uses it sees the error
      c.set("davTree", { userId: target.userId, names, loaded });
    }
  }
  await next();
};

/** The read prefetchDavTree started, when it is for this very account and path. */
export function prefetchedTree(c: Context<AppEnv>, userId: string, names: readonly string[]): Promise<Loaded> | undefined {
  const prefetch = c.var.davTree;
  if (!prefetch || prefetch.userId !== userId || prefetch.names.length !== names.length) return undefined;
  return prefetch.names.every((name, i) => name === names[i]) ? prefetch.loaded : undefined;
}
