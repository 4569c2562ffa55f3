import type { Context } from "hono";
import { requireAuth } from "../accounts/authenticate";
import { FavoriteService } from "../favorites/service";
import type { AppEnv } from "../http/app-env";
import { conflict, forbidden, notFound } from "../http/errors";
import type { Mount } from "../sharing/mounts";
import { bitsFor, CREATE } from "../sharing/permission-bits";
import { placeNodes } from "../sharing/placed-nodes";
import { UserView } from "../sharing/user-view";
import { fileAccess } from "../storage/access";
import type { FileNode } from "../storage/tree";
import { fileServiceFor } from "../webdav/context";
import { ownGrant, type NodeGrant } from "../webdav/permissions";
import { nodeJson, type NodeJson } from "./node-json";

/**
 * A node id from the URL or a body, through the authorization service: what the asker may not reach
 * is a 404, exactly like what does not exist, so ids reveal nothing. `need` are permission bits
 * (permission-bits.ts) the asker must hold on it.
 */
export async function resolveNode(c: Context<AppEnv>, id: number, need: number): Promise<FileNode> {
  const granted = await fileAccess(c.var.db, requireAuth(c).user.id, id);
  if (!granted) throw notFound("No such file or folder");
  if (need & CREATE && !granted.node.isFolder) throw conflict("This is a file, not a folder");
  if ((granted.permissions & need) !== need) throw forbidden("You may not do this here");
  return granted.node;
}

/** The services a request works with, for its user; the view is made once per request. */
export function servicesFor(c: Context<AppEnv>) {
  const user = requireAuth(c).user;
  let view: Promise<UserView> | undefined;
  return { user, files: fileServiceFor(c), favorites: new FavoriteService(c.var.db, user.id), view: () => (view ??= UserView.of(c.var.db, user)) };
}

const grantIn = (node: FileNode, mount: Mount | undefined): NodeGrant =>
  mount ? { bits: bitsFor(node.isFolder, mount.permissions), mount, mountRoot: node.id === mount.node.id } : ownGrant(node);

export interface NodeEntry {
  node: FileNode;
  /** Names from the asker's root, when the caller knows them. */
  names?: readonly string[];
  /** The mount the node came through, when the caller knows it (undefined: their own tree). */
  mount?: Mount;
}

/** Nodes as JSON with their paths in the asker's view, their rights and stars: a few queries whatever their number. */
export async function nodesJson(c: Context<AppEnv>, entries: readonly NodeEntry[]): Promise<NodeJson[]> {
  const services = servicesFor(c);
  const view = await services.view();
  const starred = await services.favorites.among(entries.map((e) => e.node.id));
  // Places are looked up together: a list of recent files or search hits costs three queries, not one per hit.
  const placed = await placeNodes(view, entries.filter((e) => !e.names).map((e) => e.node.id));
  const places = entries.map((e) => {
    if (e.names) return { names: [...e.names], mount: e.mount };
    const found = placed.get(e.node.id);
    return found?.names ? { names: found.names, mount: found.mount } : { names: [e.node.name], mount: undefined };
  });
  return entries.map((e, i) => nodeJson(e.node, places[i]!.names, starred.has(e.node.id), grantIn(e.node, places[i]!.mount)));
}
