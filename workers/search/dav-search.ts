import type { Context } from "hono";
import { requireAuth } from "../accounts/authenticate";
import type { AppEnv } from "../http/app-env";
import { badRequest, forbidden } from "../http/errors";
import { davContext } from "../webdav/context";
import { multistatus } from "../webdav/multistatus";
import { readPropSelection } from "../webdav/prop-request";
import { renderNodes } from "../webdav/render-nodes";
import { DAV_NS, child, parseXml } from "../webdav/xml";
import { limitOf, orderOf, whereFilter } from "./dav-query";
import { searchTree } from "./service";

/**
 * SEARCH on /remote.php/dav/ (RFC 5323 basicsearch, as Nextcloud's web UI and clients send it):
 * the scope is `/files/{user}/{path}`, always the asker's own tree, searched at any depth.
 */
export async function handleSearch(c: Context<AppEnv>): Promise<Response> {
  const user = requireAuth(c).user;
  const root = parseXml(await c.req.text());
  if (!root || root.ns !== DAV_NS || root.local !== "searchrequest") throw badRequest("Expected a DAV:searchrequest body", "invalid_xml");
  const search = child(root, DAV_NS, "basicsearch");
  if (!search) throw badRequest("Only DAV:basicsearch is supported", "unsupported_search");
  const select = child(search, DAV_NS, "select");
  const scope = child(child(search, DAV_NS, "from"), DAV_NS, "scope");
  const href = child(scope, DAV_NS, "href")?.text.trim();
  if (!href) throw badRequest("The search needs a <d:scope> with a <d:href>", "invalid_search");
  const depth = child(scope, DAV_NS, "depth")?.text.trim().toLowerCase() ?? "infinity";
  if (depth !== "infinity") throw badRequest("Only a search of depth infinity is supported", "unsupported_search");

  // `/files/lea/Documents`, or the same below /remote.php/dav, or a full URL of it.
  const path = new URL(href, c.req.url).pathname.replace(/\/{2,}/g, "/").replace(/^\/remote\.php\/dav(?=\/)/, "");
  const match = /^\/files\/([^/]+)(\/.*)?$/.exec(path);
  if (!match) throw badRequest("The scope must be /files/{user}/…", "invalid_search");
  if (decodeURIComponent(match[1]!) !== user.id) throw forbidden("This is not your file tree");
  const dav = await davContext(c, `/remote.php/dav/files/${encodeURIComponent(user.id)}`, (match[2] ?? "").replace(/^\//, ""));
  if (!dav.node?.isFolder) throw badRequest("The scope is not an existing folder", "invalid_search");

  const whereElement = child(search, DAV_NS, "where");
  const conditions = whereElement?.children ?? [];
  if (conditions.length > 1) throw badRequest("<d:where> takes one condition; combine them with <d:and>", "invalid_search");
  const hits = await searchTree(dav.db, user.id, {
    scope: dav.node,
    filter: conditions[0] ? whereFilter(conditions[0]) : { op: "and", items: [] },
    order: orderOf(child(search, DAV_NS, "orderby")),
    ...limitOf(child(search, DAV_NS, "limit")),
  });
  const request = select ? readPropSelection(select.children) : { kind: "allprop" as const, include: [] };
  return multistatus(await renderNodes(dav, hits, request));
}
