import { Hono, type Context } from "hono";
import { requireAuth } from "../../accounts/authenticate";
import type { AppEnv } from "../../http/app-env";
import { ApiError, badRequest, forbidden, notFound } from "../../http/errors";
import { trashInView, type ViewTrashEntry } from "../../sharing/trash-view";
import { displayNames } from "../../sharing/share-queries";
import { UserView } from "../../sharing/user-view";
import { trashName } from "../../storage/trash";
import { children, walk, type FileNode } from "../../storage/tree";
import { fileServiceFor } from "../context";
import { multistatus } from "../multistatus";
import { hrefOf, namesFromRawPath } from "../paths";
import { readPropfindBody } from "../prop-request";
import { propertyKey } from "../properties";
import { escapeXml, NC_NS } from "../xml";
import { collectionProps, nodeProps, propResponse, type PropMap } from "./props";
import { davOptions, restOfPath, streamNode } from "./shared";

/**
 * Nextcloud's trash over WebDAV: `/remote.php/dav/trashbin/{user}/trash/` lists deleted items as
 * `<name>.d<deletion time>` (folders can be browsed), MOVE of an item to `…/restore/<name>` restores
 * it where it was deleted from, DELETE purges an item or, on `trash` itself, everything. The trash
 * is the user's own and that of each space where they may delete (sharing/trash-view.ts), each item's
 * original location given as a path of their view ("Partage Codep 34/PV.md").
 */
export const trashbinRoutes = new Hono<AppEnv>()
  .all("/remote.php/dav/trashbin/:user{[^/]+}/*", (c) => serveTrashbin(c))
  .all("/remote.php/dav/trashbin/:user{[^/]+}", (c) => serveTrashbin(c));

interface Located {
  entry: ViewTrashEntry;
  node: FileNode;
  /** Names below the item (empty for the item itself). */
  inner: string[];
}

async function serveTrashbin(c: Context<AppEnv>): Promise<Response> {
  const user = requireAuth(c).user;
  if (c.req.param("user") !== user.id) throw forbidden("This is not your trash");
  const base = `/remote.php/dav/trashbin/${encodeURIComponent(user.id)}`;
  const method = c.req.method.toUpperCase();
  if (method === "OPTIONS") return davOptions("OPTIONS, GET, HEAD, DELETE, PROPFIND, MOVE");
  const path = namesFromRawPath(restOfPath(c, 4));
  const [section, itemName, ...inner] = path;
  if (section !== undefined && section !== "trash" && section !== "restore") throw notFound("No such trash folder");
  const db = c.var.db;
  const entries = section === "trash" ? await trashInView(await UserView.of(db, user)) : [];
  const locate = async (): Promise<Located | undefined> => {
    if (section !== "trash" || itemName === undefined) return undefined;
    const entry = entries.find((e) => trashName(e, entries) === itemName);
    if (!entry) throw notFound("No such item in the trash");
    const found = await walk(db, entry.node, inner);
    if (!found.node) throw notFound("No such item in the trash");
    return { entry, node: found.node, inner };
  };

  switch (method) {
    case "PROPFIND": {
      const depth = c.req.header("Depth") ?? "1";
      if (depth !== "0" && depth !== "1") throw new ApiError(403, "propfind_finite_depth", "Depth infinity is not supported; use 0 or 1");
      const request = readPropfindBody(await c.req.text());
      const located = await locate();
      const deleters = await deleterNames(c, located ? [located.entry] : entries);
      if (located) {
        const { entry, node } = located;
        const here = [...path];
        const members = depth === "1" && node.isFolder ? await children(db, node.id) : [];
        const responses = [propResponse(hrefOf(base, here, node.isFolder), await trashProps(c, deleters, entry, node, located.inner), request)];
        for (const m of members) responses.push(propResponse(hrefOf(base, [...here, m.name], m.isFolder), await trashProps(c, deleters, entry, m, [...located.inner, m.name]), request));
        return multistatus(responses);
      }
      const responses = [propResponse(hrefOf(base, path, true), collectionProps(section), request)];
      if (depth === "1" && section === undefined) {
        for (const s of ["trash", "restore"]) responses.push(propResponse(hrefOf(base, [s], true), collectionProps(s), request));
      }
      if (depth === "1" && section === "trash") {
        for (const e of entries) responses.push(propResponse(hrefOf(base, ["trash", trashName(e, entries)], e.node.isFolder), await trashProps(c, deleters, e, e.node, []), request));
      }
      return multistatus(responses);
    }
    case "GET":
    case "HEAD": {
      const located = await locate();
      if (!located) throw new ApiError(405, "method_not_allowed", "Only trashed files can be downloaded");
      return streamNode(c, located.node, method === "HEAD");
    }
    case "DELETE": {
      const files = fileServiceFor(c);
      if (section === "trash" && itemName === undefined) {
        for (const e of entries) await files.purge(e);
        return new Response(null, { status: 204 });
      }
      const located = await locate();
      if (!located) throw forbidden("This folder cannot be deleted");
      if (located.inner.length) throw forbidden("Only whole items can be deleted from the trash");
      await files.purge(located.entry);
      return new Response(null, { status: 204 });
    }
    case "MOVE": {
      const located = await locate();
      if (!located || located.inner.length) throw forbidden("Only whole items can be restored");
      const destination = c.req.header("Destination");
      if (!destination) throw badRequest("A Destination header is required", "missing_destination");
      let path: string;
      try {
        path = new URL(destination, c.req.url).pathname;
      } catch {
        throw badRequest("Invalid URL in header", "invalid_url");
      }
      // Nextcloud restores to where the item came from, whatever name follows `restore/`.
      if (!path.replace(/\/{2,}/g, "/").startsWith(`${base}/restore/`)) throw new ApiError(502, "bad_gateway", "Items can only be moved to the restore folder");
      await fileServiceFor(c).restoreFromTrash(located.entry);
      return new Response(null, { status: 201 });
    }
    default:
      throw new ApiError(405, "method_not_allowed", `${method} is not supported in the trash`);
  }
}

/** Display names of those who deleted the items (a space's items are often a colleague's). */
async function deleterNames(c: Context<AppEnv>, entries: readonly ViewTrashEntry[]): Promise<Map<string, string>> {
  const ids = [...new Set(entries.map((e) => e.item.deletedBy).filter((id): id is string => id !== null))];
  if (!ids.length) return new Map();
  const found = await displayNames(c.var.db, ids, []);
  return new Map([...found.users].map(([id, u]) => [id, u.name]));
}

/** A trashed node's properties: the usual ones plus Nextcloud's trashbin-* set. */
async function trashProps(c: Context<AppEnv>, deleters: Map<string, string>, entry: ViewTrashEntry, node: FileNode, inner: string[]): Promise<PropMap> {
  const props = await nodeProps(c.var.db, node);
  const location = [entry.location, ...inner].join("/");
  const nc = (local: string, value: string) => props.set(propertyKey(NC_NS, local), value);
  nc("trashbin-filename", escapeXml(node.name));
  nc("trashbin-original-location", escapeXml(location));
  nc("trashbin-title", escapeXml(node.name));
  nc("trashbin-deletion-time", String(entry.item.deletedAt));
  if (entry.item.deletedBy) {
    nc("trashbin-deleted-by-id", escapeXml(entry.item.deletedBy));
    const name = deleters.get(entry.item.deletedBy);
    if (name !== undefined) nc("trashbin-deleted-by-display-name", escapeXml(name));
  }
  return props;
}
