import { findUser } from "../accounts/users";
import { quotaFigures } from "../storage/quota";
import { homeRootOf, type FileNode } from "../storage/tree";
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
 * received share, its sharer's. One lookup per such tree, and none unless the request asks.
 */
export async function foreignOwnerFigures(dav: Dav, nodes: readonly FileNode[], request: PropRequest): Promise<Map<string, OwnerFigures>> {
  const owners = [...new Set(nodes.map((n) => n.ownerId))].filter((id) => id !== dav.user.id);
  if (!owners.length || !wantsOwnerFigures(request)) return new Map();
  const figures = await Promise.all(
    owners.map(async (id): Promise<[string, OwnerFigures] | null> => {
      const [owner, root] = await Promise.all([findUser(dav.db, id), homeRootOf(dav.db, id)]);
      if (!owner) return null;
      return [id, { ownerDisplayName: owner.displayName, quota: await quotaFigures(dav.db, dav.c.var.config, owner, root) }];
    }),
  );
  return new Map(figures.filter((f) => f !== null));
}
