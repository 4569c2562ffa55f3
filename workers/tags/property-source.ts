import type { PropertySource } from "../webdav/property-source";
import { propertyKey } from "../webdav/properties";
import { escapeXml, NC_NS } from "../webdav/xml";
import { canAssignTag, TagService } from "./service";

/** `nc:system-tags` on files, as Nextcloud 28+ renders it: one `<nc:system-tag>` per visible tag. */
export const systemTagsProperty: PropertySource = {
  keys: [propertyKey(NC_NS, "system-tags")],
  membersOnly: true,
  async load({ db, user, ids, read }) {
    const byNode = await new TagService(db, user).tagsOfNodes(ids, read);
    return (node) =>
      (byNode.get(node.id) ?? [])
        .map(
          (tag) =>
            `<nc:system-tag oc:can-assign="${canAssignTag(tag, user)}" oc:id="${tag.id}" oc:user-assignable="${tag.userAssignable}" oc:user-visible="${tag.userVisible}">${escapeXml(tag.name)}</nc:system-tag>`,
        )
        .join("");
  },
};
