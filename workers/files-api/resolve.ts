import type { Context } from "hono";
import { requireAuth } from "../accounts/authenticate";
import { FavoriteService } from "../favorites/service";
import type { AppEnv } from "../http/app-env";
import { forbidden, notFound } from "../http/errors";
import { fileAccess, type FileAccess } from "../storage/access";
import { namesOf, type FileNode } from "../storage/tree";
import { fileServiceFor } from "../webdav/context";
import { nodeJson, type NodeJson } from "./node-json";

/**
 * A node id from the URL or a body, through fileAccess: what the asker may not reach is a 404,
 * exactly like what does not exist, so ids reveal nothing.
 */
export async function resolveNode(c: Context<AppEnv>, id: number, need: FileAccess): Promise<FileNode> {
  const granted = await fileAccess(c.var.db, requireAuth(c).user.id, id);
  if (!granted) throw notFound("No such file or folder");
  if (need === "write" && granted.access !== "write") throw forbidden("You may only read this");
  return granted.node;
}

/** The services a request works with, for its user. */
export function servicesFor(c: Context<AppEnv>) {
  const user = requireAuth(c).user;
  return { user, files: fileServiceFor(c), favorites: new FavoriteService(c.var.db, user.id) };
}

/** Nodes as JSON with their paths and the asker's stars: a few queries whatever their number. */
export async function nodesJson(c: Context<AppEnv>, entries: readonly { node: FileNode; names?: readonly string[] }[]): Promise<NodeJson[]> {
  const { favorites } = servicesFor(c);
  const starred = await favorites.among(entries.map((e) => e.node.id));
  const names = await Promise.all(entries.map((e) => (e.names ? e.names : namesOf(c.var.db, e.node))));
  return entries.map((e, i) => nodeJson(e.node, names[i]!, starred.has(e.node.id)));
}
