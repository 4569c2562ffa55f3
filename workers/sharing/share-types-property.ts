import { sql } from "drizzle-orm";
import { idSubquery, isEmptyIdSet } from "../db/id-set";
import type { PropertySource } from "../webdav/property-source";
import { propertyKey } from "../webdav/properties";
import { OC_NS } from "../webdav/xml";

/**
 * `oc:share-types`: the kinds of share on each node (0 user, 1 group, 3 link, 4 e-mail), as the
 * clients show a shared icon: the asker's own shares, and on what they own (their personal tree,
 * the spaces they manage), everyone's. One query for a whole listing.
 */
export const shareTypesProperty: PropertySource = {
  keys: [propertyKey(OC_NS, "share-types")],
  inAllprop: true,
  membersOnly: true,
  async load({ user, ids, read }) {
    const rows = !isEmptyIdSet(ids)
      ? await read<{ node_id: number; share_type: number }>(sql`
          SELECT DISTINCT s.node_id, s.share_type FROM shares s JOIN file_nodes n ON n.id = s.node_id
          WHERE s.node_id IN (${idSubquery(ids)})
            AND (s.initiator_id = ${user.id} OR (n.owner_id = ${user.id} AND n.space_id IS NULL)
              OR n.space_id IN (SELECT CAST(m.space_id AS TEXT) FROM space_members m WHERE m.role = 'manage'
                AND ((m.principal_type = 'user' AND m.principal_id = ${user.id})
                  OR (m.principal_type = 'group' AND m.principal_id IN (SELECT group_id FROM group_members WHERE user_id = ${user.id})))))
          ORDER BY s.share_type`)
      : [];
    const byNode = new Map<number, number[]>();
    for (const r of rows) byNode.set(r.node_id, [...(byNode.get(r.node_id) ?? []), r.share_type]);
    return (node) => (byNode.get(node.id) ?? []).map((t) => `<oc:share-type>${t}</oc:share-type>`).join("");
  },
};
