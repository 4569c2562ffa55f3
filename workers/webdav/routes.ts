import { Hono, type Context } from "hono";
import { requireAuth } from "../accounts/authenticate";
import { commentsDav } from "../comments/dav";
import type { AppEnv } from "../http/app-env";
import { systemTagRelationsDav, systemTagsDav } from "../tags/dav";
import { ApiError, forbidden } from "../http/errors";
import { handleReport } from "../search/dav-report";
import { handleSearch } from "../search/dav-search";
import { davContext, type Dav } from "./context";
import { rawSegments } from "./paths";
import { fileLifecycleDavRoutes } from "./lifecycle/routes";
import { handleLock, handleUnlock } from "./lock-methods";
import { handlePropfind } from "./propfind";
import { handleProppatch } from "./proppatch";
import { handleGet, handlePut } from "./transfer";
import { handleCopyMove, handleDelete, handleMkcol } from "./tree-methods";
import { uploadRoutes } from "./uploads/routes";

const ALLOW = "OPTIONS, GET, HEAD, DELETE, PROPFIND, PUT, PROPPATCH, COPY, MOVE, MKCOL, LOCK, UNLOCK, REPORT";

/** The members' DAV methods; public links serve a subset of them (sharing/public/public-dav.ts). */
export const HANDLERS: Record<string, (dav: Dav) => Promise<Response>> = {
  PROPFIND: handlePropfind,
  PROPPATCH: handleProppatch,
  GET: (dav) => handleGet(dav, false),
  HEAD: (dav) => handleGet(dav, true),
  PUT: handlePut,
  MKCOL: handleMkcol,
  DELETE: handleDelete,
  COPY: (dav) => handleCopyMove(dav, false),
  MOVE: (dav) => handleCopyMove(dav, true),
  LOCK: handleLock,
  UNLOCK: handleUnlock,
  REPORT: handleReport,
};

/** The request's path after `prefix`, still percent-encoded, so that `%2F` and `%23` keep their meaning. */
export function rawRest(c: Context<AppEnv>, prefixSegments: number): string {
  return rawSegments(c.req.url).slice(prefixSegments + 1).join("/");
}

async function serve(c: Context<AppEnv>, base: string, prefixSegments: number): Promise<Response> {
  const method = c.req.method.toUpperCase();
  requireAuth(c);
  if (method === "OPTIONS") {
    return new Response(null, { status: 200, headers: { DAV: "1, 2, 3", Allow: ALLOW, "MS-Author-Via": "DAV", "Content-Length": "0" } });
  }
  const handler = HANDLERS[method];
  if (!handler) throw new ApiError(405, "method_not_allowed", `${method} is not supported here`);
  return handler(await davContext(c, base, rawRest(c, prefixSegments)));
}

/** Nextcloud's WebDAV doors: /remote.php/dav/files/{user}/ and the legacy /remote.php/webdav/. */
export const webdavRoutes = new Hono<AppEnv>()
  .all("/remote.php/webdav/*", (c) => serve(c, "/remote.php/webdav", 2))
  .all("/remote.php/webdav", (c) => serve(c, "/remote.php/webdav", 2))
  .all("/remote.php/dav/systemtags/*", systemTagsDav)
  .all("/remote.php/dav/systemtags-relations/*", systemTagRelationsDav)
  .all("/remote.php/dav/comments/*", commentsDav)
  .route("/", fileLifecycleDavRoutes)
  .all("/remote.php/dav/files/:user{[^/]+}/*", (c) => filesFor(c))
  .all("/remote.php/dav/files/:user{[^/]+}", (c) => filesFor(c))
  .on("SEARCH", ["/remote.php/dav", "/remote.php/dav/"], handleSearch)
  .route("/", uploadRoutes);

function filesFor(c: Context<AppEnv>) {
  const user = requireAuth(c).user;
  const requested = c.req.param("user");
  if (requested !== user.id) throw forbidden("This is not your file tree");
  return serve(c, `/remote.php/dav/files/${encodeURIComponent(user.id)}`, 4);
}
