import type { PropertySource } from "../webdav/property-source";
import { propertyKey } from "../webdav/properties";
import { OC_NS } from "../webdav/xml";
import { FavoriteService } from "./service";

/** `oc:favorite`: 1 when the asker starred the node, from one query for a whole listing. */
export const favoriteProperty: PropertySource = {
  keys: [propertyKey(OC_NS, "favorite")],
  inAllprop: true,
  membersOnly: true,
  async load({ db, user, ids, read }) {
    const starred = await new FavoriteService(db, user.id).among(ids, read);
    return (node) => (starred.has(node.id) ? "1" : "0");
  },
};
