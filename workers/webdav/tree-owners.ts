import type { Reader } from "../db/read-together";
import { accountsFigures } from "../storage/quota";
import type { FileNode } from "../storage/tree";
import type { Dav } from "./context";
import type { PropRequest } from "./prop-request";
import { propertyKey, type PropertyContext } from "./properties";
import { DAV_NS, OC_NS } from "./xml";

export type OwnerFigures = Pick<PropertyContext, "ownerDisplayName" | "quota">;

const OWNER_KEYS = new Set([propertyKey(DAV_NS, "quota-used-bytes"), propertyKey(DAV_NS, "quota-available-bytes"), propertyKey(OC_NS, "owner-display-name")]);

const wantsOwnerFigures = (request: PropRequest) =>
  request.kind === "allprop" || (request.kind === "prop" && request.props.some((p) => OWNER_KEYS.has(propertyKey(p.ns, p.local))));

/**
 * The owner's name and quota for nodes of trees the asker does not own: a space shows its own quota
 * (clients check quota-available-bytes before uploading into a folder) and its name as owner; a
 * received share, its sharer's. One statement for all such trees (through `read`, so that it can share
 * a batch), none unless the request asks, and none for owners already in `known`.
 */
export async function foreignOwnerFigures(
  dav: Dav,
  nodes: readonly FileNode[],
  request: PropRequest,
  read: Reader,
  known: ReadonlyMap<string, OwnerFigures> = new Map(),
): Promise<Map<string, OwnerFigures>> {
  const owners = [...new Set(nodes.map((n) => n.ownerId))].filter((id) => id !== dav.user.id && !known.has(id));
  if (!owners.length || !wantsOwnerFigures(request)) return new Map(known);
  const figures = await accountsFigures(read, dav.c.var.config, owners);
  const all = new Map(known);
  for (const [id, { displayName, quota }] of figures) all.set(id, { ownerDisplayName: displayName, quota });
  return all;
}
