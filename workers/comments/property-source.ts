import type { PropertySource } from "../webdav/property-source";
import { propertyKey } from "../webdav/properties";
import { OC_NS } from "../webdav/xml";
import { COMMENTS_BASE } from "./dav";
import { CommentService } from "./service";

const HREF = propertyKey(OC_NS, "comments-href");
const COUNT = propertyKey(OC_NS, "comments-count");
const UNREAD = propertyKey(OC_NS, "comments-unread");

/** The comment figures the files list shows (Nextcloud's CommentPropertiesPlugin). */
export const commentCountsProperty: PropertySource = {
  keys: [HREF, COUNT, UNREAD],
  membersOnly: true,
  async load({ db, user, ids, read }) {
    const counts = await new CommentService(db, user).countsOf(ids, read);
    return (node, key) => {
      // Nextcloud sends an absolute URL; the path is what a property source can know, and clients resolve it.
      if (key === HREF) return `${COMMENTS_BASE}/files/${node.id}`;
      const figures = counts.get(node.id);
      return String(key === COUNT ? (figures?.count ?? 0) : (figures?.unread ?? 0));
    };
  },
};
