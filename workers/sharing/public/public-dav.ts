import { Hono, type Context } from "hono";
import type { AppEnv } from "../../http/app-env";
import { ApiError, forbidden, notFound } from "../../http/errors";
import { davContext, type Dav } from "../../webdav/context";
import { HANDLERS as DAV_HANDLERS, rawRest } from "../../webdav/routes";
import { handleGet } from "../../webdav/transfer";
import { openLinkForDav } from "./link-access";
import { recordLinkDownload } from "./link-activity";
import { LinkView } from "./link-view";
import type { ResolvedLink } from "./resolve-link";

type Handler = (dav: Dav, link: ResolvedLink) => Promise<Response>;

/** GET of a file through a link is a public download: refused when the link hides downloads, recorded when whole. */
const get: Handler = async (dav, link) => {
  if (link.share.hideDownload && !dav.node?.isFolder) throw forbidden("Downloads are disabled for this link");
  const response = await handleGet(dav, false);
  if (response.status === 200 && dav.node && !dav.node.isFolder) await recordLinkDownload(dav.db, link, dav.node);
  return response;
};

// The members' handlers, bounded by the link's view and bits. Listed, not all: no LOCK (a visitor could
// lock the owner out of their own files for an hour), no REPORT (favorites and tags are members' things).
const PUBLIC_METHODS = ["PROPFIND", "PROPPATCH", "HEAD", "PUT", "MKCOL", "DELETE", "COPY", "MOVE"];
const HANDLERS: Record<string, Handler> = { ...Object.fromEntries(PUBLIC_METHODS.map((m) => [m, DAV_HANDLERS[m]!])), GET: get };
const ALLOW = `OPTIONS, GET, ${PUBLIC_METHODS.join(", ")}`;
/** A file drop takes new files and shows its (empty) root; nothing else. */
const DROP_METHODS = new Set(["PROPFIND", "PUT"]);

async function serve(c: Context<AppEnv>, token: string | undefined, base: (token: string) => string, prefixSegments: number): Promise<Response> {
  const { link, token: opened } = await openLinkForDav(c, token);
  const method = c.req.method.toUpperCase();
  if (method === "OPTIONS") {
    return new Response(null, { status: 200, headers: { DAV: "1, 3", Allow: link.isDrop ? "OPTIONS, PROPFIND, PUT" : ALLOW, "MS-Author-Via": "DAV", "Content-Length": "0" } });
  }
  const handler = HANDLERS[method];
  if (!handler) throw new ApiError(405, "method_not_allowed", `${method} is not supported on a public link`);
  if (link.isDrop && !DROP_METHODS.has(method)) {
    // What a drop holds is not the dropper's to see, nor to change.
    if (method === "GET" || method === "HEAD") throw notFound("Nothing can be read through an upload-only link");
    throw forbidden("An upload-only link only takes new files");
  }
  const view = new LinkView(c.var.db, link);
  const dav = await davContext(c, base(opened), rawRest(c, prefixSegments), view, { user: link.initiator, keepBoth: link.isDrop });
  return handler(dav, link);
}

const newDoor = (token: string) => `/public.php/dav/files/${encodeURIComponent(token)}`;
const legacyDoor = () => "/public.php/webdav";

/**
 * Public links over WebDAV, as Nextcloud serves them: `/public.php/dav/files/{token}/…` (the password,
 * if any, as Basic auth's password or the page's cookie) and the legacy `/public.php/webdav/…`, whose
 * Basic user is the token. Writes act as the link's initiator and count against the tree's owner.
 */
export const publicDavRoutes = new Hono<AppEnv>()
  .all("/public.php/webdav", (c) => serve(c, undefined, legacyDoor, 2))
  .all("/public.php/webdav/*", (c) => serve(c, undefined, legacyDoor, 2))
  .all("/public.php/dav/files/:token{[^/]+}", (c) => serve(c, c.req.param("token"), newDoor, 4))
  .all("/public.php/dav/files/:token{[^/]+}/*", (c) => serve(c, c.req.param("token"), newDoor, 4));
